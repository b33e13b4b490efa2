import type { SKRSContext2D } from '@napi-rs/canvas';

/** One fillText call as the screen made it, with the drawing state at that moment. */
export interface DrawnText {
  text: string;
  x: number;
  y: number;
  maxWidth: number | undefined;
  /** Font size in px, parsed from the context's font. */
  size: number;
  weight: number;
  fill: string;
  align: string;
  baseline: string;
  /** Width the text takes at this font (before any maxWidth squeeze). */
  width: number;
  /** The box the text covers on the canvas (at most maxWidth wide). */
  box: { x: number; y: number; width: number; height: number };
  /** The colour most of that box had just before the text was drawn (with `sampleBackground`). */
  background?: string;
}

/** Where a text drawn at (x, y) with this alignment and baseline lies. */
function textBox(
  x: number,
  y: number,
  width: number,
  size: number,
  align: string,
  baseline: string,
): DrawnText['box'] {
  const left = align === 'center' ? x - width / 2 : align === 'right' || align === 'end' ? x - width : x;
  // Ascent and descent of Be Vietnam Pro with its stacked diacritics, in em.
  const ascent = size * 0.95;
  const descent = size * 0.3;
  const top =
    baseline === 'top' || baseline === 'hanging'
      ? y
      : baseline === 'middle'
        ? y - (ascent + descent) / 2
        : baseline === 'bottom' || baseline === 'ideographic'
          ? y - ascent - descent
          : y - ascent;
  return { x: left, y: top, width, height: ascent + descent };
}

/** The most common colour of the pixels of `box` (the background a text is drawn on), as #rrggbb. */
function dominantColour(g: SKRSContext2D, box: DrawnText['box']): string | undefined {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const w = Math.min(g.canvas.width, Math.ceil(box.x + box.width)) - x;
  const h = Math.min(g.canvas.height, Math.ceil(box.y + box.height)) - y;
  if (w <= 0 || h <= 0) return undefined;
  const data = g.getImageData(x, y, w, h).data;
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 4) {
    const c = ((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = 0;
  let colour = 0;
  for (const [c, n] of counts) if (n > best) [best, colour] = [n, c];
  return `#${colour.toString(16).padStart(6, '0')}`;
}

/**
 * Wraps a 2D context so every fillText is recorded (the text, its size, colour and place) and
 * still drawn: tests read what a screen wrote without OCR.
 */
export function recordingContext(
  g: SKRSContext2D,
  options: { sampleBackground?: boolean } = {},
): { g: SKRSContext2D; drawn: DrawnText[] } {
  const drawn: DrawnText[] = [];
  const proxy = new Proxy(g, {
    get(target, prop) {
      if (prop === 'fillText')
        return (text: string, x: number, y: number, maxWidth?: number) => {
          const m = /(?:(\d{3})\s+)?(\d+(?:\.\d+)?)px/.exec(target.font);
          const size = Number(m?.[2] ?? 0);
          const width = target.measureText(text).width;
          const box = textBox(
            x,
            y,
            maxWidth === undefined ? width : Math.min(width, maxWidth),
            size,
            target.textAlign,
            target.textBaseline,
          );
          const background = options.sampleBackground ? dominantColour(target, box) : undefined;
          drawn.push({
            text,
            x,
            y,
            maxWidth,
            size,
            weight: Number(m?.[1] ?? 400),
            fill: String(target.fillStyle),
            align: target.textAlign,
            baseline: target.textBaseline,
            width,
            box,
            ...(background ? { background } : {}),
          });
          if (maxWidth === undefined) target.fillText(text, x, y);
          else target.fillText(text, x, y, maxWidth);
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value, target);
    },
  });
  return { g: proxy, drawn };
}
