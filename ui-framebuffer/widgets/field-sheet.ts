import type { SKRSContext2D } from '@napi-rs/canvas';
import { font } from '../../runtime/fonts.js';
import { ellipsize, roundRect, wrapText } from '../draw.js';
import type { Rect } from '../../drivers/display/types.js';
import type { Theme } from '../theme.js';

/** One labelled value on the sheet. */
export interface SheetItem {
  id: string;
  /** The group it is listed under ("Người yêu cầu"). */
  group: string;
  label: string;
  /** What is shown as the value ("—" for nothing is the caller's choice). */
  value: string;
  /** Drawn in the danger colour (missing or wrong). */
  problem?: boolean;
}

/** A cell on a page: its item and where it goes. */
export interface SheetCell {
  item: SheetItem;
  rect: Rect;
  /** Label and value on one line (false: label above, value below in up to two lines). */
  inline: boolean;
  /** The value's lines as drawn. */
  lines: string[];
}

/** One screenful: the group headings and cells on it. */
export interface SheetPage {
  headings: { text: string; rect: Rect; problem: boolean }[];
  cells: SheetCell[];
  /** The group the page's first cells belong to when it began on an earlier page. */
  continues?: string | undefined;
}

interface Row {
  heading?: { text: string; problem: boolean };
  cells: Omit<SheetCell, 'rect'>[];
  /** Fraction of the width each cell takes (1 or 0.5). */
  half: boolean;
  height: number;
}

export interface SheetMetrics {
  theme: Theme;
  scale: number;
}

/**
 * Lays labelled values out in pages: under their group's heading, two to a row when both label
 * and value fit half the width, otherwise a whole row (label above the value when they do not fit
 * side by side; the value wraps to two lines). A page that begins inside a group names it in
 * `continues` (the screen says whose "Ngày sinh" it is; a repeated heading row cost the large
 * theme a page). Nothing is cut that fits two lines.
 */
export function layoutSheet(
  g: SKRSContext2D,
  items: readonly SheetItem[],
  area: Rect,
  { theme, scale }: SheetMetrics,
): SheetPage[] {
  const pad = Math.round(10 * scale);
  const gap = Math.round(4 * scale);
  const small = theme.size.small * scale;
  const body = theme.size.body * scale;
  // Every cell is a touch target (the review page opens it): at least a key high (60 px in the
  // large theme, 45 px before).
  const inlineH = Math.ceil(Math.max(body * 1.3, small * 1.4, theme.minKey * scale));
  const headingH = Math.round(small * 1.2);
  const half = (area.width - gap) / 2;
  const labelW = (text: string) => {
    g.font = font(small, 400);
    return g.measureText(text).width;
  };
  const valueW = (text: string) => {
    g.font = font(body, 700);
    return g.measureText(text).width;
  };
  const fitsInline = (item: SheetItem, width: number) =>
    labelW(item.label) + pad + valueW(item.value) <= width - 2 * pad;

  const rows: Row[] = [];
  let group: string | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item) continue;
    if (item.group !== group) {
      group = item.group;
      rows.push({
        heading: { text: group, problem: Boolean(item.problem) },
        cells: [],
        half: false,
        height: headingH,
      });
    }
    const next = items[i + 1];
    if (next && next.group === item.group && fitsInline(item, half) && fitsInline(next, half)) {
      rows.push({
        cells: [
          { item, inline: true, lines: [item.value] },
          { item: next, inline: true, lines: [next.value] },
        ],
        half: true,
        height: inlineH,
      });
      i++;
      continue;
    }
    if (fitsInline(item, area.width)) {
      rows.push({ cells: [{ item, inline: true, lines: [item.value] }], half: false, height: inlineH });
      continue;
    }
    g.font = font(body, 700);
    const wrapped = wrapText(g, item.value, area.width - 2 * pad);
    const lines =
      wrapped.length <= 2
        ? wrapped
        : [wrapped[0] ?? '', ellipsize(g, wrapped.slice(1).join(' '), area.width - 2 * pad)];
    rows.push({
      cells: [{ item, inline: false, lines }],
      half: false,
      height: Math.round(small * 1.2 + lines.length * body * 1.15 + pad * 0.6),
    });
  }

  const pages: SheetPage[] = [];
  let page: SheetPage = { headings: [], cells: [] };
  let y = area.y;
  let current: Row['heading'];
  const place = (row: Row): void => {
    if (row.heading) {
      page.headings.push({
        ...row.heading,
        rect: { x: area.x, y, width: area.width, height: row.height },
      });
    } else
      row.cells.forEach((c, n) => {
        const width = row.half ? half : area.width;
        page.cells.push({ ...c, rect: { x: area.x + n * (half + gap), y, width, height: row.height } });
      });
    y += row.height + gap;
  };
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    if (row.heading) current = row.heading;
    // A heading goes with its first row; a page never ends on a heading.
    const needed = row.heading ? row.height + gap + (rows[r + 1]?.height ?? 0) : row.height;
    if (y + needed > area.y + area.height && (page.cells.length > 0 || page.headings.length > 0)) {
      pages.push(page);
      page = { headings: [], cells: [] };
      y = area.y;
      page.continues = row.heading ? undefined : current?.text;
    }
    place(row);
  }
  if (page.cells.length > 0 || page.headings.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/** Draws one page of the sheet. */
export function drawSheetPage(g: SKRSContext2D, page: SheetPage, { theme, scale }: SheetMetrics): void {
  const pad = Math.round(10 * scale);
  const small = theme.size.small * scale;
  const body = theme.size.body * scale;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  for (const h of page.headings) {
    g.font = font(small, 700);
    g.fillStyle = h.problem ? theme.danger : theme.accent;
    g.fillText(ellipsize(g, h.text.toUpperCase(), h.rect.width), h.rect.x, h.rect.y + h.rect.height / 2);
  }
  for (const c of page.cells) {
    roundRect(g, c.rect, theme.radius * 0.6 * scale);
    g.fillStyle = theme.surface;
    g.fill();
    const x = c.rect.x + pad;
    const inner = c.rect.width - 2 * pad;
    g.font = font(small, 400);
    g.fillStyle = theme.mutedText;
    if (c.inline) {
      const mid = c.rect.y + c.rect.height / 2;
      g.fillText(c.item.label, x, mid);
      const after = g.measureText(c.item.label).width + pad;
      g.font = font(body, 700);
      g.fillStyle = c.item.problem ? theme.danger : theme.text;
      g.fillText(ellipsize(g, c.lines[0] ?? '', inner - after), x + after, mid);
      continue;
    }
    g.textBaseline = 'top';
    g.fillText(ellipsize(g, c.item.label, inner), x, c.rect.y + pad * 0.3);
    g.font = font(body, 700);
    g.fillStyle = c.item.problem ? theme.danger : theme.text;
    c.lines.forEach((line, n) => g.fillText(line, x, c.rect.y + pad * 0.3 + small * 1.2 + n * body * 1.15));
    g.textBaseline = 'middle';
  }
}
