import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeFbdev } from '../../hardware-mocks/fbdev.js';
import { FakeEvdevDevice, mtTap } from '../../hardware-mocks/evdev.js';
import { spawnKioskRun, tempDir } from '../helpers/sim-process.js';

const dir = tempDir('kiosk-fbrun-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The production path: `kiosk run` drawing to an fbdev panel (fake sysfs + memory file, 32 bpp
 * with padded rows) and reading touches from an evdev node (a FIFO): a tap on tile 1 makes a
 * screen change (tile 1 is focused already, so only activating it changes the panel).
 */
describe('kiosk run on fbdev + evdev', () => {
  it('shows home on the panel, and a tap on tile 1 opens what tile 1 does', async () => {
    const fb = new FakeFbdev(dir, { width: 800, height: 480, bitsPerPixel: 32, stride: 800 * 4 + 128 });
    const touch = new FakeEvdevDevice(dir);
    const config = join(dir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        display: { driver: 'fbdev', device: fb.device, sysfsDir: fb.sysfsDir, theme: 'normal' },
        input: { touch: { driver: 'evdev', device: touch.path, calibration: { maxX: 4095, maxY: 4095 } } },
        storage: { dataDir: join(dir, 'data') },
      }),
    );
    const { proc, logs, exited } = spawnKioskRun(config);
    try {
      // Home reaches the panel: the title bar (accent blue, B,G,R,X = 0x91,0x3d,0x0b) is in memory.
      const px = (x: number, y: number): number[] => [
        ...fb.memory().subarray(y * fb.stride + x * 4, y * fb.stride + x * 4 + 3),
      ];
      await expect.poll(() => px(400, 5), { timeout: 45_000, interval: 200 }).toEqual([0x91, 0x3d, 0x0b]);
      // Below the header (its clock may tick meanwhile).
      const body = (): Buffer => fb.memory().subarray(90 * fb.stride);
      const home = Buffer.from(body());
      // Tile 1 is at the top left of the content area (about x 200, y 140 of 800x480).
      await touch.send(mtTap([{ x: Math.round((200 / 799) * 4095), y: Math.round((140 / 479) * 4095) }]));
      await expect.poll(() => body().equals(home), { timeout: 10_000, interval: 200 }).toBe(false);
      // The new screen decodes with ffmpeg from the panel's packed bytes.
      const raw = join(dir, 'panel.raw');
      writeFileSync(raw, fb.packed('xrgb8888'));
      execFileSync('ffmpeg', [
        '-loglevel',
        'error',
        '-y',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'bgr0',
        '-s',
        '800x480',
        '-i',
        raw,
        '-frames:v',
        '1',
        join(dir, 'panel.png'),
      ]);
    } finally {
      await touch.close();
      proc.kill('SIGTERM');
      expect(await exited, logs.join('')).toBe(0);
    }
  }, 90_000);
});
