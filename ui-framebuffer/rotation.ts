import type { SKRSContext2D } from '@napi-rs/canvas';

export type Rotation = 0 | 90 | 180 | 270;

/** Device size for a logical size under rotation. */
export function deviceSize(
  width: number,
  height: number,
  rotation: Rotation,
): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

/** Sets the transform that draws logical content (width x height) rotated onto the device. */
export function applyRotation(g: SKRSContext2D, width: number, height: number, rotation: Rotation): void {
  switch (rotation) {
    case 0:
      g.setTransform(1, 0, 0, 1, 0, 0);
      break;
    case 90:
      g.setTransform(0, 1, -1, 0, height, 0);
      break;
    case 180:
      g.setTransform(-1, 0, 0, -1, width, height);
      break;
    case 270:
      g.setTransform(0, -1, 1, 0, 0, width);
      break;
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
