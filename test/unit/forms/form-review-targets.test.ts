import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { readFormDir } from '../../../domain/forms/form-library.js';
import { sampleValues } from '../../../domain/forms/form-validation.js';
import { currentFilling } from '../../../flows/form-flow.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';

const FORMS = readFormDir().map((t) => t.id);

/**
 * #14 follow-up: the review page's rows were 45 px high in the large theme (34 px in the normal
 * one), under the 60 px (about 9 mm on a 7-inch panel) an elderly finger hits reliably. Every
 * touch target of every page, for the 8 shipped forms filled with their samples and left empty
 * (every required field then listed under "Cần điền hoặc sửa"), measured from the targets the
 * simulator's /api/state reports: at least the theme's key size on both sides.
 */
describe('Form review: every touch target at least a key (#14)', () => {
  const headless = headlessKioskForSuite();

  it('ships 8 forms', () => {
    expect(FORMS).toHaveLength(8);
  });

  for (const theme of ['large', 'normal'] as const)
    for (const filled of [true, false])
      it(`${theme}, ${filled ? 'filled' : 'empty'}: ≥ ${themeByName(theme).minKey} px on every page of every form`, async () => {
        const ui = headless().kiosk.ui;
        const min = themeByName(theme).minKey;
        const small: string[] = [];
        for (const form of FORMS) {
          ui.home();
          ui.setTheme(theme);
          ui.open('form', { form });
          await ui.settle();
          const filling = currentFilling(headless().kiosk.deps as Parameters<typeof currentFilling>[0]);
          if (!filling) throw new Error(`no form ${form}`);
          filling.load(filled ? sampleValues(filling.template) : {});
          ui.open('form-review');
          await ui.settle();
          for (let page = 1; ; page++) {
            const targets = ui.visibleTargets;
            expect(targets.some((t) => t.id.startsWith('row:'))).toBe(true);
            for (const t of targets)
              if (t.rect.width < min || t.rect.height < min)
                small.push(`${form} p${page} ${t.id}: ${t.rect.width}×${t.rect.height}`);
            const d = ui.current?.describe?.() as { page: number; pages: number };
            if (d.page >= d.pages) break;
            await targets.find((t) => t.id === 'page:next')?.activate();
            ui.refresh();
            await ui.settle();
          }
        }
        expect(small).toEqual([]);
      });
});
