import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { ellipsize, roundRect, wrapText } from '../draw.js';

export { ellipsize };
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { RenderContext, Target } from '../screen.js';
import { button, drawBadge } from './button.js';

export interface ListItem {
  id: string;
  label: string;
  /** A second, smaller line (e.g. "Lệ phí: 8.000 đ · 5 ngày"). */
  detail?: string;
  activate(): void | Promise<void>;
}

export interface ListOptions {
  /** Prefix of target ids. */
  id: string;
  /** Most rows per page; also limited by the height. Number buttons go up to 9. */
  maxRows?: number;
  /** Physical number buttons on the panel (items beyond get no badge but stay focusable). */
  numberButtons?: number;
  /** Row height in reference px (800x480); default fits two lines of body text. */
  rowHeight?: number;
}

const PAGER_TEXT: Record<Lang, { prev: string; next: string; page: (a: number, b: number) => string }> = {
  vi: { prev: 'Trang trước', next: 'Trang sau', page: (a, b) => `Trang ${a}/${b}` },
  en: { prev: 'Previous', next: 'Next', page: (a, b) => `Page ${a}/${b}` },
};

/**
 * A paged list with numbered rows: each visible row carries the number of its physical button
 * (1..9, counted per page), so "bấm số 2" always means the second row on screen. When the items
 * do not fit, "previous/next page" targets appear below. Keep one ListView per screen (it holds
 * the page) and pass the items on every render.
 */
export class ListView {
  page = 0;
  private pageCount = 1;

  constructor(private readonly options: ListOptions) {}

  /** Rows that fit in `rect` at this scale (computed in render). */
  private rowsFor(
    rc: RenderContext,
    rect: Rect,
    total: number,
    withDetail: boolean,
  ): { rows: number; rowHeight: number; pager: number } {
    const { scale, theme } = rc;
    // Never shorter than its text needs in this theme (label + detail line + padding).
    const minimum = withDetail
      ? theme.size.body * 1.15 + theme.size.small * 1.2 + 14
      : theme.size.body * 1.3 + 16;
    const rowHeight = Math.round(Math.max(this.options.rowHeight ?? theme.size.body * 2.6, minimum) * scale);
    const gap = theme.spacing * scale * 0.6;
    const maxRows = Math.min(9, this.options.maxRows ?? 9);
    const fitAll = Math.floor((rect.height + gap) / (rowHeight + gap));
    if (total <= Math.min(maxRows, fitAll)) return { rows: Math.max(1, total), rowHeight, pager: 0 };
    const pager = Math.round(rowHeight * 0.8);
    const rows = Math.max(
      1,
      Math.min(maxRows, Math.floor((rect.height - pager - gap + gap) / (rowHeight + gap))),
    );
    return { rows, rowHeight, pager };
  }

  render(rc: RenderContext, rect: Rect, items: readonly ListItem[]): Target[] {
    const { g, theme, scale, lang } = rc;
    const withDetail = items.some((i) => i.detail);
    const { rows, rowHeight, pager } = this.rowsFor(rc, rect, items.length, withDetail);
    this.pageCount = Math.max(1, Math.ceil(items.length / rows));
    this.page = Math.min(this.page, this.pageCount - 1);
    const gap = theme.spacing * scale * 0.6;
    const targets: Target[] = [];
    const first = this.page * rows;
    const numbers = this.options.numberButtons ?? 9;
    items.slice(first, first + rows).forEach((item, i) => {
      const r: Rect = {
        x: rect.x,
        y: Math.round(rect.y + i * (rowHeight + gap)),
        width: rect.width,
        height: rowHeight,
      };
      const buttonId = i < numbers ? (String(i + 1) as ButtonId) : undefined;
      this.drawRow(rc, r, item, buttonId, i + 1);
      targets.push({
        id: `${this.options.id}:${item.id}`,
        rect: r,
        ...(buttonId ? { button: buttonId } : {}),
        label: `${i + 1}. ${item.label}`,
        activate: item.activate,
      });
    });
    if (items.length === 0) return targets;
    if (pager > 0) {
      const t = PAGER_TEXT[lang];
      const y = rect.y + rect.height - pager;
      const w = rect.width * 0.36;
      const prev = button(rc, {
        id: `${this.options.id}:prev`,
        rect: { x: rect.x, y, width: w, height: pager },
        label: t.prev,
        icon: 'up',
        disabled: this.page === 0,
        activate: () => {
          this.page = Math.max(0, this.page - 1);
        },
      });
      g.fillStyle = theme.text;
      g.font = font(theme.size.small * scale, 600);
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(t.page(this.page + 1, this.pageCount), rect.x + rect.width / 2, y + pager / 2, w);
      const next = button(rc, {
        id: `${this.options.id}:next`,
        rect: { x: rect.x + rect.width - w, y, width: w, height: pager },
        label: t.next,
        icon: 'down',
        disabled: this.page >= this.pageCount - 1,
        activate: () => {
          this.page = Math.min(this.pageCount - 1, this.page + 1);
        },
      });
      if (next) targets.push(next);
      if (prev) targets.push(prev);
    }
    return targets;
  }

  get pages(): number {
    return this.pageCount;
  }

  private drawRow(
    rc: RenderContext,
    r: Rect,
    item: ListItem,
    buttonId: ButtonId | undefined,
    n: number,
  ): void {
    const { g, theme, scale } = rc;
    roundRect(g, r, theme.radius * scale);
    g.fillStyle = theme.surface;
    g.fill();
    g.lineWidth = 2 * scale;
    g.strokeStyle = theme.mutedText;
    g.stroke();
    const badge = Math.min(r.height - 16 * scale, 52 * scale);
    const bx = r.x + 10 * scale;
    if (buttonId)
      drawBadge(rc, { x: bx, y: r.y + (r.height - badge) / 2, width: badge, height: badge }, buttonId);
    else {
      g.fillStyle = theme.text;
      g.font = font(badge * 0.5, 800);
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(String(n), bx + badge / 2, r.y + r.height / 2);
    }
    const x = bx + badge + theme.spacing * scale;
    const maxWidth = r.x + r.width - x - theme.spacing * scale;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.fillStyle = theme.text;
    const body = theme.size.body * scale;
    const small = theme.size.small * scale;
    g.font = font(body, 600);
    const lines = wrapText(g, item.label, maxWidth);
    // Two lines of label when the row is tall enough (with the detail line below), else one.
    const twoFit = r.height >= (item.detail ? body * 2.3 + small * 1.2 : body * 2.3) + 8 * scale;
    const labelLines = Math.min(twoFit ? 2 : 1, lines.length);
    const blockHeight = labelLines * body * 1.15 + (item.detail ? small * 1.2 : 0);
    const top = r.y + (r.height - blockHeight) / 2;
    for (let i = 0; i < labelLines; i++) {
      let line = lines[i] ?? '';
      // More words follow: always show that the name goes on.
      if (i === labelLines - 1 && lines.length > labelLines) line = ellipsize(g, `${line}…`, maxWidth);
      g.fillText(line, x, top + (i + 0.5) * body * 1.15, maxWidth);
    }
    if (item.detail) {
      g.font = font(small, 400);
      g.fillStyle = theme.mutedText;
      g.fillText(
        ellipsize(g, item.detail, maxWidth),
        x,
        top + labelLines * body * 1.15 + small * 0.6,
        maxWidth,
      );
    }
  }
}
