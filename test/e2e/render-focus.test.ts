import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../helpers/headless-kiosk.js';

/**
 * Every registered screen works with buttons alone: up/down reach each target in order, every
 * target has a spoken label and lies on the screen, and number badges are unique.
 */
/** Screens that only inform: 'updating' shows while the kiosk switches versions, buttons ignored. */
const NOTICES = new Set(['updating']);

describe('Focus navigation over every registered screen', { timeout: 60_000 }, () => {
  const headless = headlessKioskForSuite();

  it('has screens registered', () => {
    expect(headless().screenNames).toContain('home');
  });

  it('down/up walk every target of every screen, in both themes', async () => {
    const ui = headless().kiosk.ui;
    const press = async (id: 'up' | 'down'): Promise<void> => {
      headless().kiosk.bus.emit('input.button', { id, action: 'press', at: 0 });
      await ui.settle();
    };
    for (const name of headless().screenNames) {
      for (const theme of ['normal', 'large'] as const) {
        const shot = await headless().render(name, { theme });
        const where = `${name} (${theme})`;
        const targets = [...ui.visibleTargets];
        if (NOTICES.has(name)) {
          expect(targets, `${where} is a notice: buttons do nothing while it shows`).toEqual([]);
          continue;
        }
        expect(targets.length, `${where} has something to do`).toBeGreaterThan(0);
        for (const t of targets) {
          expect(t.label.trim(), `${where}: ${t.id} has a label`).not.toBe('');
          expect(t.rect.x, `${where}: ${t.id} on screen`).toBeGreaterThanOrEqual(-1);
          expect(t.rect.y, `${where}: ${t.id} on screen`).toBeGreaterThanOrEqual(-1);
          expect(t.rect.x + t.rect.width, `${where}: ${t.id} on screen`).toBeLessThanOrEqual(
            shot.upright.width + 1,
          );
          expect(t.rect.y + t.rect.height, `${where}: ${t.id} on screen`).toBeLessThanOrEqual(
            shot.upright.height + 1,
          );
        }
        const badges = targets.map((t) => t.button).filter((b) => b !== undefined);
        expect(new Set(badges).size, `${where}: number buttons are unique`).toBe(badges.length);
        if (theme === 'normal') continue;
        // Up/down may scroll a focused text first; what down does not reach, up (wrapping) must,
        // and number buttons reach their targets directly.
        const seen = new Set<string>(targets.filter((t) => t.button).map((t) => t.id));
        for (const dir of ['down', 'up'] as const) {
          await headless().render(name, { theme });
          seen.add(ui.focusedTarget?.id ?? '');
          for (let i = 0; i < targets.length * 3 && seen.size < targets.length; i++) {
            await press(dir);
            seen.add(ui.focusedTarget?.id ?? '');
          }
        }
        expect([...seen].sort(), `${where}: buttons reach every target`).toEqual(
          targets.map((t) => t.id).sort(),
        );
      }
    }
  });
});
