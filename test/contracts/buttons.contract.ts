import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ButtonEvent, ButtonId, ButtonInput } from '../../drivers/buttons/types.js';
import { until } from './scanner.contract.js';

export interface ButtonsHarness {
  buttons: ButtonInput;
  /** A short, clean press and release of a button, as a person would do it. */
  click: (id: ButtonId) => Promise<void>;
  /** LED state of a button as the device shows it; undefined when the device has no LED there. */
  led: (id: ButtonId) => boolean | undefined;
  cleanup: () => Promise<void>;
}

/** Behaviour every ButtonInput must have; run against the mock and each real backend. */
export function describeButtonsContract(name: string, create: () => Promise<ButtonsHarness>): void {
  describe(`Buttons contract: ${name}`, () => {
    let h: ButtonsHarness;
    let events: ButtonEvent[];
    beforeEach(async () => {
      h = await create();
      events = [];
      await h.buttons.open();
      h.buttons.onButton((e) => events.push(e));
    });
    afterEach(async () => {
      await h.buttons.close();
      await h.cleanup();
    });

    it('turns a click into exactly one press event with the button id', async () => {
      await h.click('ok');
      await until(() => events.length > 0, 'a press');
      await new Promise((r) => setTimeout(r, 60));
      expect(events.map((e) => [e.id, e.action])).toEqual([['ok', 'press']]);
    });

    it('keeps buttons apart', async () => {
      await h.click('1');
      await h.click('back');
      await until(() => events.length >= 2, 'two presses');
      expect(events.map((e) => e.id)).toEqual(['1', 'back']);
    });

    it('lights and clears a button LED', async () => {
      await h.buttons.setLed('ok', true);
      await until(() => h.led('ok') === true, 'LED on');
      await h.buttons.setLed('ok', false);
      await until(() => h.led('ok') === false, 'LED off');
    });

    it('delivers nothing after the listener unsubscribes', async () => {
      const mine: ButtonEvent[] = [];
      const off = h.buttons.onButton((e) => mine.push(e));
      off();
      await h.click('2');
      await until(() => events.length === 1, 'press');
      expect(mine).toEqual([]);
    });
  });
}
