import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { gridCells, roundRect, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import { button, drawBadge, ellipsize, header } from '../widgets/index.js';

/** A service group as its tile shows it, at one instant. */
export interface GroupTileView {
  id: string;
  prefix: string;
  name: Localized;
  counters: readonly number[];
  open: boolean;
  /** Tickets waiting now (shown while open). */
  waiting: number;
  /** When it opens next, in words (shown while closed). */
  opens: Localized;
}

export interface GroupsScreenDeps {
  /** Whether this choice issues a priority (ưu tiên) ticket; else 9 offers one. */
  priority?: boolean;
  /** The groups in order, as at `now` (default: the clock's now). */
  groups(now?: number): GroupTileView[];
  /** Takes a number for `groupId` (outside its hours the closed screen says when it opens). */
  takeNumber(groupId: string): void | Promise<void>;
  /** The numbered list of groups, read aloud (and, unless `priority`, the offer of a priority number). */
  speech(lang: Lang, groups: readonly GroupTileView[], priority: boolean): string;
}

/**
 * One group as a big tile: number badge, "A · name" (two lines at most, cut with "…") and its
 * state below: the detail parts on one line when they fit ("Quầy 1, 2 · Đang chờ: 3"), else one
 * part a line, so a count is never cut (the name gives way first). Returns the lines drawn.
 */
function groupTile(
  rc: RenderContext,
  rect: Rect,
  badge: ButtonId,
  title: string,
  detailParts: readonly string[],
  closed: boolean,
): string[] {
  const { g, theme, scale } = rc;
  roundRect(g, rect, theme.radius * scale);
  g.fillStyle = theme.surface;
  g.fill();
  g.lineWidth = 2 * scale;
  g.strokeStyle = theme.mutedText;
  g.stroke();
  const size = Math.min(rect.height - 16 * scale, 52 * scale);
  drawBadge(
    rc,
    { x: rect.x + 10 * scale, y: rect.y + (rect.height - size) / 2, width: size, height: size },
    badge,
  );
  const x = rect.x + 10 * scale + size + theme.spacing * scale;
  const maxWidth = rect.x + rect.width - x - theme.spacing * scale;
  const small = theme.size.small * scale;
  const lineHeight = 1.12;
  g.font = font(small, closed ? 700 : 400);
  const joined = detailParts.join(' · ');
  const details =
    g.measureText(joined).width <= maxWidth ? [joined] : detailParts.flatMap((p) => wrapText(g, p, maxWidth));
  const detailHeight = small * lineHeight * details.length;
  // The name at the body size, or down to the theme's least when that shows all of it.
  let body = theme.size.body * scale;
  const roomAt = (px: number): number =>
    Math.max(1, Math.min(2, Math.floor((rect.height - detailHeight - 8 * scale) / (px * lineHeight))));
  g.font = font(body, 700);
  let lines = wrapText(g, title, maxWidth);
  while (lines.length > roomAt(body) && body > theme.size.least * scale) {
    body = Math.max(theme.size.least * scale, body - 1);
    g.font = font(body, 700);
    lines = wrapText(g, title, maxWidth);
  }
  const shown = lines.slice(0, roomAt(body));
  if (lines.length > shown.length)
    shown[shown.length - 1] = ellipsize(g, `${shown[shown.length - 1] ?? ''}…`, maxWidth);
  const block = shown.length * body * lineHeight + detailHeight;
  let y = rect.y + (rect.height - block) / 2 + (body * lineHeight) / 2;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.fillStyle = theme.text;
  for (const line of shown) {
    g.fillText(line, x, y, maxWidth);
    y += body * lineHeight;
  }
  g.font = font(small, closed ? 700 : 400);
  g.fillStyle = closed ? theme.danger : theme.mutedText;
  let dy = y - (body * lineHeight) / 2 + (small * lineHeight) / 2;
  for (const line of details) {
    g.fillText(line, x, dy, maxWidth);
    dy += small * lineHeight;
  }
  return [...shown, ...details];
}

/**
 * "Chọn lĩnh vực": the service groups with their prefix letter, counters and how many are
 * waiting; closed groups say when they open. Picking one takes a number for it. Up to 8 groups
 * fit one page as a two-column grid, each on its own number button; 9 (a bar below them) opens
 * the same choice for a priority number, whose screen says so in its title.
 */
export function createGroupsScreen(nav: Navigator, deps: GroupsScreenDeps): Screen {
  const priority = deps.priority === true;
  const MAX = 8;
  /** What each tile shows (as drawn last), for the state. */
  const shownLines = new Map<string, string[]>();
  return {
    name: 'groups',
    speech: (lang) => deps.speech(lang, deps.groups().slice(0, MAX), priority),
    describe: () => ({
      priority,
      groups: deps.groups().map((g) => ({ id: g.id, prefix: g.prefix, open: g.open })),
      shown: Object.fromEntries(shownLines),
    }),
    routesScans: true,
    render(rc) {
      const { lang, theme, scale } = rc;
      const vi = lang === 'vi';
      const full = header(
        rc,
        priority
          ? vi
            ? 'Số ưu tiên: chọn lĩnh vực'
            : 'Priority: choose a service'
          : vi
            ? 'Chọn lĩnh vực'
            : 'Choose a service',
        priority
          ? vi
            ? 'Người cao tuổi, khuyết tật, mang thai, có con nhỏ'
            : 'Older people, disabilities, pregnancy, small children'
          : // In the large theme the tiles need the room (the voice says to press a number).
            theme.name === 'large'
            ? undefined
            : vi
              ? 'Bấm số tương ứng để lấy số thứ tự'
              : 'Press the number to take a queue number',
      );
      const gap = theme.spacing * scale;
      const bar = priority ? 0 : Math.round(56 * scale);
      const area = { ...full, height: full.height - (bar ? bar + gap : 0) };
      const groups = deps.groups(rc.now).slice(0, MAX);
      const columns = groups.length > 2 ? 2 : 1;
      const cells = gridCells(area, groups.length, columns, gap);
      const offer: Target[] = [];
      if (bar) {
        const t = button(rc, {
          id: 'priority',
          rect: { ...full, y: full.y + full.height - bar, height: bar },
          label: vi ? 'Lấy số ưu tiên' : 'Priority number',
          button: '9',
          activate: () => nav.open('groups', { priority: true }),
        });
        if (t) offer.push(t);
      }
      const tiles = groups.map((g, i): Target => {
        const counters = `${vi ? 'Quầy' : 'Counter'} ${g.counters.join(', ')}`;
        const detail = g.open
          ? [counters, `${vi ? 'Đang chờ' : 'Waiting'}: ${g.waiting}`]
          : [`${vi ? 'Mở lúc' : 'Opens'} ${tr(g.opens, lang)}`];
        const rect = cells[i] as Rect;
        const badge = String(i + 1) as ButtonId;
        const title = `${g.prefix} · ${tr(g.name, lang)}`;
        shownLines.set(g.id, groupTile(rc, rect, badge, title, detail, !g.open));
        return {
          id: `group:${g.id}`,
          rect,
          button: badge,
          label: `${i + 1}. ${title}`,
          activate: () => deps.takeNumber(g.id),
        };
      });
      return [...tiles, ...offer];
    },
  };
}
