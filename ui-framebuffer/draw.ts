import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from '../drivers/display/types.js';
import { localTime } from '../runtime/time.js';
import { font } from '../runtime/fonts.js';
import type { RenderContext } from './screen.js';
import { fitSubtitle, type Subtitle } from './subtitle.js';

export function roundRect(g: SKRSContext2D, r: Rect, radius: number): void {
  g.beginPath();
  g.roundRect(r.x, r.y, r.width, r.height, radius);
}

/**
 * Splits text into lines that fit `maxWidth` with the current font. Vietnamese is written in
 * space-separated syllables, so lines break at spaces; a single word wider than the line (a URL,
 * a long code) is broken between characters. Text is NFC-normalized so diacritics stay attached.
 */
export function wrapText(g: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  // Long texts (procedure details) have thousands of words: estimate each candidate from the
  // words' own widths and measure the whole line only near the limit, with the same result.
  const widths = new Map<string, number>();
  const width = (w: string): number => {
    let v = widths.get(w);
    if (v === undefined) widths.set(w, (v = g.measureText(w).width));
    return v;
  };
  const space = width(' ');
  const margin = Math.max(4, maxWidth * 0.02);
  for (const paragraph of text.normalize('NFC').split('\n')) {
    let line = '';
    let estimate = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      const guess = line ? estimate + space + width(word) : width(word);
      const fits =
        guess < maxWidth - margin
          ? true
          : guess > maxWidth + margin
            ? false
            : g.measureText(candidate).width <= maxWidth;
      if (fits) {
        line = candidate;
        estimate = guess;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      estimate = width(word);
      if (estimate > maxWidth) {
        const pieces = splitWord(g, word, maxWidth);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
        estimate = g.measureText(line).width;
      }
    }
    lines.push(line);
  }
  return lines;
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/**
 * Cuts a word wider than `maxWidth` into pieces that fit (a URL, a 10,000-letter string), at
 * grapheme boundaries. Linear in the word's length: each piece grows from summed grapheme widths
 * and is measured whole only to correct for kerning, never re-measured from the end.
 */
function splitWord(g: SKRSContext2D, word: string, maxWidth: number): string[] {
  const chars = [...graphemes.segment(word)].map((s) => s.segment);
  const widths = new Map<string, number>();
  const width = (c: string): number => {
    let v = widths.get(c);
    if (v === undefined) widths.set(c, (v = g.measureText(c).width));
    return v;
  };
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start + 1;
    let sum = width(chars[start] as string);
    while (end < chars.length && sum + width(chars[end] as string) <= maxWidth) {
      sum += width(chars[end] as string);
      end++;
    }
    // Kerning can make the piece a little wider than its graphemes' sum: give back what overflows.
    while (end - start > 1 && g.measureText(chars.slice(start, end).join('')).width > maxWidth) end--;
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}

/** `text` as is when it fits `maxWidth` (current font), else cut with "…" at the end. */
export function ellipsize(g: SKRSContext2D, text: string, maxWidth: number): string {
  if (g.measureText(text).width <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && g.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Tallest title bar in reference px (with subtitle, large theme); the minute tick redraws only this band. */
export const HEADER_MAX_HEIGHT = 96;

/** Height of the title bar in reference px: the title, and the subtitle on its own line below it. */
function barHeightFor(theme: RenderContext['theme'], subtitle: boolean): number {
  if (!subtitle) return 64;
  return Math.min(
    HEADER_MAX_HEIGHT,
    Math.max(84, Math.round(theme.size.title * 1.25 + theme.size.small * 1.3 + 6)),
  );
}

/**
 * Fills the background and draws the title bar; returns the content area below it. With a
 * subtitle the clock sits on the title's line, so the subtitle has the bar's whole width.
 */
export function drawFrame(rc: RenderContext, title: string, subtitle?: Subtitle): Rect {
  const { g, theme, width, scale } = rc;
  g.fillStyle = theme.background;
  g.fillRect(0, 0, rc.width, rc.height);
  const barHeight = Math.round(barHeightFor(theme, subtitle !== undefined) * scale);
  g.fillStyle = theme.accent;
  g.fillRect(0, 0, width, barHeight);
  g.fillStyle = theme.accentText;
  g.textBaseline = 'middle';
  g.textAlign = 'left';
  g.font = font(theme.size.title * scale, 700);
  const pad = theme.spacing * scale;
  const titleY = subtitle !== undefined ? barHeight * 0.33 : barHeight / 2;
  // The clock at the right of the bar; the UI service redraws once a minute, changing only these rows.
  // A clock known to be wrong is not shown to citizens (its room stays, so nothing moves when it returns).
  const t = localTime(rc.now, rc.timeZone ?? 'UTC');
  const clock = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  g.font = font(theme.size.title * scale * 0.8, 700);
  g.textAlign = 'right';
  if (!rc.clockWrong) g.fillText(clock, width - pad, titleY);
  const clockWidth = g.measureText(clock).width + 2 * pad;
  g.textAlign = 'left';
  const room = width - 2 * pad - clockWidth;
  // A long title (a centre's name) steps down to the body size rather than being squeezed.
  let size = theme.size.title * scale;
  g.font = font(size, 700);
  while (size > theme.size.body * scale && g.measureText(title).width > room) g.font = font((size -= 1), 700);
  g.fillText(ellipsize(g, title, room), pad, titleY);
  if (subtitle !== undefined) {
    g.font = font(theme.size.small * scale, 400);
    g.fillText(fitSubtitle(g, subtitle, width - 2 * pad), pad, barHeight * 0.75);
  }
  return { x: pad, y: barHeight + pad, width: width - 2 * pad, height: rc.height - barHeight - 2 * pad };
}

/** A large button with its physical-button number in a badge on the left. */
export function drawTile(rc: RenderContext, rect: Rect, label: string, badge?: string): string[] {
  const { g, theme, scale } = rc;
  roundRect(g, rect, theme.radius * scale);
  g.fillStyle = theme.surface;
  g.fill();
  g.lineWidth = 2 * scale;
  g.strokeStyle = theme.mutedText;
  g.stroke();
  let textX = rect.x + theme.spacing * scale;
  if (badge) {
    const size = Math.min(rect.height - 16 * scale, 56 * scale);
    const badgeRect = {
      x: rect.x + 10 * scale,
      y: rect.y + (rect.height - size) / 2,
      width: size,
      height: size,
    };
    roundRect(g, badgeRect, size / 2);
    g.fillStyle = theme.accent;
    g.fill();
    g.fillStyle = theme.accentText;
    g.font = font(size * 0.55, 800);
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(badge.toUpperCase(), badgeRect.x + size / 2, badgeRect.y + size / 2 + 1);
    textX = badgeRect.x + size + theme.spacing * scale;
  }
  g.fillStyle = theme.text;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  const maxWidth = rect.x + rect.width - textX - theme.spacing * scale;
  // Two lines at the body size, or down to the theme's least when that keeps the whole label; a
  // label still longer takes a third line where the tile holds one ("Quầy số 4, Lao động -
  // Thương binh và Xã hội"), and only past that is it cut short with "…".
  let size = theme.size.body * scale;
  const linesAt = (px: number): number => Math.max(1, Math.floor((rect.height - 8 * scale) / (px * 1.15)));
  const roomAt = (px: number): number => Math.min(2, linesAt(px));
  g.font = font(size, 600);
  let wrapped = wrapText(g, label, maxWidth);
  while (wrapped.length > roomAt(size) && size > theme.size.least * scale) {
    size = Math.max(theme.size.least * scale, size - 1);
    g.font = font(size, 600);
    wrapped = wrapText(g, label, maxWidth);
  }
  const lineHeight = size * 1.15;
  const room = wrapped.length > roomAt(size) ? Math.min(3, linesAt(size)) : roomAt(size);
  const lines = wrapped.slice(0, room);
  if (wrapped.length > room) {
    let last = [...(lines[room - 1] ?? '')];
    while (last.length > 1 && g.measureText(`${last.join('').trimEnd()}…`).width > maxWidth)
      last = last.slice(0, -1);
    lines[room - 1] = `${last.join('').trimEnd()}…`;
  }
  lines.forEach((line, i) => {
    g.fillText(line, textX, rect.y + rect.height / 2 + (i - (lines.length - 1) / 2) * lineHeight, maxWidth);
  });
  return lines;
}

/** The focus ring's outline lies this far outside its target (reference px), its line this wide. */
const FOCUS_OFFSET = 4;
const FOCUS_LINE = 6;

/** The focus ring: a thick outline in the theme's focus colour. */
export function drawFocus(rc: RenderContext, rect: Rect): void {
  const { g, theme, scale } = rc;
  const inset = -FOCUS_OFFSET * scale;
  roundRect(
    g,
    { x: rect.x + inset, y: rect.y + inset, width: rect.width - 2 * inset, height: rect.height - 2 * inset },
    (theme.radius + FOCUS_OFFSET) * scale,
  );
  g.lineWidth = FOCUS_LINE * scale;
  g.strokeStyle = theme.focus;
  g.stroke();
}

/**
 * Every pixel the focus ring of `rect` can touch, as strips round the target (its outline, half its
 * line either side and a pixel of antialiasing; the rounded corners reach a little inside): what a
 * focus move redraws where the ring was and where it goes. The target's inside is not among them.
 */
export function focusRingRegions(rect: Rect, scale: number, radius: number): Rect[] {
  const offset = FOCUS_OFFSET * scale;
  const reach = (FOCUS_LINE / 2) * scale + 2;
  const out = Math.ceil(offset + reach);
  const o = {
    x: rect.x - out,
    y: rect.y - out,
    right: rect.x + rect.width + out,
    bottom: rect.y + rect.height + out,
  };
  // The ring's path is `rect` grown by `offset`, its corners rounded (as roundRect does, at most
  // half the side); a corner's arc comes nearest the inside on the diagonal.
  const pathW = rect.width + 2 * offset;
  const pathH = rect.height + 2 * offset;
  const r = Math.max(0, Math.min((radius + FOCUS_OFFSET) * scale, pathW / 2, pathH / 2));
  const depth = Math.max(reach, r - (r - reach) / Math.SQRT2);
  const inset = Math.ceil(depth - offset) + 1;
  const i = {
    x: rect.x + inset,
    y: rect.y + inset,
    right: rect.x + rect.width - inset,
    bottom: rect.y + rect.height - inset,
  };
  const whole = { x: o.x, y: o.y, width: o.right - o.x, height: o.bottom - o.y };
  if (i.right <= i.x || i.bottom <= i.y) return [whole];
  return [
    { x: o.x, y: o.y, width: whole.width, height: i.y - o.y },
    { x: o.x, y: i.bottom, width: whole.width, height: o.bottom - i.bottom },
    { x: o.x, y: i.y, width: i.x - o.x, height: i.bottom - i.y },
    { x: i.right, y: i.y, width: o.right - i.right, height: i.bottom - i.y },
  ];
}

/** Lays out `count` tiles in a grid inside `area`. */
export function gridCells(area: Rect, count: number, columns: number, gap: number): Rect[] {
  const rows = Math.max(1, Math.ceil(count / columns));
  const width = (area.width - gap * (columns - 1)) / columns;
  const height = (area.height - gap * (rows - 1)) / rows;
  return Array.from({ length: count }, (_, i) => ({
    x: Math.round(area.x + (i % columns) * (width + gap)),
    y: Math.round(area.y + Math.floor(i / columns) * (height + gap)),
    width: Math.round(width),
    height: Math.round(height),
  }));
}
