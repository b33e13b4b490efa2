import { loadImage } from '@napi-rs/canvas';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDisplay } from '../../../app/hardware.js';
import { PngSnapshotDisplay } from '../../../drivers/display/png-snapshot.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { ConfigError } from '../../../runtime/errors.js';
import { tempDir } from '../../helpers/sim-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Display: config and factory', () => {
  it('picks the driver named in config, with the panel size after rotation', async () => {
    const dir = tempDir('kiosk-disp-');
    dirs.push(dir);
    const file = createDisplay(
      validateConfig({
        display: { driver: 'file', file: join(dir, 'f.raw'), rotation: 90, pixelFormat: 'xrgb8888' },
      }).display,
    );
    expect(file.kind).toBe('file');
    expect(await file.open()).toEqual({ width: 480, height: 800, format: 'xrgb8888' });
    await file.close();
    expect(
      createDisplay(validateConfig({ display: { driver: 'fbdev', device: '/dev/fb1' } }).display).kind,
    ).toBe('fbdev');
  });

  it('rejects a bad pixel format or office hours with the path and value', () => {
    const bad = (display: Record<string, unknown>): string[] => {
      try {
        validateConfig({ display });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(bad({ pixelFormat: 'yuv' })[0]).toMatch(/^display.pixelFormat: must be .*got "yuv"/);
    expect(bad({ awakeHours: '7-17' })[0]).toMatch(/^display.awakeHours: must be "HH:MM-HH:MM", got "7-17"/);
  });
});

describe('Driver: PNG snapshot', () => {
  it('saves each frame as a PNG and a black one when blanked', async () => {
    const dir = tempDir('kiosk-png-');
    dirs.push(dir);
    const file = join(dir, 'screen.png');
    const d = new PngSnapshotDisplay(file, 4, 2);
    await d.open();
    const data = new Uint8ClampedArray(4 * 2 * 4).fill(255);
    data.set([200, 10, 20, 255], 0);
    await d.present({ width: 4, height: 2, data }, []);
    const img = await loadImage(readFileSync(file));
    expect([img.width, img.height]).toEqual([4, 2]);
    await d.setBlanked(true);
    const { createCanvas } = await import('@napi-rs/canvas');
    const c = createCanvas(4, 2);
    c.getContext('2d').drawImage(await loadImage(readFileSync(file)), 0, 0);
    expect([...c.getContext('2d').getImageData(0, 0, 1, 1).data]).toEqual([0, 0, 0, 255]);
    await expect(d.present({ width: 3, height: 2, data }, [])).rejects.toThrow(/frame: is 3x2/);
  });
});
