import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';

const TIME = Date.parse('2026-11-25T08:30:00+07:00');

/**
 * The walkthrough: the citizen (CCCD) screen cut the address at the edge ("Xóm 3, Xã Hải Hậu, Tỉnh
 * Ninh") and its number keys read 1, 2 / 4, 3.
 */
describe("Citizen screen: the card details whole, the keys in their numbers' order", () => {
  const headless = headlessKioskForSuite(TIME);

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: every row shows its whole value; tiles read 1, 2, 3, 4`, async () => {
        const shot = await headless().render('citizen', { theme, lang });
        const state = headless().kiosk.ui.current?.describe?.() as {
          rows: { label: string; lines: number; whole: boolean }[];
        };
        // The sample card's address is 'Xóm 3, Xã Hải Hậu, Tỉnh Ninh Bình'.
        expect(state.rows).toHaveLength(5);
        for (const row of state.rows) expect(row, row.label).toMatchObject({ whole: true });
        for (const row of state.rows) expect([1, 2], row.label).toContain(row.lines);
        // At 32 px beside 'Nơi thường trú' the address takes its second line (it was cut there).
        if (theme === 'large' && lang === 'vi') expect(state.rows.at(-1)?.lines).toBe(2);
        // Reading order (top to bottom, left to right) is the buttons' order.
        const targets = headless()
          .kiosk.ui.visibleTargets.filter((t) => t.button)
          .sort((a, b) => a.rect.y - b.rect.y || a.rect.x - b.rect.x);
        expect(targets.map((t) => t.button)).toEqual(['1', '2', '3', '4']);
        expect(shot.targets.slice(0, 4)).toEqual(targets.map((t) => t.id));
      });
});
