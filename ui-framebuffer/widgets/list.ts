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
  /** The labels of the rows on the page as drawn last (what a citizen can read), in order. */
  shown: string[] = [];
  /** The ids of those rows (row n carries number button n). */
  shownIds: string[] = [];

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
    const page = items.slice(first, first + rows);
    const rowRect = (i: number): Rect => ({
      x: rect.x,
      y: Math.round(rect.y + i * (rowHeight + gap)),
      width: rect.width,
      height: rowHeight,
    });
    const labels = distinguish(
      page.map((item) => item.label),
      (label, i) => this.labelLines(rc, rowRect(i), label, page[i]?.detail).lines.join(' '),
    );
    this.shown = [];
    this.shownIds = page.map((item) => item.id);
    page.forEach((item, i) => {
      const r = rowRect(i);
      const buttonId = i < numbers ? (String(i + 1) as ButtonId) : undefined;
      this.shown.push(
        this.drawRow(rc, r, { ...item, label: labels[i] ?? item.label }, buttonId, i + 1).join(' '),
      );
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

  /**
   * The label's lines as a row of `r` shows them, and their size: one or two lines at the body
   * size when the row holds them; a label that needs two lines the row holds only smaller takes
   * them at the largest size down to the theme's least (the normal theme's 64 px result rows
   * cut "… thuộc thẩm quyền củ…" at 26 px; two lines at 24 px hold it); else cut with "…".
   */
  private labelLines(
    rc: RenderContext,
    r: Rect,
    label: string,
    detail: string | undefined,
  ): { lines: string[]; size: number } {
    const { g, theme, scale } = rc;
    const badge = Math.min(r.height - 16 * scale, 52 * scale);
    const x = r.x + 10 * scale + badge + theme.spacing * scale;
    const maxWidth = r.x + r.width - x - theme.spacing * scale;
    const body = theme.size.body * scale;
    const small = theme.size.small * scale;
    const room = r.height - 8 * scale - (detail ? small * 1.2 : 0);
    // Two smaller lines keep 6 px from the row's edges (diacritics clear of its border).
    const roomSmaller = room - 4 * scale;
    /** Label lines a row holds at `size` (at most two). */
    const holds = (size: number, within = room): number =>
      Math.max(1, Math.min(2, Math.floor(within / (size * 1.15))));
    const wrapped = (size: number): string[] => {
      g.font = font(size, 600);
      return wrapText(g, label, maxWidth);
    };
    const lines = wrapped(body);
    if (lines.length > holds(body) && lines.length >= 2)
      for (let size = body - scale; size >= theme.size.least * scale; size -= scale) {
        const smaller = wrapped(size);
        if (smaller.length <= holds(size, roomSmaller)) return { lines: smaller, size };
      }
    g.font = font(body, 600);
    const count = Math.min(holds(body), lines.length);
    const shown = lines.slice(0, count);
    // More words follow: always show that the name goes on.
    if (lines.length > count) shown[count - 1] = ellipsize(g, `${shown[count - 1] ?? ''}…`, maxWidth);
    return { lines: shown, size: body };
  }

  /** Draws one row; returns the label's lines as drawn. */
  private drawRow(
    rc: RenderContext,
    r: Rect,
    item: ListItem,
    buttonId: ButtonId | undefined,
    n: number,
  ): string[] {
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
    const small = theme.size.small * scale;
    const { lines: shown, size: body } = this.labelLines(rc, r, item.label, item.detail);
    g.font = font(body, 600);
    const blockHeight = shown.length * body * 1.15 + (item.detail ? small * 1.2 : 0);
    const top = r.y + (r.height - blockHeight) / 2;
    shown.forEach((line, i) => g.fillText(line, x, top + (i + 0.5) * body * 1.15, maxWidth));
    const labelLines = shown.length;
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
    return shown;
  }
}

/** Words of `text` (split at spaces). */
const words = (text: string): string[] => text.split(/\s+/u).filter(Boolean);

/**
 * Labels that read differently as shown: where `visible` (what a row shows of a label) is the
 * same for two rows ("Đăng ký đất đai, tài sản gắn liền với đấ…" twice), those rows show their
 * first two words and what follows the words they share ("Đăng ký …tổ chức đang sử dụng đất"); names that are
 * the same throughout get their position in the list.
 */
export function distinguish(
  labels: readonly string[],
  visible: (label: string, index: number) => string,
): string[] {
  const out = [...labels];
  for (let round = 0; round < 3; round++) {
    const seen = out.map((l, i) => visible(l, i));
    const groups = new Map<string, number[]>();
    seen.forEach((v, i) => groups.set(v, [...(groups.get(v) ?? []), i]));
    const clashes = [...groups.values()].filter((g) => g.length > 1);
    if (clashes.length === 0) return out;
    for (const group of clashes) {
      const split = group.map((i) => words(out[i] ?? ''));
      let common = 0;
      while (split.every((w) => w[common] !== undefined && w[common] === split[0]?.[common])) common++;
      for (const [k, i] of group.entries()) {
        const rest = (split[k] ?? []).slice(common);
        // The first two words for context ("Đăng ký … tổ chức đang sử dụng đất"), then what differs.
        const head = common > 2 ? `${(split[k] ?? []).slice(0, 2).join(' ')} …` : '…';
        out[i] = rest.length === 0 ? `${labels[i] ?? ''} (${k + 1})` : `${head}${rest.join(' ')}`;
      }
    }
  }
  return out;
}
