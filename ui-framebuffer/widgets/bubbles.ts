import type { ButtonEvent } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { font } from '../../runtime/fonts.js';
import { roundRect, wrapText } from '../draw.js';
import type { RenderContext, Target } from '../screen.js';
import { drawPageColumn } from './page-column.js';

/** Line height of the bubbles' text, as a multiple of its size. */
const LEADING = 1.3;
/** The closest lines a reply takes to fit one page (Vietnamese diacritics still clear). */
const LEADING_CLOSE = 1.15;

/** One bubble of a conversation: the citizen's words (right, filled) or the kiosk's (left, outlined). */
export interface Bubble {
  text: string;
  from: 'citizen' | 'kiosk';
}

/** The part of a bubble on one page: its lines there. */
interface Piece {
  from: Bubble['from'];
  lines: string[];
}

interface Layout {
  key: string;
  size: number;
  /** Line height as a multiple of the size. */
  leading: number;
  /** Height of the bubbles (the page row takes the bottom when there are pages). */
  height: number;
  pages: Piece[][];
}

/**
 * A conversation as big bubbles, every word of it shown: the text takes the largest size (body
 * down to small) at which it fits the rectangle whole; when it does not fit even at the small
 * size it is read a page at a time, ▲/▼ with "Trang 1/2" in a page row under it (the page
 * column's drawing laid across: a column would take the width the words need), and a bubble that
 * does not end on a page goes on at the top of the next.
 */
export class BubblePages {
  /** The page shown, from 0. */
  page = 0;
  private bubbles: Bubble[] = [];
  private laidOut: Layout | undefined;
  private drawn: Rect | undefined;

  setContent(bubbles: readonly Bubble[]): void {
    this.bubbles = bubbles.map((b) => ({ ...b, text: b.text.normalize('NFC') }));
    this.laidOut = undefined;
    this.page = 0;
  }

  /** Pages of the last layout (1 before the first render). */
  get pages(): number {
    return Math.max(1, this.laidOut?.pages.length ?? 1);
  }

  /** Every page's lines per bubble, as drawn (the simulator's state and tests read the whole text). */
  get text(): { from: Bubble['from']; lines: string[] }[][] {
    return (this.laidOut?.pages ?? []).map((p) => p.map((piece) => ({ ...piece, lines: [...piece.lines] })));
  }

  turn(delta: number): boolean {
    const before = this.page;
    this.page = Math.max(0, Math.min(this.pages - 1, this.page + delta));
    return this.page !== before;
  }

  /** ▼/▲ turn the page when there is more than one (otherwise they stay the focus keys). */
  onButton(event: ButtonEvent): false | readonly Rect[] {
    if (this.pages < 2 || event.action === 'long-press' || (event.id !== 'down' && event.id !== 'up'))
      return false;
    const turned = this.turn(event.id === 'down' ? 1 : -1);
    return turned && this.drawn ? [this.drawn] : [];
  }

  private static metrics(
    rc: RenderContext,
    size: number,
    leading = LEADING,
  ): { pad: number; gap: number; line: number } {
    return {
      pad: Math.round(12 * rc.scale),
      gap: Math.round(rc.theme.spacing * rc.scale),
      line: size * leading,
    };
  }

  /** The citizen's bubble is narrower than the column, so the two read as two voices. */
  private static wrapWidth(from: Bubble['from'], width: number, pad: number): number {
    return (from === 'citizen' ? width * 0.85 : width) - 2 * pad;
  }

  /** The bubbles at `size` in a column `width` wide, paged into `height`. */
  private paginate(
    rc: RenderContext,
    size: number,
    width: number,
    height: number,
    leading = LEADING,
  ): Piece[][] {
    const { g } = rc;
    const { pad, gap, line } = BubblePages.metrics(rc, size, leading);
    g.font = font(size, 600);
    const pages: Piece[][] = [[]];
    let room = height;
    for (const bubble of this.bubbles) {
      const lines = wrapText(g, bubble.text, BubblePages.wrapWidth(bubble.from, width, pad));
      let at = 0;
      while (at < lines.length) {
        let current = pages[pages.length - 1] as Piece[];
        const cost = current.length > 0 ? gap + 2 * pad : 2 * pad;
        let fit = Math.floor((room - cost) / line);
        if (fit < 1) {
          if (current.length === 0) fit = 1;
          else {
            current = [];
            pages.push(current);
            room = height;
            continue;
          }
        }
        const taken = lines.slice(at, at + fit);
        current.push({ from: bubble.from, lines: taken });
        room -= cost + taken.length * line;
        at += taken.length;
        if (at < lines.length) {
          pages.push([]);
          room = height;
        }
      }
    }
    return pages.filter((p, i) => p.length > 0 || i === 0);
  }

  /** Height of the page row: an arrow key. */
  private static rowHeight(rc: RenderContext): number {
    return Math.round(Math.max(rc.theme.minKey, 56) * rc.scale);
  }

  private layout(rc: RenderContext, rect: Rect, footer: number): Layout {
    const { theme, scale } = rc;
    const key = `${rect.width}|${rect.height}|${footer}|${theme.name}|${scale}`;
    if (this.laidOut?.key === key) return this.laidOut;
    const least = theme.size.small * scale;
    const whole = rect.height - footer;
    for (let size = theme.size.body * scale; size >= least; size -= 2 * scale) {
      const pages = this.paginate(rc, size, rect.width, whole);
      if (pages.length === 1) return (this.laidOut = { key, size, leading: LEADING, height: whole, pages });
    }
    // A short reply a few lines too long (the large theme's least is its body size): closer lines
    // before a second page that would hold only its end.
    const close = this.paginate(rc, least, rect.width, whole, LEADING_CLOSE);
    if (close.length === 1)
      return (this.laidOut = { key, size: least, leading: LEADING_CLOSE, height: whole, pages: close });
    const height = rect.height - BubblePages.rowHeight(rc) - theme.spacing * scale;
    return (this.laidOut = {
      key,
      size: least,
      leading: LEADING,
      height,
      pages: this.paginate(rc, least, rect.width, height),
    });
  }

  /**
   * Draws the page shown in `rect`. On one page the bubbles leave `footer` px free at the bottom
   * (the screen's hint); pages put their page row there instead.
   */
  render(rc: RenderContext, rect: Rect, footer = 0): Target[] {
    const { g, theme, scale, lang } = rc;
    this.drawn = { ...rect };
    const layout = this.layout(rc, rect, footer);
    this.page = Math.max(0, Math.min(this.page, layout.pages.length - 1));
    const pieces = layout.pages[this.page] ?? [];
    const { pad, gap, line } = BubblePages.metrics(rc, layout.size, layout.leading);
    g.font = font(layout.size, 600);
    let y = rect.y;
    pieces.forEach((piece, i) => {
      const citizen = piece.from === 'citizen';
      const last = i === pieces.length - 1;
      const textWidth = Math.max(...piece.lines.map((l) => g.measureText(l).width));
      const width = citizen ? Math.min(rect.width, textWidth + 2 * pad + 2) : rect.width;
      // The kiosk's last bubble reaches the bottom: the page reads as one answer, not a scrap.
      const height = last && !citizen ? rect.y + layout.height - y : piece.lines.length * line + 2 * pad;
      const box: Rect = { x: rect.x + (citizen ? rect.width - width : 0), y, width, height };
      roundRect(g, box, theme.radius * scale * 2);
      g.fillStyle = citizen ? theme.accent : theme.surface;
      g.fill();
      if (!citizen) {
        g.lineWidth = 2 * scale;
        g.strokeStyle = theme.mutedText;
        g.stroke();
      }
      g.fillStyle = citizen ? theme.accentText : theme.text;
      g.textBaseline = 'middle';
      g.textAlign = 'left';
      piece.lines.forEach((text, n) => g.fillText(text, box.x + pad, box.y + pad + (n + 0.5) * line));
      y += height + gap;
    });
    if (layout.pages.length < 2) return [];
    const vi = lang === 'vi';
    const size = theme.size.small * scale;
    const row = BubblePages.rowHeight(rc);
    const { up, down } = drawPageColumn(
      rc,
      { x: rect.x, y: rect.y + rect.height - row, width: rect.width, height: row },
      this.page,
      layout.pages.length,
      { word: vi ? 'Trang' : 'Page', size, step: size * 1.15 },
    );
    const where = `${this.page + 1}/${layout.pages.length}`;
    return [
      {
        id: 'page:prev',
        rect: up,
        button: 'up',
        label: vi ? `Trang trước, đang ở trang ${where}` : `Previous page, on page ${where}`,
        activate: () => void this.turn(-1),
      },
      {
        id: 'page:next',
        rect: down,
        button: 'down',
        label: vi ? `Trang sau, đang ở trang ${where}` : `Next page, on page ${where}`,
        activate: () => void this.turn(1),
      },
    ];
  }
}
