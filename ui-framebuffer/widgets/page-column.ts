import type { Rect } from '../../drivers/display/types.js';
import { font } from '../../runtime/fonts.js';
import { roundRect } from '../draw.js';
import type { RenderContext, Target } from '../screen.js';
import { drawIcon } from './icons.js';

/** Width of the page column: an arrow key at least, and "Trang" / "88/88" in small bold. */
export function pageColumnWidth(rc: RenderContext): number {
  const { g, theme, scale } = rc;
  g.font = font(theme.size.small * scale, 700);
  const widest = Math.max(...['Trang', 'Page', '88/88'].map((t) => g.measureText(t).width));
  return Math.max(Math.round(theme.minKey * scale * 1.2), Math.ceil(widest + 12 * scale));
}

/**
 * Draws a page column in `rect`: ▲ on top, the page word and "2/4" in the middle, ▼ at the
 * bottom (an arrow greyed where there is no page that way); returns the two arrow rectangles.
 * A `rect` wider than high is a page row: ▲ at the left, "Trang 2/4" on one line, ▼ at the right
 * (under a narrow text, where a column would take the width the words need).
 * One drawing for the review/prefill page column, the paged text's and the conversation's.
 */
export function drawPageColumn(
  rc: RenderContext,
  rect: Rect,
  page: number,
  pages: number,
  text: { word: string; size: number; step: number },
): { up: Rect; down: Rect } {
  const { g, theme, scale } = rc;
  const across = rect.width > rect.height;
  const arrow = across
    ? Math.min(Math.round(96 * scale), Math.floor(rect.width / 3))
    : Math.min(Math.round(72 * scale), Math.floor(rect.height / 3));
  const up: Rect = across
    ? { x: rect.x, y: rect.y, width: arrow, height: rect.height }
    : { x: rect.x, y: rect.y, width: rect.width, height: arrow };
  const down: Rect = across
    ? { x: rect.x + rect.width - arrow, y: rect.y, width: arrow, height: rect.height }
    : { x: rect.x, y: rect.y + rect.height - arrow, width: rect.width, height: arrow };
  for (const [r, icon, on] of [
    [up, 'up', page > 0],
    [down, 'down', page < pages - 1],
  ] as const) {
    roundRect(g, r, theme.radius * scale);
    g.fillStyle = theme.surface;
    g.fill();
    g.lineWidth = 2 * scale;
    g.strokeStyle = theme.mutedText;
    g.stroke();
    const size = Math.min(r.width, r.height) * 0.56;
    drawIcon(
      g,
      icon,
      { x: r.x + (r.width - size) / 2, y: r.y + (r.height - size) / 2, width: size, height: size },
      on ? theme.text : theme.mutedText,
    );
  }
  g.fillStyle = theme.text;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.font = font(text.size, 700);
  if (across) {
    g.fillText(`${text.word} ${page + 1}/${pages}`, (up.x + up.width + down.x) / 2, rect.y + rect.height / 2);
    return { up, down };
  }
  const mid = (up.y + up.height + down.y) / 2;
  g.fillText(text.word, rect.x + rect.width / 2, mid - text.step / 2);
  g.fillText(`${page + 1}/${pages}`, rect.x + rect.width / 2, mid + text.step / 2);
  return { up, down };
}

/** ▲ on top, "Trang 2/4" in the middle, ▼ at the bottom of `rect`; touch targets page:prev/next. */
export function pageColumn(
  rc: RenderContext,
  rect: Rect,
  page: number,
  pages: number,
  turn: (page: number) => void,
): Target[] {
  const { theme, scale, lang } = rc;
  const vi = lang === 'vi';
  const size = theme.size.small * scale;
  const { up, down } = drawPageColumn(rc, rect, page, pages, {
    word: vi ? 'Trang' : 'Page',
    size,
    step: size * 1.15,
  });
  return [
    {
      id: 'page:prev',
      rect: up,
      label: vi
        ? `Trang trước, đang ở trang ${page + 1}/${pages}`
        : `Previous page, on page ${page + 1}/${pages}`,
      activate: () => turn(Math.max(0, page - 1)),
    },
    {
      id: 'page:next',
      rect: down,
      label: vi ? `Trang sau, đang ở trang ${page + 1}/${pages}` : `Next page, on page ${page + 1}/${pages}`,
      activate: () => turn(Math.min(pages - 1, page + 1)),
    },
  ];
}
