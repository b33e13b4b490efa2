import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { sampleValues } from '../../../domain/forms/form-validation.js';
import { currentFilling } from '../../../flows/form-flow.js';
import type { Target } from '../../../ui-framebuffer/screen.js';

type Rect = Target['rect'];
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The review page (#15): fields under their sections, two to a row where label and value fit
 * half the width, what is missing first, "Trang 2/4" in a page column. Khai sinh took 6 pages in
 * the normal theme and 8 in the large one with one field a row; every field is on exactly one
 * page, inside the sheet, over no other.
 */
describe('Form review: the sheet of fields', () => {
  const headless = headlessKioskForSuite();
  const ui = () => headless().kiosk.ui;
  const details = () => ui().current?.describe?.() as { page: number; pages: number };

  /** Opens khai sinh with `values` on the review page and turns through every page. */
  const walk = async (theme: 'normal' | 'large', drop: string[] = []) => {
    ui().home();
    ui().setTheme(theme);
    ui().open('form', { form: 'khai-sinh' });
    await ui().settle();
    const filling = currentFilling(headless().kiosk.deps as Parameters<typeof currentFilling>[0]);
    if (!filling) throw new Error('no form');
    const values = sampleValues(filling.template);
    for (const id of drop) delete values[id];
    filling.load(values);
    ui().open('form-review');
    await ui().settle();
    const pages: { rows: Target[]; column: Target[] }[] = [];
    for (;;) {
      const targets = ui().visibleTargets;
      pages.push({
        rows: targets.filter((t) => t.id.startsWith('row:')),
        column: targets.filter((t) => t.id.startsWith('page:')),
      });
      const { page, pages: count } = details();
      if (page >= count) break;
      await targets.find((t) => t.id === 'page:next')?.activate();
      ui().refresh();
      await ui().settle();
    }
    return { pages, filling };
  };

  for (const [theme, expected] of [
    // 4 and 7 with 34 and 45 px rows; every row is a key high now (44 and 60 px, #14).
    ['normal', 5],
    ['large', 9],
  ] as const) {
    it(`${theme}: khai sinh on ${expected} pages, every field once, inside the sheet, none overlapping`, async () => {
      const { pages, filling } = await walk(theme);
      expect(pages).toHaveLength(expected);
      const ids = pages.flatMap((p) => p.rows.map((r) => r.id.slice(4)));
      expect(ids.sort()).toEqual(
        filling
          .all()
          .map((f) => f.field.id)
          .sort(),
      );
      const buttons = ui().visibleTargets.find((t) => t.id === 'submit')?.rect;
      for (const { rows, column } of pages) {
        for (const [i, a] of rows.entries()) {
          expect(a.rect.x).toBeGreaterThanOrEqual(0);
          expect(a.rect.y + a.rect.height).toBeLessThanOrEqual(buttons?.y ?? 480);
          for (const c of column) expect(overlap(a.rect, c.rect), `${a.id} under ${c.id}`).toBe(false);
          for (const b of rows.slice(i + 1))
            expect(overlap(a.rect, b.rect), `${a.id} over ${b.id}`).toBe(false);
        }
      }
      // Two to a row where they fit: the normal theme pairs at least the dates with the genders.
      const paired = pages.flatMap((p) => p.rows).filter((r) => r.rect.width < 400);
      if (theme === 'normal') expect(paired.length).toBeGreaterThanOrEqual(8);
    });
  }

  it('what is still to fill in comes first, under its own heading, with the section it belongs to', async () => {
    const { pages } = await walk('normal', ['meHoTen', 'treNoiSinh']);
    const first = pages[0]?.rows.map((r) => r.id) ?? [];
    expect(first.slice(0, 2)).toEqual(['row:treNoiSinh', 'row:meHoTen']);
    expect(pages[0]?.rows[0]?.label).toMatch(/^Nơi sinh: /);
    const state = ui().current?.describe?.() as { rows: { id: string }[] };
    expect(state.rows).toHaveLength(pages.flatMap((p) => p.rows).length);
  });
});
