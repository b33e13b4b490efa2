import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { describeOpening } from '../../domain/queue/opening-hours.js';
import { gridCells, roundRect, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import { drawBadge, ellipsize, header } from '../widgets/index.js';
import type { FlowDeps } from './flow-deps.js';
import { routeScan, takeNumber } from '../../flows/flow-actions.js';

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
export function createGroupsScreen(nav: Navigator, deps: FlowDeps): Screen {
  const name = (g: { name: string; nameEn?: string }, lang: 'vi' | 'en'): string =>
    lang === 'en' && g.nameEn ? g.nameEn : g.name;
  return {
    name: 'groups',
    speech: (lang) =>
      lang === 'vi'
        ? `Chọn lĩnh vực cần giải quyết. ${deps.queue
            .groups()
            .slice(0, 9)
            .map((g, i) => `Số ${i + 1}: ${g.name}.`)
            .join(' ')}`
        : `Choose a service. ${deps.queue
            .groups()
            .slice(0, 9)
            .map((g, i) => `${i + 1}: ${name(g, 'en')}.`)
            .join(' ')}`,
    describe: () => ({
      groups: deps.queue
        .groups()
        .map((g) => ({ id: g.id, prefix: g.prefix, open: deps.queue.availability(g.id).open })),
    }),
    onScan: (data) => routeScan(nav, deps, data),
    render(rc) {
      const { lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        vi ? 'Chọn lĩnh vực' : 'Choose a service',
        vi ? 'Bấm số tương ứng để lấy số thứ tự' : 'Press the number to take a queue number',
      );
      const groups = deps.queue.groups().slice(0, 9);
      const columns = groups.length > 4 ? 2 : groups.length > 2 ? 2 : 1;
      const cells = gridCells(area, groups.length, columns, rc.theme.spacing * rc.scale);
      return groups.map((g, i): Target => {
        const a = deps.queue.availability(g.id, rc.now);
        const counters = `${vi ? 'Quầy' : 'Counter'} ${g.counters.join(', ')}`;
        const detail = a.open
          ? `${counters} · ${vi ? 'Đang chờ' : 'Waiting'}: ${deps.queue.waiting(g.id)}`
          : `${vi ? 'Mở lúc' : 'Opens'} ${describeOpening(a.next, lang)}`;
        const rect = cells[i] as Rect;
        const badge = String(i + 1) as ButtonId;
        const title = `${g.prefix} · ${name(g, lang)}`;
        groupTile(rc, rect, badge, title, detail, !a.open);
        return {
          id: `group:${g.id}`,
          rect,
          button: badge,
          label: `${i + 1}. ${title}`,
          activate: () => takeNumber(nav, deps, g.id),
        };
      });
    },
  };
}
