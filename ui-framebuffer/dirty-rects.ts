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
  const prev32 = new Uint32Array(previous.buffer, previous.byteOffset, previous.length / 4);
  const next32 = new Uint32Array(next.buffer, next.byteOffset, next.length / 4);
  const rects: Rect[] = [];
  for (let top = 0; top < height; top += band) {
    const bottom = Math.min(height, top + band);
    let minX = width;
    let maxX = -1;
    for (let y = top; y < bottom; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        if (prev32[row + x] !== next32[row + x]) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
        }
      }
    }
    if (maxX < 0) continue;
    const last = rects[rects.length - 1];
    const rect = { x: minX, y: top, width: maxX - minX + 1, height: bottom - top };
    if (last && last.y + last.height === top) {
      const x = Math.min(last.x, rect.x);
      const right = Math.max(last.x + last.width, rect.x + rect.width);
      last.x = x;
      last.width = right - x;
      last.height += rect.height;
    } else rects.push(rect);
  }
  return rects;
}
