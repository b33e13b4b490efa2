import type { ButtonEvent, ButtonId } from '../../drivers/buttons/types.js';
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
  /**
   * `page` (default): rows are numbered 1.. on each page. `list`: a row's number is its place in
   * the whole list on every page (a list read aloud by number: "số 5" is button 5 on any page;
   * the screen passes its buttons to `onButton`, which turns to the page of a number not shown).
   */
  numbering?: 'page' | 'list';
}

/** Most lines a row's label takes (a longer name is cut there, with "…"). */
const MAX_LINES = 3;

const PAGER_TEXT: Record<Lang, { prev: string; next: string; page: (a: number, b: number) => string }> = {
  vi: { prev: 'Trang trước', next: 'Trang sau', page: (a, b) => `Trang ${a}/${b}` },
  en: { prev: 'Previous', next: 'Next', page: (a, b) => `Page ${a}/${b}` },
};

/** A label as a row shows it: its lines, their size, whether words were left out, the row's height. */
interface RowFit {
  lines: string[];
  size: number;
  cut: boolean;
  height: number;
}

/**
 * A paged list with numbered rows: each visible row carries the number of its physical button
 * (1..9, counted per page, or in the whole list with `numbering: 'list'`), so "bấm số 2" always
 * means the row with badge 2. A row is as tall as its name needs (up to three lines), never
 * shorter than `rowHeight`; when the rows do not fit, they go on pages with "previous/next page"
 * targets and "Trang 1/2" below. Keep one ListView per screen (it holds the page) and pass the
 * items on every render.
 */
export class ListView {
  page = 0;
  private pageCount = 1;
  /** The labels of the rows on the page as drawn last (what a citizen can read), in order. */
  shown: string[] = [];
  /** The ids of those rows (row n carries number button n). */
  shownIds: string[] = [];
  /** Every item's label as its row shows it, on whichever page (the same order as the items). */
  shownAll: string[] = [];
  /** The items and the page of each, as last drawn (for number buttons of another page). */
  private drawn: { items: readonly ListItem[]; pageOf: number[] } = { items: [], pageOf: [] };

  constructor(private readonly options: ListOptions) {}

  /** The row height when the label fits (reference px times scale). */
  private baseHeight(rc: RenderContext, withDetail: boolean): number {
    const { scale, theme } = rc;
    // Never shorter than its text needs in this theme (label + detail line + padding).
    const minimum = withDetail
      ? theme.size.body * 1.15 + theme.size.small * 1.2 + 14
      : theme.size.body * 1.3 + 16;
    return Math.round(Math.max(this.options.rowHeight ?? theme.size.body * 2.6, minimum) * scale);
  }

  /**
   * Pages of rows: all on one when they fit in `rect` (and `maxRows`), else as many per page as
   * fit above the pager.
   */
  private paginate(
    rc: RenderContext,
    rect: Rect,
    heights: readonly number[],
    base: number,
  ): { pages: number[][]; pager: number } {
    const gap = rc.theme.spacing * rc.scale * 0.6;
    const maxRows = Math.min(9, this.options.maxRows ?? 9);
    const total = heights.reduce((s, h) => s + h, 0) + gap * Math.max(0, heights.length - 1);
    if (heights.length <= maxRows && total <= rect.height)
      return { pages: [heights.map((_, i) => i)], pager: 0 };
    // a key's size at least (60 px large: elderly fingers)
    const pager = Math.round(Math.max(base * 0.8, rc.theme.minKey * rc.scale));
    const room = rect.height - pager - gap;
    const pages: number[][] = [];
    let rows: number[] = [];
    let used = 0;
    heights.forEach((h, i) => {
      if (rows.length > 0 && (rows.length >= maxRows || used + gap + h > room)) {
        pages.push(rows);
        rows = [];
        used = 0;
      }
      used += (rows.length > 0 ? gap : 0) + h;
      rows.push(i);
    });
    pages.push(rows);
    return { pages, pager };
  }

  render(rc: RenderContext, rect: Rect, items: readonly ListItem[]): Target[] {
    const { g, theme, scale, lang } = rc;
    const withDetail = items.some((i) => i.detail);
    const base = this.baseHeight(rc, withDetail);
    const fitted = (from: readonly string[]) => {
      const labels = distinguish(from, (label, i) =>
        this.fit(rc, rect.width, base, label, items[i]?.detail).lines.join(' '),
      );
      const fits = labels.map((label, i) => this.fit(rc, rect.width, base, label, items[i]?.detail));
      return {
        fits,
        ...this.paginate(
          rc,
          rect,
          fits.map((f) => f.height),
          base,
        ),
      };
    };
    const whole = items.map((item) => item.label);
    let layout = fitted(whole);
    if (layout.pages.length > 1) {
      // Fewer pages when the long names that share their beginning with another row show what
      // follows it ("Đăng ký …tổ chức đang sử dụng đất"); whole names when that saves no page.
      const apart = fitted(shortenShared(whole, (i) => (layout.fits[i]?.height ?? 0) > base));
      if (apart.pages.length < layout.pages.length) layout = apart;
    }
    const { fits, pages, pager } = layout;
    this.pageCount = Math.max(1, pages.length);
    this.page = Math.min(this.page, this.pageCount - 1);
    const pageOf: number[] = [];
    pages.forEach((rows, p) => rows.forEach((i) => (pageOf[i] = p)));
    this.drawn = { items, pageOf };
    this.shownAll = fits.map((f) => f.lines.join(' '));
    const gap = theme.spacing * scale * 0.6;
    const targets: Target[] = [];
    const numbers = this.options.numberButtons ?? 9;
    const rows = pages[this.page] ?? [];
    this.shown = [];
    this.shownIds = [];
    let y = rect.y;
    rows.forEach((index, i) => {
      const item = items[index];
      const fit = fits[index];
      if (!item || !fit) return;
      const r: Rect = { x: rect.x, y: Math.round(y), width: rect.width, height: fit.height };
      y += fit.height + gap;
      const n = this.options.numbering === 'list' ? index + 1 : i + 1;
      const buttonId = n <= numbers ? (String(n) as ButtonId) : undefined;
      this.drawRow(rc, r, base, item, fit, buttonId, n);
      this.shown.push(fit.lines.join(' '));
      this.shownIds.push(item.id);
      targets.push({
        id: `${this.options.id}:${item.id}`,
        rect: r,
        ...(buttonId ? { button: buttonId } : {}),
        label: `${n}. ${item.label}`,
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
   * With `numbering: 'list'`, a number button whose row is on another page turns to that page
   * and activates the row (true); anything else is left to the UI (false).
   */
  onButton(event: ButtonEvent): boolean {
    if (this.options.numbering !== 'list' || event.action !== 'press' || !/^[1-9]$/u.test(event.id))
      return false;
    const index = Number(event.id) - 1;
    const item = this.drawn.items[index];
    const page = this.drawn.pageOf[index];
    if (!item || page === undefined || page === this.page) return false;
    this.page = page;
    void item.activate();
    return true;
  }

  /**
   * How a row `width` wide shows `label`: in the row of height `base` when it holds it (one or two
   * lines at the body size, or two at the largest size down to the theme's least: the normal
   * theme's 64 px result rows); else a taller row with the whole name on up to three lines (at
   * the body size, or smaller down to the least), a longer name cut after three with "…".
   */
  private fit(
    rc: RenderContext,
    width: number,
    base: number,
    label: string,
    detail: string | undefined,
  ): RowFit {
    const inRow = this.labelLines(rc, width, base, label, detail);
    if (!inRow.cut) return { ...inRow, height: base };
    const { g, theme, scale } = rc;
    const maxWidth = this.textWidth(rc, width, base);
    const wrapped = (size: number): string[] => {
      g.font = font(size, 600);
      return wrapText(g, label, maxWidth);
    };
    const heightFor = (lines: number, size: number): number =>
      Math.max(
        base,
        Math.ceil(lines * size * 1.15 + (detail ? theme.size.small * scale * 1.2 : 0) + 20 * scale),
      );
    const body = theme.size.body * scale;
    for (let size = body; size >= theme.size.least * scale; size -= scale) {
      const lines = wrapped(size);
      if (lines.length <= MAX_LINES)
        return { lines, size, cut: false, height: heightFor(lines.length, size) };
    }
    const least = theme.size.least * scale;
    const lines = wrapped(least).slice(0, MAX_LINES);
    // Cut after a whole word: "… bằng dịch vụ công …", not "… trực tuyế…".
    const last = words(lines[MAX_LINES - 1] ?? '');
    while (last.length > 1 && g.measureText(`${last.join(' ')} …`).width > maxWidth) last.pop();
    lines[MAX_LINES - 1] = `${last.join(' ').replace(/[,;:]$/u, '')} …`;
    return { lines, size: least, cut: true, height: heightFor(MAX_LINES, least) };
  }

  /** Width of a row's label text (beside its badge). */
  private textWidth(rc: RenderContext, width: number, base: number): number {
    const { theme, scale } = rc;
    const badge = Math.min(base - 16 * scale, 52 * scale);
    return width - 10 * scale - badge - 2 * theme.spacing * scale;
  }

  /**
   * The label's lines as a row `base` high shows them, and their size: one or two lines at the
   * body size when the row holds them; a label that needs two lines the row holds only smaller
   * takes them at the largest size down to the theme's least (the normal theme's 64 px result
   * rows cut "… thuộc thẩm quyền củ…" at 26 px; two lines at 24 px hold it); else cut with "…".
   */
  private labelLines(
    rc: RenderContext,
    width: number,
    base: number,
    label: string,
    detail: string | undefined,
  ): Omit<RowFit, 'height'> {
    const { g, theme, scale } = rc;
    const maxWidth = this.textWidth(rc, width, base);
    const body = theme.size.body * scale;
    const small = theme.size.small * scale;
    const room = base - 8 * scale - (detail ? small * 1.2 : 0);
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
    if (lines.length <= holds(body)) return { lines, size: body, cut: false };
    if (lines.length >= 2)
      for (let size = body - scale; size >= theme.size.least * scale; size -= scale) {
        const smaller = wrapped(size);
        if (smaller.length <= holds(size, roomSmaller)) return { lines: smaller, size, cut: false };
      }
    g.font = font(body, 600);
    const count = Math.min(holds(body), lines.length);
    const shown = lines.slice(0, count);
    // More words follow: always show that the name goes on.
    shown[count - 1] = ellipsize(g, `${shown[count - 1] ?? ''}…`, maxWidth);
    return { lines: shown, size: body, cut: true };
  }

  /** Draws one row (of a list whose rows are `base` high when their labels fit) with its label as fitted. */
  private drawRow(
    rc: RenderContext,
    r: Rect,
    base: number,
    item: ListItem,
    fit: RowFit,
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
    // The badge of the base row (its label's width was fitted beside it), also on a taller row.
    const badge = Math.min(base - 16 * scale, 52 * scale);
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
    const { lines: shown, size: body } = fit;
    g.font = font(body, 600);
    const blockHeight = shown.length * body * 1.15 + (item.detail ? small * 1.2 : 0);
    const top = r.y + (r.height - blockHeight) / 2;
    shown.forEach((line, i) => g.fillText(line, x, top + (i + 0.5) * body * 1.15, maxWidth));
    if (item.detail) {
      g.font = font(small, 400);
      g.fillStyle = theme.mutedText;
      g.fillText(
        ellipsize(g, item.detail, maxWidth),
        x,
        top + shown.length * body * 1.15 + small * 0.6,
        maxWidth,
      );
    }
  }
}

/** Words of `text` (split at spaces). */
const words = (text: string): string[] => text.split(/\s+/u).filter(Boolean);

/** Fewest characters two names share at their start for a row to show only what follows them. */
const SHARED_CHARS = 40;

/**
 * Labels (where `may(index)`) that begin with a line's worth of words (40 characters or more)
 * another label begins with too, both going on after them: their first two words and what
 * follows the shared ones ("Đăng ký …tổ chức đang sử dụng đất" for "Đăng ký đất đai, tài sản gắn
 * liền với đất, cấp Giấy chứng nhận … lần đầu đối với tổ chức đang sử dụng đất"). A name that
 * is another's with words added ("Thủ tục đăng ký lại kết hôn" + "có yếu tố nước ngoài") stays.
 */
export function shortenShared(labels: readonly string[], may: (index: number) => boolean): string[] {
  const split = labels.map(words);
  return labels.map((label, i) => {
    const own = split[i] ?? [];
    if (!may(i)) return label;
    let common = 0;
    split.forEach((other, j) => {
      let k = 0;
      while (j !== i && k < own.length && own[k] === other[k]) k++;
      const shared = own.slice(0, k).join(' ').length;
      if (k < own.length && k < other.length && shared >= SHARED_CHARS) common = Math.max(common, k);
    });
    if (common === 0) return label;
    return `${own.slice(0, 2).join(' ')} …${own.slice(common).join(' ')}`;
  });
}

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
