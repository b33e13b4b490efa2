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

/** Where a tile's number badge sits: left of everything, or below the name beside the details. */
type TileLayout = 'side' | 'below';

/** One group tile's text, placed: what is drawn where. */
interface TilePlan {
  layout: TileLayout;
  badge: Rect;
  /** The name's lines, its size and left edge; `whole` when nothing of it was cut. */
  name: { lines: string[]; px: number; x: number; whole: boolean };
  details: { lines: string[]; x: number };
}

const LINE_HEIGHT = 1.12;

/**
 * Places one group tile: number badge, "A · name" and its state ("Quầy 1, 2 · Đang chờ: 3" on one
 * line when it fits, else one part a line, so a count is never cut; the name gives way first: it
 * shrinks to the theme's least size, then, with two lines at most, ends with "…"). With the badge
 * `side` the text sits right of it; `below` gives the name the tile's whole width and puts the
 * badge under it, beside the details, for names too long for the narrower column.
 */
function planTile(
  rc: RenderContext,
  rect: Rect,
  title: string,
  detailParts: readonly string[],
  closed: boolean,
  layout: TileLayout,
): TilePlan {
  const { g, theme, scale } = rc;
  const pad = 10 * scale;
  const gap = theme.spacing * scale;
  const small = theme.size.small * scale;
  const sideBadge = Math.min(rect.height - 16 * scale, 52 * scale);
  const nameX = layout === 'side' ? rect.x + pad + sideBadge + gap : rect.x + gap;
  const nameWidth = rect.x + rect.width - nameX - gap;
  const wrapDetails = (width: number): string[] => {
    g.font = font(small, closed ? 700 : 400);
    const joined = detailParts.join(' · ');
    return g.measureText(joined).width <= width
      ? [joined]
      : detailParts.flatMap((p) => wrapText(g, p, width));
  };
  // Below the name the badge is as tall as the details (within 40-52 px) and they sit right of it.
  let details = wrapDetails(nameWidth);
  let belowBadge = 0;
  if (layout === 'below') {
    belowBadge = Math.min(52 * scale, Math.max(40 * scale, small * LINE_HEIGHT));
    details = wrapDetails(rect.x + rect.width - (rect.x + pad + belowBadge + gap) - gap);
    belowBadge = Math.min(52 * scale, Math.max(40 * scale, small * LINE_HEIGHT * details.length));
  }
  const detailHeight = Math.max(small * LINE_HEIGHT * details.length, belowBadge);
  const roomAt = (px: number): number =>
    Math.max(1, Math.min(2, Math.floor((rect.height - detailHeight - 4 * scale) / (px * LINE_HEIGHT))));
  // The name at the body size, or down to the theme's least when that shows all of it.
  let px = theme.size.body * scale;
  g.font = font(px, 700);
  let lines = wrapText(g, title, nameWidth);
  while (lines.length > roomAt(px) && px > theme.size.least * scale) {
    px = Math.max(theme.size.least * scale, px - 1);
    g.font = font(px, 700);
    lines = wrapText(g, title, nameWidth);
  }
  const shown = lines.slice(0, roomAt(px));
  const whole = lines.length === shown.length;
  if (!whole) shown[shown.length - 1] = ellipsize(g, `${shown[shown.length - 1] ?? ''}…`, nameWidth);
  const block = shown.length * px * LINE_HEIGHT + detailHeight;
  const top = rect.y + (rect.height - block) / 2;
  const badge =
    layout === 'side'
      ? { x: rect.x + pad, y: rect.y + (rect.height - sideBadge) / 2, width: sideBadge, height: sideBadge }
      : {
          x: rect.x + pad,
          y: top + shown.length * px * LINE_HEIGHT + (detailHeight - belowBadge) / 2,
          width: belowBadge,
          height: belowBadge,
        };
  return {
    layout,
    badge,
    name: { lines: shown, px, x: nameX, whole },
    details: { lines: details, x: layout === 'side' ? nameX : badge.x + badge.width + gap },
  };
}

/** Draws a planned tile; returns the lines drawn (name, then details). */
function drawGroupTile(
  rc: RenderContext,
  rect: Rect,
  badge: ButtonId,
  plan: TilePlan,
  closed: boolean,
): string[] {
  const { g, theme, scale } = rc;
  roundRect(g, rect, theme.radius * scale);
  g.fillStyle = theme.surface;
  g.fill();
  g.lineWidth = 2 * scale;
  g.strokeStyle = theme.mutedText;
  g.stroke();
  drawBadge(rc, plan.badge, badge);
  const { name, details } = plan;
  const small = theme.size.small * scale;
  const nameHeight = name.lines.length * name.px * LINE_HEIGHT;
  const detailHeight = Math.max(
    details.lines.length * small * LINE_HEIGHT,
    plan.layout === 'below' ? plan.badge.height : 0,
  );
  const top = rect.y + (rect.height - nameHeight - detailHeight) / 2;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.font = font(name.px, 700);
  g.fillStyle = theme.text;
  const nameWidth = rect.x + rect.width - name.x - theme.spacing * scale;
  name.lines.forEach((line, i) =>
    g.fillText(line, name.x, top + (i + 0.5) * name.px * LINE_HEIGHT, nameWidth),
  );
  g.font = font(small, closed ? 700 : 400);
  g.fillStyle = closed ? theme.danger : theme.mutedText;
  const detailWidth = rect.x + rect.width - details.x - theme.spacing * scale;
  const detailTop = top + nameHeight + (detailHeight - details.lines.length * small * LINE_HEIGHT) / 2;
  details.lines.forEach((line, i) =>
    g.fillText(line, details.x, detailTop + (i + 0.5) * small * LINE_HEIGHT, detailWidth),
  );
  return [...name.lines, ...details.lines];
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
  /** Each tile's name as drawn (its lines), for the state. */
  const shownNames = new Map<string, string[]>();
  return {
    name: 'groups',
    speech: (lang) => deps.speech(lang, deps.groups().slice(0, MAX), priority),
    describe: () => ({
      priority,
      groups: deps.groups().map((g) => ({ id: g.id, prefix: g.prefix, open: g.open })),
      shown: Object.fromEntries(shownLines),
      names: Object.fromEntries(shownNames),
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
      const bar = priority ? 0 : Math.round(Math.max(56, theme.minKey) * scale);
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
      const tiles = groups.map((g, i) => {
        const counters = `${vi ? 'Quầy' : 'Counter'} ${g.counters.join(', ')}`;
        const detail = g.open
          ? [counters, `${vi ? 'Đang chờ' : 'Waiting'}: ${g.waiting}`]
          : [`${vi ? 'Mở lúc' : 'Opens'} ${tr(g.opens, lang)}`];
        return { g, rect: cells[i] as Rect, title: `${g.prefix} · ${tr(g.name, lang)}`, detail };
      });
      // Every tile the same way: the badge below the name only when that shows more names whole.
      const plan = (layout: TileLayout) =>
        tiles.map((t) => planTile(rc, t.rect, t.title, t.detail, !t.g.open, layout));
      const whole = (plans: TilePlan[]): number => plans.filter((p) => p.name.whole).length;
      const side = plan('side');
      const below = whole(side) < side.length ? plan('below') : side;
      const plans = whole(below) > whole(side) ? below : side;
      const targets = tiles.map((t, i): Target => {
        const badge = String(i + 1) as ButtonId;
        const tilePlan = plans[i] as TilePlan;
        shownLines.set(t.g.id, drawGroupTile(rc, t.rect, badge, tilePlan, !t.g.open));
        shownNames.set(t.g.id, tilePlan.name.lines);
        return {
          id: `group:${t.g.id}`,
          rect: t.rect,
          button: badge,
          label: `${i + 1}. ${t.title}`,
          activate: () => deps.takeNumber(t.g.id),
        };
      });
      return [...targets, ...offer];
    },
  };
}
