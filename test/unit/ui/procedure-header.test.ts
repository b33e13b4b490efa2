import { describe, expect, it } from 'vitest';
import { recordingRenderContext } from './render-helper.js';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';

const TIME = Date.parse('2026-11-25T08:30:00+07:00');

/**
 * The walkthrough: a procedure reached by a topic or a search (with other matches on 9) showed
 * "9 Thủ tục k…" in the large theme's title bar, and "4 Điền tờ khai" covered the title.
 */
describe('Procedure title bar: its buttons whole, nothing under them (#14)', () => {
  const headless = headlessKioskForSuite(TIME);

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: "Điền tờ khai" and "Thủ tục khác" whole, clear of the title and the clock`, async () => {
        const screen = headless().kiosk.routes.procedure.preview?.(headless().kiosk.ui);
        if (!screen) throw new Error('no procedure preview');
        await headless().show(screen, { theme, lang });
        const { rec, rc } = recordingRenderContext(theme, lang, TIME);
        const targets = screen.render(rc);
        const form = targets.find((t) => t.id === 'fill-form');
        const others = targets.find((t) => t.id === 'others');
        expect(form?.button).toBe('4');
        expect(others?.button).toBe('9');
        const bar = rec.drawn.filter((d) => d.box.y < 64);
        for (const t of [form, others]) {
          if (!t) continue;
          // The label is drawn whole inside its button.
          const label = bar.find((d) => d.text === t.label);
          expect(label, `${t.label}: ${bar.map((d) => d.text).join(' | ')}`).toBeDefined();
          if (label) expect(label.box.x + label.width).toBeLessThanOrEqual(t.rect.x + t.rect.width);
          // No other text of the bar under the button (the title, the clock).
          for (const d of bar.filter((x) => x !== label && x.text.trim() && !/^[49]$/u.test(x.text.trim())))
            expect(
              d.box.x + d.width <= t.rect.x || d.box.x >= t.rect.x + t.rect.width,
              `"${d.text}" under ${t.id}`,
            ).toBe(true);
        }
        expect(bar.some((d) => d.text.endsWith('…'))).toBe(false);
      });
});
