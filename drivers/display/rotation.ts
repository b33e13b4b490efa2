import type { Rect } from './types.js';

export type Rotation = 0 | 90 | 180 | 270;

/** Device size for a logical size under rotation. */
export function deviceSize(
  width: number,
  height: number,
  rotation: Rotation,
): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

/**
 * Where a logical (upright) rect lands on the panel. The panel shows the upright image turned by
 * `rotation` clockwise: at 90 the logical top edge runs down the panel's right side.
 */
export function rotateRect(r: Rect, width: number, height: number, rotation: Rotation): Rect {
  switch (rotation) {
    case 0:
      return { ...r };
    case 90:
      return { x: height - r.y - r.height, y: r.x, width: r.height, height: r.width };
    case 180:
      return { x: width - r.x - r.width, y: height - r.y - r.height, width: r.width, height: r.height };
    case 270:
      return { x: r.y, y: width - r.x - r.width, width: r.height, height: r.width };
  }
}

/**
 * Copies the pixels of logical rect `r` from the upright RGBA image `src` (width x height) into
 * the panel-oriented RGBA buffer `dst`, rotating them: the rotation happens while pixels are
 * moved towards the panel, and only for the dirty parts.
 */
export function rotatePixels(
  src: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  dst: Uint8Array | Uint8ClampedArray,
  r: Rect,
  rotation: Rotation,
): void {
  const s32 = new Uint32Array(src.buffer, src.byteOffset, src.length >> 2);
  const d32 = new Uint32Array(dst.buffer, dst.byteOffset, dst.length >> 2);
  const dw = rotation === 90 || rotation === 270 ? height : width;
  for (let y = r.y; y < r.y + r.height; y++) {
    let si = y * width + r.x;
    const end = si + r.width;
    let di: number;
    let step: number;
    switch (rotation) {
      case 0:
        di = y * dw + r.x;
        step = 1;
        break;
      case 90:
        di = r.x * dw + (height - 1 - y);
        step = dw;
        break;
      case 180:
        di = (height - 1 - y) * dw + (width - 1 - r.x);
        step = -1;
        break;
      case 270:
        di = (width - 1 - r.x) * dw + y;
        step = -dw;
        break;
    }
    for (; si < end; si++, di += step) d32[di] = s32[si]!;
  }
}

/** Maps a device (touch panel) point back to logical screen coordinates. */
export function toLogical(
  x: number,
  y: number,
  width: number,
  height: number,
  rotation: Rotation,
): { x: number; y: number } {
  switch (rotation) {
    case 0:
      return { x, y };
    case 90:
      return { x: y, y: height - x };
    case 180:
      return { x: width - x, y: height - y };
    case 270:
      return { x: width - y, y: x };
  }
}
