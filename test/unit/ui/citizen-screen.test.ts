import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessKiosk } from '../../../app/headless-render.js';

const TIME = Date.parse('2026-11-25T08:30:00+07:00');

/**
 * The walkthrough: the citizen (CCCD) screen cut the address at the edge ("Xóm 3, Xã Hải Hậu, Tỉnh
 * Ninh") and its number keys read 1, 2 / 4, 3.
 */
describe("Citizen screen: the card details whole, the keys in their numbers' order", () => {
  let headless: HeadlessKiosk;
  beforeAll(async () => {
    headless = await HeadlessKiosk.open({ width: 800, height: 480, rotation: 0, time: TIME });
  });
  afterAll(async () => {
    await headless.close();
  });

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: every row shows its whole value; tiles read 1, 2, 3, 4`, async () => {
        const shot = await headless.render('citizen', { theme, lang });
        const state = headless.kiosk.ui.current?.describe?.() as {
          rows: { label: string; lines: string[] }[];
        };
        const address = state.rows.at(-1);
        expect(address?.lines.join(' ')).toBe('Xóm 3, Xã Hải Hậu, Tỉnh Ninh Bình');
        for (const row of state.rows) for (const l of row.lines) expect(l.endsWith('…'), l).toBe(false);
        expect(state.rows.map((r) => r.lines.length > 0)).toEqual([true, true, true, true, true]);
        // Reading order (top to bottom, left to right) is the buttons' order.
        const targets = headless.kiosk.ui.visibleTargets
          .filter((t) => t.button)
          .sort((a, b) => a.rect.y - b.rect.y || a.rect.x - b.rect.x);
        expect(targets.map((t) => t.button)).toEqual(['1', '2', '3', '4']);
        expect(shot.targets.slice(0, 4)).toEqual(targets.map((t) => t.id));
      });
});
