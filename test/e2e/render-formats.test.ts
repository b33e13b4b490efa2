import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertFrame, ffmpegPixFmt } from '../../drivers/display/pixel-format.js';
import type { PixelFormat } from '../../drivers/display/types.js';
import { HeadlessKiosk } from '../../app/headless-render.js';
import type { Rotation } from '../../drivers/display/rotation.js';
import { tempDir } from '../helpers/sim-process.js';
import { ffmpegDecode, mismatchShare } from './render-helpers.js';

const dir = tempDir('kiosk-render-fmt-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: [Rotation, PixelFormat[]][] = [
  [0, ['rgb565le', 'rgb888', 'xrgb8888']],
  [90, ['rgb565le', 'xrgb8888']],
  [180, ['rgb888', 'bgr888']],
  [270, ['rgb565le', 'bgra8888']],
];

describe(
  'Rendering: every pixel format and rotation decodes with ffmpeg to the upright image',
  { timeout: 60_000 },
  () => {
    it.each(cases)('panel 800x480 mounted at %i°: %j', async (rotation, formats) => {
      const headless = await HeadlessKiosk.open({
        width: 800,
        height: 480,
        rotation,
        time: Date.UTC(2026, 10, 25, 1, 30),
      });
      try {
        const shot = await headless.render('home', { theme: rotation % 180 === 0 ? 'normal' : 'large' });
        expect([shot.device.width, shot.device.height]).toEqual([800, 480]);
        const portrait = rotation === 90 || rotation === 270;
        expect([shot.upright.width, shot.upright.height]).toEqual(portrait ? [480, 800] : [800, 480]);
        for (const format of formats) {
          const raw = join(dir, `home-${rotation}.${format}`);
          writeFileSync(raw, convertFrame(shot.device, format));
          const decoded = await ffmpegDecode(raw, ffmpegPixFmt(format), 800, 480, `${raw}.png`);
          const tolerance = format === 'rgb565le' ? 8 : 0;
          expect(
            mismatchShare(shot.upright, decoded, rotation, tolerance),
            `${format} at ${rotation}°`,
          ).toBeLessThan(0.001);
          // Sanity: a wrong rotation does not match (the check can fail).
          if (rotation !== 180)
            expect(mismatchShare(shot.upright, decoded, 180, tolerance)).toBeGreaterThan(0.05);
        }
      } finally {
        await headless.close();
      }
    });
  },
);
