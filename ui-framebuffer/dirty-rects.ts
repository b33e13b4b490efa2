import type { Rect } from '../drivers/display/types.js';

/**
 * Compares two RGBA frames in horizontal bands and returns the changed bands (merged), each
 * narrowed to the changed columns. Empty when nothing changed.
 */
export function diffFrames(
  previous: Uint8Array | Uint8ClampedArray | undefined,
  next: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  band = 16,
): Rect[] {
  if (!previous || previous.length !== next.length) return [{ x: 0, y: 0, width, height }];
  return diffBands(words(previous), width, words(next), { x: 0, y: 0, width, height }, band);
}

/**
 * Compares `pixels` (RGBA, `region`-sized) with `frame` (RGBA, `frameWidth` wide) at `region`,
 * copies them into `frame`, and returns the changed bands there in frame coordinates, as
 * diffFrames does for a whole frame. `region` must lie inside the frame, in whole pixels.
 */
export function updateRegion(
  frame: Uint8Array | Uint8ClampedArray,
  frameWidth: number,
  region: Rect,
  pixels: Uint8Array | Uint8ClampedArray,
  band = 16,
): Rect[] {
  if (pixels.length !== region.width * region.height * 4) {
    throw new TypeError(`pixels: ${pixels.length} bytes for a ${region.width}x${region.height} region`);
  }
  const dirty = diffBands(words(frame), frameWidth, words(pixels), region, band);
  for (const r of dirty) {
    for (let y = r.y; y < r.y + r.height; y++) {
      const from = ((y - region.y) * region.width + (r.x - region.x)) * 4;
      frame.set(pixels.subarray(from, from + r.width * 4), (y * frameWidth + r.x) * 4);
    }
  }
  return dirty;
}

/**
 * The regions as whole pixels inside a `width`×`height` frame (grown to whole pixels, cut to the
 * frame), without empty ones or ones inside another. Regions may overlap: the overlap is read twice
 * and found unchanged the second time.
 */
export function wholeRegions(regions: readonly Rect[], width: number, height: number): Rect[] {
  const whole: Rect[] = [];
  for (const r of regions) {
    const x0 = Math.max(0, Math.floor(r.x));
    const y0 = Math.max(0, Math.floor(r.y));
    const x1 = Math.min(width, Math.ceil(r.x + r.width));
    const y1 = Math.min(height, Math.ceil(r.y + r.height));
    if (x1 > x0 && y1 > y0) whole.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  const inside = (a: Rect, b: Rect): boolean =>
    a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
  // A region inside another adds nothing (of two equal ones the first stays).
  return whole.filter((r, i) => !whole.some((o, j) => j !== i && inside(r, o) && (!inside(o, r) || j < i)));
}

function words(bytes: Uint8Array | Uint8ClampedArray): Uint32Array {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
}

function bytesOf(words32: Uint32Array): Buffer {
  return Buffer.from(words32.buffer, words32.byteOffset, words32.byteLength);
}

/**
 * The changed bands of `region` between `frame32` (`frameWidth` wide) and `next32` (the region's
 * pixels alone, `region.width` wide), in frame coordinates. Bands start at the region's top.
 * Each row is compared whole first (memcmp, ~20x a pixel loop); in a changed row only the ends
 * are scanned, from the left to its first change and from the right to its last.
 */
function diffBands(
  frame32: Uint32Array,
  frameWidth: number,
  next32: Uint32Array,
  region: Rect,
  band: number,
): Rect[] {
  const { x: rx, y: ry, width, height } = region;
  const frameBytes = bytesOf(frame32);
  const nextBytes = bytesOf(next32);
  const rects: Rect[] = [];
  for (let top = 0; top < height; top += band) {
    const bottom = Math.min(height, top + band);
    let minX = width;
    let maxX = -1;
    for (let y = top; y < bottom; y++) {
      const a = (ry + y) * frameWidth + rx;
      const b = y * width;
      if (nextBytes.compare(frameBytes, a * 4, (a + width) * 4, b * 4, (b + width) * 4) === 0) continue;
      let left = 0;
      while (left < minX && frame32[a + left] === next32[b + left]) left++;
      if (left < minX) minX = left;
      let right = width - 1;
      while (right > maxX && frame32[a + right] === next32[b + right]) right--;
      if (right > maxX) maxX = right;
    }
    if (maxX < 0) continue;
    const last = rects[rects.length - 1];
    const rect = { x: rx + minX, y: ry + top, width: maxX - minX + 1, height: bottom - top };
    if (last && last.y + last.height === rect.y) {
      const x = Math.min(last.x, rect.x);
      const right = Math.max(last.x + last.width, rect.x + rect.width);
      last.x = x;
      last.width = right - x;
      last.height += rect.height;
    } else rects.push(rect);
  }
  return rects;
}
