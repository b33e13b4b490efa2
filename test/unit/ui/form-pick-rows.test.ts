import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingRenderContext } from './render-helper.js';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import type { Target } from '../../../ui-framebuffer/screen.js';

/**
 * #15 walkthrough (large theme): the form pick showed two forms a page (four pages for the eight
 * shipped forms) with an empty third of the screen under them; each row spent a second line on
 * "10 mục". The large theme's rows now hold the name alone and four fit a page; every name stays
 * whole (no "…"), on one line inside its row, and no two read alike. The normal theme keeps its
 * rows (the form's length under its name).
 */
describe('Form pick: rows a page and whole names (#15)', () => {
  let headless: HeadlessKiosk;
  beforeAll(async () => {
    headless = await HeadlessKiosk.open({
      width: 800,
      height: 480,
      rotation: 0,
      time: Date.UTC(2026, 10, 25, 2),
    });
  });
  afterAll(async () => {
    await headless.close();
  });

  for (const theme of ['normal', 'large'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: four forms a page, each name whole in its row`, async () => {
        await headless.render('form-pick', { theme, lang });
        const ui = headless.kiosk.ui;
        const forms = (ui.current?.describe?.() as { forms: string[] }).forms;
        expect(forms.length).toBe(8);
        const names: string[] = [];
        let pages = 0;
        for (let page = 0; page < 8 && names.length < forms.length; page++) {
          const screen = ui.current;
          if (!screen) throw new Error('no screen');
          const { rec, rc } = recordingRenderContext(theme, lang, Date.UTC(2026, 10, 25, 2));
          const targets = screen.render(rc) as Target[];
          const rows = targets.filter((t) => t.id.startsWith('form:') && t.button);
          pages++;
          expect(rows.length, `page ${pages}`).toBeGreaterThanOrEqual(
            Math.min(4, forms.length - names.length),
          );
          for (const row of rows) {
            // Tall enough to hit: the large theme's keys are at least 60 px (#14).
            expect(row.rect.height).toBeGreaterThanOrEqual(theme === 'large' ? 60 : 44);
            const title = (row.label ?? '').replace(/^\d+\. /u, '');
            const inRow = rec.drawn.filter(
              (d) =>
                d.box.y >= row.rect.y - 1 &&
                d.box.y + d.box.height <= row.rect.y + row.rect.height + 1 &&
                d.text.trim() !== row.button,
            );
            // The name on one line, whole, not squeezed, inside the row.
            const drawn = inRow.find((d) => d.weight === 600);
            expect(drawn?.text, `${theme} ${lang}: ${title}`).toBe(title);
            expect(drawn?.text).not.toMatch(/…/u);
            if (!drawn) continue;
            expect(drawn.width).toBeLessThanOrEqual((drawn.maxWidth ?? Infinity) + 0.5);
            expect(drawn.box.x + drawn.width).toBeLessThanOrEqual(row.rect.x + row.rect.width);
            names.push(drawn.text);
          }
          await targets.find((t) => t.id === 'form:next')?.activate();
        }
        expect(names).toHaveLength(forms.length);
        expect(new Set(names).size).toBe(names.length);
        expect(pages).toBe(2);
      });
});
