import type { ButtonEvent } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { RenderContext, Target } from '../screen.js';
import { drawPageColumn } from './page-column.js';

/** A section of long text: an optional heading and paragraphs (split on "\n"). */
export interface TextBlock {
  heading?: string;
  text?: string;
  /** Starts on a new page (a section a citizen looks for: documents, steps). */
  newPage?: boolean;
  /** The text in bold (a title). */
  bold?: boolean;
  /** Finds the block again: `show(key)` turns to its page, `mark` draws a bar beside it. */
  key?: string;
  /**
   * With `keepEntries`: the block's paragraphs are one entry, kept together (a legal document's
   * number and its title); otherwise each paragraph is an entry.
   */
  entry?: boolean;
}

/** How a paged text is set: its size, line spacing, and the space between blocks. */
export interface PagedTextOptions {
  /**
   * The theme size of the text (default `body`; `small` and `reading` are still at least 32 px in
   * the large theme).
   */
  size?: 'body' | 'small' | 'reading';
  /** Line height as a multiple of the size (default 1.3). */
  lineSpacing?: number;
  /** Space between blocks, in lines (default 1, a blank line; 0 where bold headings part them). */
  blockGap?: number;
  /**
   * An entry — a paragraph (a document, a step, a check) with the "→" paragraphs after it (what
   * to do), or a whole block marked `entry` — is not split over two pages: it starts the next
   * page when the rest of this one cannot hold it, unless it alone is taller than a page.
   */
  keepEntries?: boolean;
}

/** The entries of a block's text: its paragraphs, a "→" paragraph joined to the one before it. */
function entries(text: string, whole: boolean): string[][] {
  const out: string[][] = [];
  for (const paragraph of text.split('\n')) {
    const last = out.at(-1);
    if (last && (whole || paragraph.startsWith('→'))) last.push(paragraph);
    else out.push([paragraph]);
  }
  return out;
}

interface Line {
  text: string;
  bold: boolean;
  /** Top of the line from the top of its page, px. */
  y: number;
  /** A heading line (not marked with the bar). */
  heading?: boolean;
  key?: string;
}

/**
 * Long text (procedure details, legal basis) wrapped at Vietnamese word boundaries and read a
 * page at a time: ▼/▲ turn the page wherever the focus is (the screen's number buttons stay for
 * its actions), "trang 2/7" shows where the citizen is, and touch gets the same arrows. Sections
 * marked `newPage` start on their own page; a heading never ends a page.
 */
export class PagedText {
  /** The page shown, from 0. */
  page = 0;
  /** Key of the block drawn with a bar beside it (the document being read aloud). */
  marked: string | undefined;
  private blocks: TextBlock[] = [];
  private laidOut: { key: string; pages: Line[][] } | undefined;
  private wanted: string | undefined;
  /** Where the last render drew it (all a page turn changes). */
  private drawn: Rect | undefined;

  constructor(
    private readonly id = 'text',
    private readonly options: PagedTextOptions = {},
  ) {}

  /** Text size in px at this render (the theme's size the options name). */
  textSize(rc: RenderContext): number {
    return rc.theme.size[this.options.size ?? 'body'] * rc.scale;
  }

  setContent(blocks: readonly TextBlock[]): void {
    this.blocks = [...blocks];
    this.laidOut = undefined;
    this.page = 0;
  }

  /** Pages of the last layout (1 before the first render). */
  get pages(): number {
    return Math.max(1, this.laidOut?.pages.length ?? 1);
  }

  /** The lines of the page shown, as drawn (for the simulator's state and tests). */
  get lines(): string[] {
    return (this.laidOut?.pages[this.page] ?? []).map((l) => l.text);
  }

  /** Turns `delta` pages (negative = back); returns whether the page changed. */
  turn(delta: number): boolean {
    const before = this.page;
    this.page = Math.max(0, Math.min(this.pages - 1, this.page + delta));
    return this.page !== before;
  }

  /** Turns to the page where the block with `key` starts (at the next render when not laid out). */
  show(key: string): void {
    this.wanted = key;
    this.applyWanted();
  }

  /**
   * ▼/▲ (press and repeat) turn the page; they are consumed even on the last/first page. Returns
   * what must be redrawn: the text's rectangle when the page changed, nothing when it did not.
   */
  onButton(event: ButtonEvent): false | readonly Rect[] {
    if (event.action === 'long-press' || (event.id !== 'down' && event.id !== 'up')) return false;
    const turned = this.turn(event.id === 'down' ? 1 : -1);
    return turned && this.drawn ? [this.drawn] : [];
  }

  /** Width of the text column inside `rect` (the page column takes the right). */
  textWidth(rc: RenderContext, rect: Rect): number {
    return rect.width - this.columnWidth(rc) - rc.theme.spacing * rc.scale - 2 * PagedText.bar(rc);
  }

  /** Width of the mark bar and its gap before the text. */
  private static bar(rc: RenderContext): number {
    return Math.round(8 * rc.scale);
  }

  /** Width of the page column: "trang" and "88/88" in bold at the text's size. */
  private columnWidth(rc: RenderContext): number {
    const { g, scale } = rc;
    g.font = font(this.textSize(rc), 700);
    const widest = Math.max(
      g.measureText('trang').width,
      g.measureText('page').width,
      g.measureText('88/88').width,
    );
    return Math.max(Math.round(72 * scale), Math.ceil(widest + 12 * scale));
  }

  private applyWanted(): void {
    const pages = this.laidOut?.pages;
    if (!this.wanted || !pages) return;
    const at = pages.findIndex((p) => p.some((l) => l.key === this.wanted));
    if (at >= 0) this.page = at;
    this.wanted = undefined;
  }

  /** The blocks in pages of `height` px, lines of `lineHeight` px. */
  private layout(rc: RenderContext, width: number, height: number, lineHeight: number): Line[][] {
    const { g } = rc;
    const gap = lineHeight * (this.options.blockGap ?? 1);
    const pages: Line[][] = [[]];
    let current = pages[0] as Line[];
    /** Where the next line goes on the page. */
    let y = 0;
    const newPage = (): void => {
      current = [];
      pages.push(current);
      y = 0;
    };
    /** Whether `lines` more lines (after `extra` px) fit on the page (half a pixel of rounding). */
    const fits = (lines: number, extra = 0): boolean => y + extra + lines * lineHeight <= height + 0.5;
    const push = (line: Omit<Line, 'y'>): void => {
      if (current.length > 0 && !fits(1)) newPage();
      current.push({ ...line, y });
      y += lineHeight;
    };
    const keep = this.options.keepEntries === true;
    for (const block of this.blocks) {
      const text = block.text?.normalize('NFC');
      if (block.newPage && current.length > 0) newPage();
      else if (current.length > 0 && gap > 0) {
        if (!fits(1, gap)) newPage();
        else {
          current.push({ text: '', bold: false, y });
          y += gap;
        }
      }
      g.font = font(this.textSize(rc), block.bold ? 700 : 400);
      const blockEntries = (text ? entries(text, block.entry === true) : []).map((entry) =>
        entry.flatMap((paragraph) => wrapText(g, paragraph, width)),
      );
      if (block.heading) {
        g.font = font(this.textSize(rc), 700);
        const heading = wrapText(g, block.heading.normalize('NFC'), width);
        // A heading goes with at least one line of its text (its whole first entry when kept).
        const first = keep ? Math.max(1, blockEntries[0]?.length ?? 0) : 1;
        if (current.length > 0 && !fits(heading.length + first)) newPage();
        for (const text of heading)
          push({ text, bold: true, heading: true, ...(block.key ? { key: block.key } : {}) });
      }
      const line = (text: string): Omit<Line, 'y'> => ({
        text,
        bold: block.bold === true,
        ...(block.key ? { key: block.key } : {}),
      });
      for (const lines of keep ? blockEntries : [blockEntries.flat()]) {
        // Kept whole when a page can hold it (a heading keeps its first entry with it).
        const alone = current.every((l) => l.heading || !l.text);
        if (keep && !alone && !fits(lines.length) && lines.length * lineHeight <= height + 0.5) newPage();
        for (const text of lines) push(line(text));
      }
    }
    for (const p of pages) while (p.length > 0 && p[p.length - 1]?.text === '') p.pop();
    return pages.filter((p, i) => p.length > 0 || i === 0);
  }

  render(rc: RenderContext, rect: Rect): Target[] {
    const { g, theme, lang } = rc;
    this.drawn = { ...rect };
    const column = this.columnWidth(rc);
    const textWidth = this.textWidth(rc, rect);
    const bar = PagedText.bar(rc);
    const lineHeight = this.textSize(rc) * (this.options.lineSpacing ?? 1.3);
    // Wrapping long text measures every word: lay out once per size.
    const key = `${textWidth}|${rect.height}|${this.textSize(rc)}|${lineHeight}`;
    if (this.laidOut?.key !== key) {
      const first = this.laidOut?.pages[this.page]?.[0]?.key;
      this.laidOut = { key, pages: this.layout(rc, textWidth, rect.height, lineHeight) };
      if (first && !this.wanted) this.wanted = first;
    }
    this.applyWanted();
    this.page = Math.max(0, Math.min(this.page, this.pages - 1));
    const lines = this.laidOut.pages[this.page] ?? [];
    g.save();
    g.beginPath();
    g.rect(rect.x, rect.y, textWidth + 2 * bar, rect.height);
    g.clip();
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    for (const line of lines) {
      const y = rect.y + line.y;
      if (line.key !== undefined && line.key === this.marked && line.text && !line.heading) {
        g.fillStyle = theme.accent;
        g.fillRect(rect.x, y + lineHeight * 0.1, bar * 0.75, lineHeight * 0.8);
      }
      g.fillStyle = theme.text;
      g.font = font(this.textSize(rc), line.bold ? 700 : 400);
      g.fillText(line.text, rect.x + 2 * bar, y + lineHeight / 2);
    }
    g.restore();
    // The page column: ▲, "trang 2/7", ▼.
    const vi = lang === 'vi';
    const size = this.textSize(rc);
    const { up: upRect, down: downRect } = drawPageColumn(
      rc,
      { x: rect.x + rect.width - column, y: rect.y, width: column, height: rect.height },
      this.page,
      this.pages,
      { word: vi ? 'trang' : 'page', size, step: size * 1.1 },
    );
    return [
      {
        id: `${this.id}:page-up`,
        rect: upRect,
        button: 'up',
        label: vi ? 'Trang trước' : 'Previous page',
        activate: () => void this.turn(-1),
      },
      {
        id: `${this.id}:page-down`,
        rect: downRect,
        button: 'down',
        label: vi ? 'Trang sau' : 'Next page',
        activate: () => void this.turn(1),
      },
    ];
  }
}
