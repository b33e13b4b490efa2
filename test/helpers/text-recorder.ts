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
}

/**
 * Wraps a 2D context so every fillText is recorded (the text, its size, colour and place) and
 * still drawn: tests read what a screen wrote without OCR.
 */
export function recordingContext(g: SKRSContext2D): { g: SKRSContext2D; drawn: DrawnText[] } {
  const drawn: DrawnText[] = [];
  const proxy = new Proxy(g, {
    get(target, prop) {
      if (prop === 'fillText')
        return (text: string, x: number, y: number, maxWidth?: number) => {
          const m = /(?:(\d{3})\s+)?(\d+(?:\.\d+)?)px/.exec(target.font);
          drawn.push({
            text,
            x,
            y,
            maxWidth,
            size: Number(m?.[2] ?? 0),
            weight: Number(m?.[1] ?? 400),
            fill: String(target.fillStyle),
            align: target.textAlign,
            baseline: target.textBaseline,
            width: target.measureText(text).width,
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
