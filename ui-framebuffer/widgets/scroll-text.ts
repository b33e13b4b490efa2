import type { ButtonEvent } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { roundRect, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { RenderContext, Target } from '../screen.js';
import { drawIcon } from './icons.js';

/** A section of long text: an optional heading and paragraphs (split on "\n"). */
export interface TextBlock {
  heading?: string;
  text: string;
}

interface Line {
  text: string;
  heading: boolean;
}

/**
 * Long text (procedure details, legal basis) wrapped at Vietnamese word boundaries and scrolled
 * a page at a time. The text area is itself a target: while it has the focus, up/down scroll a
 * page while there is more to see, then move focus on as usual (call `onButton` from the
 * screen's onButton). Elsewhere up/down just move the focus. Touch gets scroll arrows.
 */
export class ScrollText {
  /** First visible line. */
  top = 0;
  private blocks: TextBlock[];
  /** Wrapped lines of the current content, reused while width and font size stay the same. */
  private wrapped: { key: string; lines: Line[] } | undefined;
  private lineCount = 0;
  private visible = 1;
  private focused = false;

  constructor(
    content: string | readonly TextBlock[],
    private readonly id = 'text',
  ) {
    this.blocks = typeof content === 'string' ? [{ text: content }] : [...content];
  }

  setContent(content: string | readonly TextBlock[]): void {
    this.blocks = typeof content === 'string' ? [{ text: content }] : [...content];
    this.wrapped = undefined;
    this.top = 0;
  }

  get canScrollUp(): boolean {
    return this.top > 0;
  }

  get canScrollDown(): boolean {
    return this.top + this.visible < this.lineCount;
  }

  /** Scrolls by pages (negative = up); returns whether anything moved. */
  scroll(pages: number): boolean {
    const step = Math.max(1, this.visible - 1) * Math.sign(pages);
    const before = this.top;
    this.top = Math.max(0, Math.min(Math.max(0, this.lineCount - this.visible), this.top + step));
    return this.top !== before;
  }

  /** Consumes up/down (press and repeat) while the text has the focus and can scroll that way. */
  onButton(event: ButtonEvent): boolean {
    if (event.action === 'long-press' || !this.focused) return false;
    if (event.id === 'down' && this.canScrollDown) return this.scroll(1);
    if (event.id === 'up' && this.canScrollUp) return this.scroll(-1);
    return false;
  }

  private layout(rc: RenderContext, width: number): Line[] {
    const { g, theme, scale } = rc;
    const lines: Line[] = [];
    for (const block of this.blocks) {
      if (block.heading) {
        g.font = font(theme.size.body * scale, 700);
        for (const l of wrapText(g, block.heading.normalize('NFC'), width))
          lines.push({ text: l, heading: true });
      }
      g.font = font(theme.size.body * scale, 400);
      for (const l of wrapText(g, block.text.normalize('NFC'), width))
        lines.push({ text: l, heading: false });
      lines.push({ text: '', heading: false });
    }
    while (lines.length > 0 && lines[lines.length - 1]?.text === '') lines.pop();
    return lines;
  }

  render(rc: RenderContext, rect: Rect): Target[] {
    const { g, theme, scale, lang } = rc;
    const barWidth = Math.round(56 * scale);
    const inset = Math.round(8 * scale);
    const textWidth = rect.width - barWidth - theme.spacing * scale - inset;
    // Wrapping long text measures every word; scrolling only moves the window (cache the lines).
    const key = `${textWidth}|${rc.theme.size.body * rc.scale}`;
    if (this.wrapped?.key !== key) this.wrapped = { key, lines: this.layout(rc, textWidth) };
    const lines = this.wrapped.lines;
    const lineHeight = theme.size.body * scale * 1.35;
    this.focused = rc.focusedId === `${this.id}:body`;
    this.lineCount = lines.length;
    this.visible = Math.max(1, Math.floor(rect.height / lineHeight));
    this.top = Math.max(0, Math.min(this.top, Math.max(0, this.lineCount - this.visible)));
    g.save();
    g.beginPath();
    g.rect(rect.x, rect.y, textWidth + inset, rect.height);
    g.clip();
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.fillStyle = theme.text;
    lines.slice(this.top, this.top + this.visible).forEach((line, i) => {
      g.font = font(theme.size.body * scale, line.heading ? 700 : 400);
      g.fillText(line.text, rect.x + inset, rect.y + (i + 0.5) * lineHeight, textWidth);
    });
    g.restore();
    if (this.lineCount <= this.visible) return [];
    // Scrollbar with arrows.
    const bx = rect.x + rect.width - barWidth;
    const arrow = barWidth;
    const track: Rect = {
      x: bx + barWidth * 0.3,
      y: rect.y + arrow,
      width: barWidth * 0.4,
      height: rect.height - 2 * arrow,
    };
    roundRect(g, track, track.width / 2);
    g.fillStyle = theme.surface;
    g.fill();
    g.lineWidth = 1.5 * scale;
    g.strokeStyle = theme.mutedText;
    g.stroke();
    const thumbH = Math.max(track.width, (track.height * this.visible) / this.lineCount);
    const thumbY =
      track.y + ((track.height - thumbH) * this.top) / Math.max(1, this.lineCount - this.visible);
    roundRect(g, { ...track, y: thumbY, height: thumbH }, track.width / 2);
    g.fillStyle = theme.accent;
    g.fill();
    const upRect: Rect = { x: bx, y: rect.y, width: barWidth, height: arrow };
    const downRect: Rect = { x: bx, y: rect.y + rect.height - arrow, width: barWidth, height: arrow };
    const pad = arrow * 0.2;
    const shrink = (r: Rect): Rect => ({
      x: r.x + pad,
      y: r.y + pad,
      width: r.width - 2 * pad,
      height: r.height - 2 * pad,
    });
    drawIcon(g, 'up', shrink(upRect), this.canScrollUp ? theme.text : theme.surface);
    drawIcon(g, 'down', shrink(downRect), this.canScrollDown ? theme.text : theme.surface);
    const vi = lang === 'vi';
    return [
      {
        id: `${this.id}:body`,
        rect: { x: rect.x, y: rect.y, width: textWidth + inset, height: rect.height },
        label: vi ? 'Nội dung. Bấm nút lên, xuống để đọc tiếp' : 'Text. Press up or down to read on',
        activate: () => void this.scroll(1),
      },
      {
        id: `${this.id}:scroll-up`,
        rect: upRect,
        label: vi ? 'Cuộn lên' : 'Scroll up',
        activate: () => void this.scroll(-1),
      },
      {
        id: `${this.id}:scroll-down`,
        rect: downRect,
        label: vi ? 'Cuộn xuống' : 'Scroll down',
        activate: () => void this.scroll(1),
      },
    ];
  }
}
