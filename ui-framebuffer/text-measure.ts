import type { SKRSContext2D, TextMetrics } from '@napi-rs/canvas';

/** Measures kept per context; past this the oldest go first (a screen measures a few hundred). */
export const MEASURE_CACHE_SIZE = 4096;

/**
 * Makes `g.measureText` remember what it measured, per font and text (issue #16: text layout
 * cached). Screens are immediate-mode: every frame, a focus move included, lays its labels out
 * again (wrapping, shrinking to fit, "…"), and a measure costs a text shaping in Skia (~3 µs here,
 * ~0.5 ms for a list screen's frame). The font is the only text property the kiosk sets that
 * changes a width; it is tracked through its setter and save()/restore()/reset() (reading
 * `g.font` back costs a third of a measure), so a hit is one Map lookup. Returns the number of
 * measures that went to Skia, for tests and benchmarks.
 */
export function cacheTextMeasures(g: SKRSContext2D, size = MEASURE_CACHE_SIZE): () => number {
  const proto = Object.getPrototypeOf(g) as SKRSContext2D;
  const fontProperty = findAccessor(proto, 'font');
  const measure = proto.measureText;
  const save = proto.save;
  const restore = proto.restore;
  const reset = (proto as { reset?: () => void }).reset;
  const cache = new Map<string, TextMetrics>();
  let current = g.font;
  const saved: string[] = [];
  let measured = 0;
  Object.defineProperty(g, 'font', {
    configurable: true,
    get: () => current,
    set: (value: string) => {
      fontProperty.set?.call(g, value);
      // Read back: the canvas normalises the value, and keeps the font before on a bad one.
      current = fontProperty.get?.call(g) as string;
    },
  });
  g.save = () => {
    saved.push(current);
    save.call(g);
  };
  g.restore = () => {
    restore.call(g);
    if (saved.length > 0) current = saved.pop() as string;
  };
  if (reset)
    (g as { reset?: () => void }).reset = () => {
      reset.call(g);
      saved.length = 0;
      current = fontProperty.get?.call(g) as string;
    };
  g.measureText = (text: string): TextMetrics => {
    const key = `${current}\u0000${text}`;
    let m = cache.get(key);
    if (m === undefined) {
      m = measure.call(g, text);
      measured++;
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(key, m);
    }
    return m;
  };
  return () => measured;
}

function findAccessor(proto: object, name: string): PropertyDescriptor {
  for (let o: object | null = proto; o; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d;
  }
  throw new TypeError(`${name}: the canvas context has no such property`);
}
