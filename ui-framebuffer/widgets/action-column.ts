import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { font } from '../../runtime/fonts.js';
import { roundRect, wrapText } from '../draw.js';
import type { RenderContext, Target } from '../screen.js';
import { drawBadge } from './button.js';

/** One numbered button of the column: its physical number is its place in the whole list. */
export interface ColumnAction {
  id: string;
  label: string;
  activate(): void | Promise<void>;
}

/** The tallest a row grows to when the column has room to spare (reference px). */
const MAX_ROW = 84;

interface Geometry {
  badge: number;
  textX: number;
  textWidth: number;
  size: number;
  line: number;
  pad: number;
}

function geometry(rc: RenderContext, width: number): Geometry {
  const { theme, scale } = rc;
  const badge = Math.round(44 * scale);
  const textX = 8 * scale + badge + 10 * scale;
  const size = theme.size.small * scale;
  return { badge, textX, textWidth: width - textX - 8 * scale, size, line: size * 1.12, pad: 8 * scale };
}

/** The label's lines at the column's text size (bold), whole. */
function labelLines(rc: RenderContext, label: string, g: Geometry): string[] {
  rc.g.font = font(g.size, 700);
  return wrapText(rc.g, label, g.textWidth);
}

/** Height a row needs for `lines` lines: at least a key (60 px in the large theme). */
function rowHeight(rc: RenderContext, lines: number, g: Geometry): number {
  return Math.ceil(Math.max(rc.theme.minKey * rc.scale, lines * g.line + 2 * g.pad));
}

/** Rows of one page: which action (index in the list, or -1 for "more") and its height. */
export interface ColumnPage {
  rows: { index: number; height: number }[];
}

/**
 * Splits `actions` into pages of a column `rect.height` high, every label whole (as many
 * lines as it takes): one page when they all fit, otherwise pages that each end with the "more" button
 * (labelled by `more(page, pages)`, button 9).
 */
export function columnPages(
  rc: RenderContext,
  rect: Rect,
  actions: readonly ColumnAction[],
  more: (page: number, pages: number) => string,
): ColumnPage[] {
  const g = geometry(rc, rect.width);
  const gap = Math.round(8 * rc.scale);
  const heights = actions.map((a) => rowHeight(rc, labelLines(rc, a.label, g).length, g));
  const total = heights.reduce((s, h) => s + h, 0) + gap * Math.max(0, heights.length - 1);
  if (total <= rect.height) {
    // Room to spare goes to the rows, up to a comfortable height.
    const spare = (rect.height - total) / Math.max(1, heights.length);
    const grown = heights.map((h) => Math.floor(Math.max(h, Math.min(MAX_ROW * rc.scale, h + spare))));
    return [{ rows: grown.map((height, index) => ({ index, height })) }];
  }
  const moreHeight = rowHeight(rc, labelLines(rc, more(0, 9), g).length, g);
  const pages: ColumnPage[] = [];
  let rows: ColumnPage['rows'] = [];
  let used = moreHeight;
  heights.forEach((height, index) => {
    if (rows.length > 0 && used + gap + height > rect.height) {
      pages.push({ rows: [...rows, { index: -1, height: moreHeight }] });
      rows = [];
      used = moreHeight;
    }
    rows.push({ index, height });
    used += gap + height;
  });
  pages.push({ rows: [...rows, { index: -1, height: moreHeight }] });
  return pages;
}

/** One numbered button: badge on the left, the label whole on as many lines as it takes. */
function columnButton(rc: RenderContext, rect: Rect, button: ButtonId, label: string): void {
  const { g: ctx, theme, scale } = rc;
  const g = geometry(rc, rect.width);
  roundRect(ctx, rect, theme.radius * scale);
  ctx.fillStyle = theme.surface;
  ctx.fill();
  ctx.lineWidth = 2 * scale;
  ctx.strokeStyle = theme.mutedText;
  ctx.stroke();
  const badge = Math.min(rect.height - 12 * scale, g.badge);
  drawBadge(
    rc,
    { x: rect.x + 8 * scale, y: rect.y + (rect.height - badge) / 2, width: badge, height: badge },
    button,
  );
  const lines = labelLines(rc, label, g);
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const top = rect.y + rect.height / 2 - ((lines.length - 1) * g.line) / 2;
  lines.forEach((text, i) => ctx.fillText(text, rect.x + g.textX, top + i * g.line));
}

/**
 * Draws page `page` of the column in `rect`: each action with its number (its place in the whole
 * list, so "số 5" is button 5 on any page), and on a paged column the "more" button (9).
 */
export function drawColumnPage(
  rc: RenderContext,
  rect: Rect,
  actions: readonly ColumnAction[],
  pages: readonly ColumnPage[],
  page: number,
  more: { label: (page: number, pages: number) => string; activate(): void },
): Target[] {
  const gap = Math.round(8 * rc.scale);
  const targets: Target[] = [];
  let y = rect.y;
  for (const row of pages[page]?.rows ?? []) {
    const box: Rect = { x: rect.x, y: Math.round(y), width: rect.width, height: row.height };
    y += row.height + gap;
    const action = row.index >= 0 ? actions[row.index] : undefined;
    const button = (action ? String(row.index + 1) : '9') as ButtonId;
    const label = action ? action.label : more.label(page, pages.length);
    columnButton(rc, box, button, label);
    targets.push({
      id: action ? action.id : 'more',
      rect: box,
      button,
      label,
      activate: action ? action.activate : more.activate,
    });
  }
  return targets;
}
