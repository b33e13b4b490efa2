import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import type { RenderContext } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { contrast, over } from '../../helpers/contrast.js';
import { recordingContext, type DrawnText } from '../../helpers/text-recorder.js';
import { slips } from '../../helpers/text-slips.js';

const WIDTH = 800;
const HEIGHT = 480;
/** The gallery's time (npm run docs:screens). */
const TIME = Date.parse('2026-11-25T08:30:00+07:00');

/** What is wrong with one drawn text, if anything. */
function problems(t: DrawnText, theme: 'normal' | 'large'): string[] {
  const found: string[] = [];
  const shown = t.text.trim();
  if (!shown) return found;
  if (t.background) {
    const ratio = contrast(over(t.fill, t.background), t.background);
    if (ratio < 7) found.push(`contrast ${ratio.toFixed(1)}:1 (${t.fill} on ${t.background})`);
  }
  // A button's badge ("1"-"9", "OK": bold in a filled circle) may be smaller than body text, but
  // not under 24 px.
  const badge = t.weight === 800 && /^(?:[1-9]|OK|[▲▼])$/.test(shown);
  const least = badge ? 24 : 32;
  if (theme === 'large' && t.size < least - 0.05) found.push(`${t.size.toFixed(1)} px`);
  // maxWidth squeezes a wider text: crowded, and what a citizen sees is narrower than the font.
  if (t.maxWidth !== undefined && t.width > t.maxWidth + 1)
    found.push(`squeezed ${Math.round(t.width)} into ${Math.round(t.maxWidth)} px`);
  const { box } = t;
  if (box.x < -1 || box.y < -1 || box.x + box.width > WIDTH + 1 || box.y + box.height > HEIGHT + 1)
    found.push('off the screen');
  return found;
}

/**
 * The "done means" over every frame of the docs gallery: text contrast at least 7:1 against
 * what it is drawn on (sampled from the frame), and in the large theme at 800x480 no text under
 * 32 px (a button badge's number: 24 px); in both themes no text squeezed into less than its width
 * or drawn off the screen.
 */
describe('Gallery frames: text contrast, size and fit', () => {
  const headless = headlessKioskForSuite(TIME);

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme} theme, ${lang}: every text of every frame`, async () => {
        const found: string[] = [];
        let texts = 0;
        for (const entry of headless().gallery()) {
          await entry.render({ theme, lang });
          const ui = headless().kiosk.ui;
          const screen = ui.current;
          if (!screen) throw new Error(`${entry.name}: nothing shown`);
          // The same frame again, drawn through a context that records every text.
          const canvas = createCanvas(WIDTH, HEIGHT);
          const rec = recordingContext(canvas.getContext('2d'), { sampleBackground: true });
          const focusedId = ui.focusedTarget?.id;
          const rc: RenderContext = {
            g: rec.g,
            width: WIDTH,
            height: HEIGHT,
            theme: themeByName(theme),
            lang,
            scale: 1,
            now: TIME,
            timeZone: headless().kiosk.config.device.timeZone,
            ...(focusedId ? { focusedId } : {}),
          };
          screen.render(rc);
          texts += rec.drawn.length;
          for (const t of rec.drawn)
            for (const p of problems(t, theme)) found.push(`${entry.name}: "${t.text}" ${p}`);
          // Quotes are matched over the whole screen (a quotation may wrap onto the next line).
          const shown = rec.drawn.map((t) => t.text).join(' ');
          for (const p of slips(shown).filter((x) => /quote|"/.test(x))) found.push(`${entry.name}: ${p}`);
        }
        expect(texts).toBeGreaterThan(100);
        expect(found).toEqual([]);
      });
});
