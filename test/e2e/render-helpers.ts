import { createCanvas, loadImage } from '@napi-rs/canvas';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Frame } from '../../drivers/display/types.js';
import type { Rotation } from '../../drivers/display/rotation.js';

/** Decodes raw panel bytes with ffmpeg to PNG and returns its RGBA pixels. */
export async function ffmpegDecode(
  rawFile: string,
  pixFmt: string,
  width: number,
  height: number,
  pngOut: string,
): Promise<Frame> {
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    pixFmt,
    '-s',
    `${width}x${height}`,
    '-i',
    rawFile,
    '-frames:v',
    '1',
    pngOut,
  ]);
  return loadPng(pngOut);
}

export async function loadPng(file: string): Promise<Frame> {
  const img = await loadImage(readFileSync(file));
  const canvas = createCanvas(img.width, img.height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  return {
    width: img.width,
    height: img.height,
    data: canvas.getContext('2d').getImageData(0, 0, img.width, img.height).data,
  };
}

/** Where upright pixel (x, y) of a W x H image lands on the panel mounted at `rotation`. */
export function toDevicePixel(
  x: number,
  y: number,
  w: number,
  h: number,
  rotation: Rotation,
): [number, number] {
  switch (rotation) {
    case 0:
      return [x, y];
    case 90:
      return [h - 1 - y, x];
    case 180:
      return [w - 1 - x, h - 1 - y];
    case 270:
      return [y, w - 1 - x];
  }
}

/** Share of upright pixels whose panel pixel differs by more than `tolerance` in some channel. */
export function mismatchShare(upright: Frame, device: Frame, rotation: Rotation, tolerance: number): number {
  let bad = 0;
  for (let y = 0; y < upright.height; y++) {
    for (let x = 0; x < upright.width; x++) {
      const [dx, dy] = toDevicePixel(x, y, upright.width, upright.height, rotation);
      const i = (y * upright.width + x) * 4;
      const j = (dy * device.width + dx) * 4;
      for (let c = 0; c < 3; c++) {
        if (Math.abs((upright.data[i + c] ?? 0) - (device.data[j + c] ?? 0)) > tolerance) {
          bad++;
          break;
        }
      }
    }
  }
  return bad / (upright.width * upright.height);
}
