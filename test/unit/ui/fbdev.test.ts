import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FbdevDisplay } from '../../../drivers/display/fbdev.js';
import { FileDisplay } from '../../../drivers/display/file.js';
import { RawFramebuffer } from '../../../drivers/display/raw-framebuffer.js';
import { convertFrame } from '../../../drivers/display/pixel-format.js';
import type { Frame } from '../../../drivers/display/types.js';
import { FakeFbdev, type FakeFbdevOptions } from '../../../hardware-mocks/fbdev.js';
import { DriverError } from '../../../runtime/errors.js';
import { tempDir } from '../../helpers/sim-process.js';

const dirs: string[] = [];
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fake(options: FakeFbdevOptions): FakeFbdev {
  const dir = tempDir('kiosk-fb-');
  dirs.push(dir);
  return new FakeFbdev(dir, options);
}

function driverFor(
  fb: FakeFbdev,
  extra: Partial<ConstructorParameters<typeof FbdevDisplay>[0]> = {},
): FbdevDisplay {
  const d = new FbdevDisplay({ device: fb.device, sysfsDir: fb.sysfsDir, ...extra });
  opened.push(d);
  return d;
}

function solid(width: number, height: number, rgb: [number, number, number]): Frame {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return { width, height, data };
}

describe('Driver: fbdev', () => {
  it('reads geometry and format from sysfs for 16, 24 and 32 bpp', async () => {
    for (const [bpp, format] of [
      [16, 'rgb565le'],
      [24, 'bgr888'],
      [32, 'xrgb8888'],
    ] as const) {
      const fb = fake({ width: 320, height: 240, bitsPerPixel: bpp });
      expect(await driverFor(fb).open()).toEqual({ width: 320, height: 240, format });
    }
  });

  it('writes rows at the stride, leaving the padding untouched', async () => {
    const fb = fake({ width: 100, height: 50, bitsPerPixel: 16, stride: 256, fill: 0xaa });
    const d = driverFor(fb);
    await d.open();
    const frame = solid(100, 50, [255, 0, 0]);
    await d.present(frame, []);
    const mem = fb.memory();
    for (const y of [0, 25, 49]) {
      const row = mem.subarray(y * 256, y * 256 + 256);
      expect([...row.subarray(0, 200)].every((b, i) => b === (i % 2 === 0 ? 0x00 : 0xf8))).toBe(true);
      expect([...row.subarray(200)].every((b) => b === 0xaa)).toBe(true);
    }
    expect(fb.packed('rgb565le').equals(convertFrame(frame, 'rgb565le'))).toBe(true);
  });

  it('a partial update writes only the dirty rows', async () => {
    const fb = fake({ width: 64, height: 48, bitsPerPixel: 32, stride: 64 * 4 + 32, fill: 0xaa });
    const d = driverFor(fb);
    await d.open();
    const frame = solid(64, 48, [10, 20, 30]);
    await d.present(frame, [{ x: 8, y: 16, width: 10, height: 4 }]);
    const mem = fb.memory();
    const stride = 64 * 4 + 32;
    for (let y = 0; y < 48; y++) {
      const row = mem.subarray(y * stride, (y + 1) * stride);
      const inside = y >= 16 && y < 20;
      if (!inside)
        expect(
          [...row].every((b) => b === 0xaa),
          `row ${y} untouched`,
        ).toBe(true);
      else {
        // The dirty columns carry the pixels (B,G,R,X) ...
        expect([...row.subarray(8 * 4, 18 * 4)]).toEqual(
          Array.from({ length: 10 }, () => [30, 20, 10, 255]).flat(),
        );
        // ... and the rest of the row keeps what the panel showed before (read at open).
        expect(row.subarray(0, 8 * 4).every((b) => b === 0xaa)).toBe(true);
        expect(row.subarray(18 * 4).every((b) => b === 0xaa)).toBe(true);
      }
    }
    // One write from the rect's first byte to its last: the rows between keep what the shadow holds.
    expect(d.framebuffer?.lastWrites).toBe(1);
    expect(d.framebuffer?.lastWrite).toBe(3 * stride + 10 * 4);
    // Rects on separate rows: one block each; a rect on rows of a block joins it.
    await d.present(frame, [
      { x: 0, y: 0, width: 60, height: 2 },
      { x: 2, y: 40, width: 50, height: 3 },
      { x: 0, y: 41, width: 4, height: 1 },
    ]);
    expect(d.framebuffer?.lastWrites).toBe(2);
    expect(d.framebuffer?.lastWrite).toBe(stride + 60 * 4 + (2 * stride + 52 * 4));
  });

  it('a focus ring (four strips round a target) is one asynchronous write, not one per row', async () => {
    const width = 1280;
    const height = 800;
    const stride = width * 2;
    const dir = tempDir('kiosk-fb-ring-');
    dirs.push(dir);
    const file = join(dir, 'fb0');
    writeFileSync(file, Buffer.alloc(stride * height, 0x11));
    const handle = await open(file, 'r+');
    opened.push(handle);
    const fb = new RawFramebuffer(handle, width, height, stride, 'rgb565le');
    await fb.load();
    const frame = solid(width, height, [255, 255, 255]);
    // The strips round a 1200x100 list row at (40, 300), 14 px out and 9 px in, as focusRingRegions gives.
    const ring = [
      { x: 26, y: 286, width: 1228, height: 23 },
      { x: 26, y: 391, width: 1228, height: 23 },
      { x: 26, y: 309, width: 23, height: 82 },
      { x: 1231, y: 309, width: 23, height: 82 },
    ];
    const write = vi.spyOn(handle, 'write');
    await fb.present(frame, ring);
    // Before: the side strips went out with writeSync, 82 rows x 2; the handle saw only the wide ones.
    expect(write).toHaveBeenCalledTimes(1);
    expect(fb.lastWrites).toBe(1);
    const mem = readFileSync(file);
    // What the ring covers is white now, the target's inside and the rows round it are untouched.
    expect(mem.readUInt16LE(286 * stride + 26 * 2)).toBe(0xffff);
    expect(mem.readUInt16LE(350 * stride + 1240 * 2)).toBe(0xffff);
    expect(mem.readUInt16LE(350 * stride + 600 * 2)).toBe(0x1111);
    expect(mem.readUInt16LE(285 * stride + 600 * 2)).toBe(0x1111);
    expect(mem.readUInt16LE(414 * stride + 600 * 2)).toBe(0x1111);
  });

  it('blanks through sysfs blank and the backlight bl_power', async () => {
    const fb = fake({ width: 32, height: 32, bitsPerPixel: 16, backlight: true });
    const d = driverFor(fb, { backlightDir: fb.backlightDir });
    await d.open();
    await d.setBlanked(true);
    expect(fb.blank).toBe('4');
    expect(fb.blPower).toBe('4');
    await d.setBlanked(false);
    expect(fb.blank).toBe('0');
    expect(fb.blPower).toBe('0');
  });

  it('dims through the backlight brightness, and says what to set when there is none', async () => {
    const fb = fake({ width: 32, height: 32, bitsPerPixel: 16, backlight: true });
    const d = driverFor(fb, { backlightDir: fb.backlightDir });
    await d.open();
    await d.setBrightness(0.5);
    expect(fb.brightness).toBe('128');
    await expect(d.setBrightness(2)).rejects.toThrow(/fraction: must be 0..1/);
    const bare = driverFor(fb);
    const err = await bare.setBrightness(0.5).catch((e: unknown) => e);
    expect((err as DriverError).code).toBe('no-backlight');
    expect((err as DriverError).hint).toMatch(/display.backlight/);
  });

  it('a missing panel fails with a DriverError that says what to check', async () => {
    const fb = fake({ width: 32, height: 32, bitsPerPixel: 16 });
    fb.unplug();
    const err = await driverFor(fb)
      .open()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).kind).toBe('disconnected');
    expect((err as DriverError).hint).toMatch(/virtual_size|config.txt/);
  });

  it('rejects a depth that does not match the configured format, and frames of the wrong size', async () => {
    const fb = fake({ width: 32, height: 32, bitsPerPixel: 32 });
    const err = await driverFor(fb, { format: 'rgb565le' })
      .open()
      .catch((e: unknown) => e);
    expect((err as DriverError).code).toBe('unsupported-format');
    const d = driverFor(fb);
    await d.open();
    await expect(d.present(solid(16, 16, [0, 0, 0]), [])).rejects.toThrow(/frame: is 16x16/);
  });

  it('works without a stride attribute (packed rows)', async () => {
    const fb = fake({ width: 40, height: 10, bitsPerPixel: 24, noStride: true });
    const d = driverFor(fb);
    await d.open();
    const frame = solid(40, 10, [1, 2, 3]);
    await d.present(frame, []);
    expect(fb.memory().equals(convertFrame(frame, 'bgr888'))).toBe(true);
  });
});

describe('Driver: raw file display', () => {
  it('writes the same packed bytes a panel gets, partial updates included', async () => {
    const dir = tempDir('kiosk-file-');
    dirs.push(dir);
    const file = join(dir, 'frame.raw');
    const d = new FileDisplay({ file, width: 20, height: 10, format: 'rgb888' });
    opened.push(d);
    expect(await d.open()).toEqual({ width: 20, height: 10, format: 'rgb888' });
    await d.present(solid(20, 10, [9, 8, 7]), []);
    const update = solid(20, 10, [9, 8, 7]);
    update.data.set([1, 2, 3, 255], (5 * 20 + 3) * 4);
    await d.present(update, [{ x: 3, y: 5, width: 1, height: 1 }]);
    const bytes = await readFile(file);
    expect(bytes.equals(convertFrame(update, 'rgb888'))).toBe(true);
    expect(d.framebuffer?.lastWrite).toBe(3);
  });
});
