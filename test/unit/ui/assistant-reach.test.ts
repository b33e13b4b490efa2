import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { ASSISTANT_SAMPLES } from '../../../flows/assistant.js';
import type { ButtonId } from '../../../drivers/buttons/types.js';

const TIME = Date.parse('2026-11-25T08:30:00+07:00');

interface Shown {
  typing: boolean;
  page: number;
  pages: number;
  assistant: { focus: string | null; choices: { code: string }[] };
}

const questions = (name: string): readonly string[] =>
  ASSISTANT_SAMPLES.find((s) => s.name === name)?.questions ?? [];

/**
 * Every action of the assistant screen is reached by the number buttons alone and by touch
 * alone, also where the buttons take two pages (the large theme's clarify: five choices and
 * "Gõ câu hỏi khác"), and the pages of a long answer turn by ▼ and by touching ▼.
 */
describe('Assistant screen: buttons alone and touch alone reach every action', () => {
  const headless = headlessKioskForSuite(TIME);

  const shown = (): Shown => headless().kiosk.ui.current?.describe?.() as unknown as Shown;
  const press = async (id: ButtonId): Promise<void> => {
    headless().kiosk.bus.emit('input.button', { id, action: 'press', at: TIME });
    await headless().kiosk.ui.settle();
  };
  const touch = async (id: string): Promise<void> => {
    const t = headless().kiosk.ui.visibleTargets.find((x) => x.id === id);
    if (!t) throw new Error(`no target ${id} on screen`);
    const x = Math.round(t.rect.x + t.rect.width / 2);
    const y = Math.round(t.rect.y + t.rect.height / 2);
    for (const phase of ['down', 'up'] as const)
      headless().kiosk.bus.emit('input.touch', { x, y, phase, at: TIME });
    await headless().kiosk.ui.settle();
  };
  const ids = (): string[] => headless().kiosk.ui.visibleTargets.map((t) => t.id);

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const) {
      it(`${theme}, ${lang}: each numbered choice by its number, and typing, by buttons alone`, async () => {
        await headless().converse(questions('clarify'), { theme, lang });
        const choices = shown().assistant.choices.map((c) => c.code);
        expect(choices.length).toBe(5);
        for (const [i, code] of choices.entries()) {
          await headless().converse(questions('clarify'), { theme, lang });
          await press(String(i + 1) as ButtonId);
          expect(shown().assistant.focus, `button ${i + 1}`).toBe(code);
        }
        // "Gõ câu hỏi khác": on the first page, or behind 9 "Xem thêm" (then its own number).
        await headless().converse(questions('clarify'), { theme, lang });
        if (!ids().includes('type')) {
          expect(ids()).toContain('more');
          await press('9');
          expect(ids()).toEqual(expect.arrayContaining(['choice:5', 'type', 'more']));
        }
        const number = headless().kiosk.ui.visibleTargets.find((t) => t.id === 'type')?.button;
        expect(number).toBe('6');
        await press('6');
        expect(shown().typing).toBe(true);
      });

      it(`${theme}, ${lang}: each choice, typing and the answer's pages by touch alone`, async () => {
        await headless().converse(questions('clarify'), { theme, lang });
        const choices = shown().assistant.choices.map((c) => c.code);
        for (const [i, code] of choices.entries()) {
          await headless().converse(questions('clarify'), { theme, lang });
          if (!ids().includes(`choice:${i + 1}`)) await touch('more');
          await touch(`choice:${i + 1}`);
          expect(shown().assistant.focus, `choice ${i + 1}`).toBe(code);
        }
        await headless().converse(questions('clarify'), { theme, lang });
        if (!ids().includes('type')) await touch('more');
        await touch('type');
        expect(shown().typing).toBe(true);
        // A long answer: ▼ by touch and by the button, ▲ back.
        await headless().converse(questions('documents'), { theme, lang });
        if (shown().pages > 1) {
          await touch('page:next');
          expect(shown().page).toBe(2);
          await press('up');
          expect(shown().page).toBe(1);
          await press('down');
          expect(shown().page).toBe(2);
        }
      });
    }
});
