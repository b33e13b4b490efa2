import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';

/**
 * #14 walkthrough (normal theme, English): the form list showed four forms a page and the voice
 * read all eight by number ("5: Birth registration"); 5 did nothing on that page. Each row's
 * detail listed the procedures' codes ("1.004222, 1.004194, 1.002755, …"), cut.
 */
describe('Form pick: the voice numbers only what the buttons on screen open (#14)', () => {
  const headless = headlessKioskForSuite();

  for (const theme of ['normal', 'large'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: every page's numbers are its rows`, async () => {
        const ui = headless().kiosk.ui;
        const rendered = await headless().render('form-pick', { theme, lang });
        expect(rendered.targets.length).toBeGreaterThan(0);
        const forms = (ui.current?.describe?.() as { forms: string[] }).forms;
        let seen = 0;
        for (let page = 0; page < 9 && seen < forms.length; page++) {
          const said = ui.current?.speech?.(lang) ?? '';
          const rows = ui.visibleTargets.filter((t) => t.id.startsWith('form:') && t.button);
          seen += rows.length;
          const numbered = [...said.matchAll(/(\d): ([^.]+)\./gu)].map((m) => [m[1], m[2]]);
          expect(numbered.map(([n]) => n)).toEqual(rows.map((r) => r.button));
          for (const [n, title] of numbered)
            expect(rows.find((r) => r.button === n)?.label).toBe(`${n}. ${title}`);
          expect(said.includes(lang === 'vi' ? 'trang sau' : 'next page')).toBe(seen < forms.length);
          await ui.visibleTargets.find((t) => t.id === 'form:next')?.activate();
          ui.refresh();
          await ui.settle();
        }
        expect(seen).toBe(forms.length);
      });
});
