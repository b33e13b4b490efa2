import { createCanvas, loadImage } from '@napi-rs/canvas';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createShowcaseScreen, SHOWCASE_SCENES } from '../../../ui-framebuffer/widgets/showcase.js';
import { renderScreen, stubNav } from './render-helper.js';

const REF_DIR = 'test/ref-images';
const UPDATE = process.env.UPDATE_REF_IMAGES === '1';

/** Share of pixels whose channels differ by more than 24 (anti-aliasing noise stays below). */
function differingShare(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(
      Math.abs((a[i] ?? 0) - (b[i] ?? 0)),
      Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)),
      Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)),
    );
    if (d > 24) n++;
  }
  return n / (a.length / 4);
}

describe('Screenshots: widgets against test/ref-images (UPDATE_REF_IMAGES=1 rewrites them)', () => {
  for (const theme of ['normal', 'large'] as const) {
    it.each([...SHOWCASE_SCENES])(`%s (${theme})`, async (scene) => {
      const { canvas } = renderScreen(createShowcaseScreen(stubNav(), scene), 800, 480, theme);
      const file = join(REF_DIR, `widgets-${scene}-${theme}.png`);
      if (UPDATE) {
        mkdirSync(REF_DIR, { recursive: true });
        writeFileSync(file, canvas.toBuffer('image/png'));
      }
      expect(
        existsSync(file),
        `${file} is missing: run UPDATE_REF_IMAGES=1 npx vitest run test/unit/ui/screenshots.test.ts and look at it`,
      ).toBe(true);
      const ref = await loadImage(readFileSync(file));
      expect([ref.width, ref.height]).toEqual([800, 480]);
      const refCanvas = createCanvas(800, 480);
      refCanvas.getContext('2d').drawImage(ref, 0, 0);
      const got = canvas.getContext('2d').getImageData(0, 0, 800, 480).data;
      const want = refCanvas.getContext('2d').getImageData(0, 0, 800, 480).data;
      expect(differingShare(got, want)).toBeLessThan(0.003);
    });
  }
});
