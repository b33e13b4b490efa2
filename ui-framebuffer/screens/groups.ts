import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { gridCells, roundRect, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import { drawBadge, ellipsize, header } from '../widgets/index.js';

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
  /** The groups in order, as at `now` (default: the clock's now). */
  groups(now?: number): GroupTileView[];
  /** Takes a number for `groupId` (outside its hours the closed screen says when it opens). */
  takeNumber(groupId: string): void | Promise<void>;
  /** The numbered list of groups, read aloud. */
  speech(lang: Lang, groups: readonly GroupTileView[]): string;
}

/** One group as a big tile: number badge, "A · name" (two lines at most) and its state below. */
function groupTile(
  rc: RenderContext,
  rect: Rect,
  badge: ButtonId,
  title: string,
  detail: string,
  closed: boolean,
): void {
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
  const body = theme.size.body * scale;
  const small = theme.size.small * scale;
  g.font = font(body, 700);
  const room = Math.max(1, Math.floor((rect.height - small * 1.3 - 8 * scale) / (body * 1.15)));
  const lines = wrapText(g, title, maxWidth);
  const shown = lines.slice(0, Math.min(2, room));
  if (lines.length > shown.length)
    shown[shown.length - 1] = ellipsize(g, `${shown[shown.length - 1] ?? ''}…`, maxWidth);
  const block = shown.length * body * 1.15 + small * 1.3;
  let y = rect.y + (rect.height - block) / 2 + body * 0.55;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.fillStyle = theme.text;
  for (const line of shown) {
    g.fillText(line, x, y, maxWidth);
    y += body * 1.15;
  }
  g.font = font(small, closed ? 700 : 400);
  g.fillStyle = closed ? theme.danger : theme.mutedText;
  g.fillText(ellipsize(g, detail, maxWidth), x, y - body * 0.55 + small * 0.65, maxWidth);
}

/**
 * "Chọn lĩnh vực": the service groups with their prefix letter, counters and how many are
 * waiting; closed groups say when they open. Picking one takes a number for it. Up to 8 groups
 * fit one page as a two-column grid, each on its own number button.
 */
export function createGroupsScreen(nav: Navigator, deps: GroupsScreenDeps): Screen {
  return {
    name: 'groups',
    speech: (lang) => deps.speech(lang, deps.groups().slice(0, 9)),
    describe: () => ({
      groups: deps.groups().map((g) => ({ id: g.id, prefix: g.prefix, open: g.open })),
    }),
    routesScans: true,
    render(rc) {
      const { lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        vi ? 'Chọn lĩnh vực' : 'Choose a service',
        vi ? 'Bấm số tương ứng để lấy số thứ tự' : 'Press the number to take a queue number',
      );
      const groups = deps.groups(rc.now).slice(0, 9);
      const columns = groups.length > 4 ? 2 : groups.length > 2 ? 2 : 1;
      const cells = gridCells(area, groups.length, columns, rc.theme.spacing * rc.scale);
      return groups.map((g, i): Target => {
        const counters = `${vi ? 'Quầy' : 'Counter'} ${g.counters.join(', ')}`;
        const detail = g.open
          ? `${counters} · ${vi ? 'Đang chờ' : 'Waiting'}: ${g.waiting}`
          : `${vi ? 'Mở lúc' : 'Opens'} ${tr(g.opens, lang)}`;
        const rect = cells[i] as Rect;
        const badge = String(i + 1) as ButtonId;
        const title = `${g.prefix} · ${tr(g.name, lang)}`;
        groupTile(rc, rect, badge, title, detail, !g.open);
        return {
          id: `group:${g.id}`,
          rect,
          button: badge,
          label: `${i + 1}. ${title}`,
          activate: () => deps.takeNumber(g.id),
        };
      });
    },
  };
}
