import { createCanvas, loadImage } from '@napi-rs/canvas';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertFrame, ffmpegPixFmt } from '../../../drivers/display/pixel-format.js';
import type { Frame, PixelFormat } from '../../../drivers/display/types.js';
import { tempDir } from '../../helpers/sim-process.js';

const dir = tempDir('kiosk-pixfmt-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A test card: colour ramps in every channel, primaries, greys and anti-aliased text. */
function testCard(width: number, height: number): Frame {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  const img = g.createImageData(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      img.data[i] = (x * 255) / (width - 1);
      img.data[i + 1] = (y * 255) / (height - 1);
      img.data[i + 2] = ((x + y) * 7) & 0xff;
      img.data[i + 3] = 255;
    }
  }
  g.putImageData(img, 0, 0);
  const colours = ['#ff0000', '#00ff00', '#0000ff', '#ffffff', '#000000', '#808080', '#ffd500', '#0b3d91'];
  colours.forEach((c, i) => {
    g.fillStyle = c;
    g.fillRect(i * 12, 0, 12, 12);
  });
  g.fillStyle = '#000';
  g.font = '20px sans-serif';
  g.fillText('Việt Nam ặẫỹ', 4, height - 8);
  return { width, height, data: g.getImageData(0, 0, width, height).data };
}

async function decodeWithFfmpeg(
  raw: Buffer,
  format: PixelFormat,
  width: number,
  height: number,
): Promise<Uint8ClampedArray> {
  const input = join(dir, `in-${format}.raw`);
  const output = join(dir, `out-${format}.png`);
  writeFileSync(input, raw);
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    ffmpegPixFmt(format),
    '-s',
    `${width}x${height}`,
    '-i',
    input,
    '-frames:v',
    '1',
    output,
  ]);
  const img = await loadImage(readFileSync(output));
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.drawImage(img, 0, 0);
  return g.getImageData(0, 0, width, height).data;
}

/** Largest per-channel difference between the source and the decode, per channel. */
function maxDiff(a: Uint8ClampedArray | Uint8Array, b: Uint8ClampedArray): number[] {
  const d = [0, 0, 0];
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) d[c] = Math.max(d[c] ?? 0, Math.abs((a[i + c] ?? 0) - (b[i + c] ?? 0)));
  }
  return d;
}

describe('Pixel formats decoded by ffmpeg', () => {
  const width = 96;
  const height = 64;
  const card = testCard(width, height);
  const formats: [PixelFormat, number[]][] = [
    ['rgb565le', [7, 3, 7]],
    ['rgb888', [0, 0, 0]],
    ['bgr888', [0, 0, 0]],
    ['xrgb8888', [0, 0, 0]],
    ['bgra8888', [0, 0, 0]],
    ['rgba8888', [0, 0, 0]],
  ];
  it.each(formats)('%s decodes to the same image (max channel error %j)', async (format, tolerance) => {
    const raw = convertFrame(card, format);
    const decoded = await decodeWithFfmpeg(raw, format, width, height);
    const diff = maxDiff(card.data, decoded);
    diff.forEach((d, c) => expect(d, `channel ${'RGB'[c]}`).toBeLessThanOrEqual(tolerance[c] ?? 0));
    // The card really has detail: the decode is not a flat image.
    const colours = new Set<number>();
    for (let i = 0; i < decoded.length; i += 4)
      colours.add(((decoded[i] ?? 0) << 16) | ((decoded[i + 1] ?? 0) << 8) | (decoded[i + 2] ?? 0));
    expect(colours.size).toBeGreaterThan(500);
  });

  it('rgb565le packs red in the high bits, little-endian', () => {
    const px = (r: number, g: number, b: number): Buffer =>
      convertFrame({ width: 1, height: 1, data: Uint8ClampedArray.from([r, g, b, 255]) }, 'rgb565le');
    expect([...px(255, 0, 0)]).toEqual([0x00, 0xf8]);
    expect([...px(0, 255, 0)]).toEqual([0xe0, 0x07]);
    expect([...px(0, 0, 255)]).toEqual([0x1f, 0x00]);
  });
});
