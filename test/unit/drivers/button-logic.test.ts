import { describe, expect, it } from 'vitest';
import { ButtonLogic, type ButtonTiming } from '../../../drivers/buttons/button-logic.js';
import type { ButtonEvent } from '../../../drivers/buttons/types.js';
import { ManualClock } from '../../../runtime/clock.js';

const timing: ButtonTiming = {
  debounceMs: 30,
  longPressMs: 1500,
  repeatDelayMs: 500,
  repeatIntervalMs: 150,
  repeat: new Set(['up', 'down']),
  activeLow: true,
};

function setup(overrides: Partial<ButtonTiming> = {}) {
  const clock = new ManualClock();
  const events: ButtonEvent[] = [];
  const leds: string[] = [];
  const logic = new ButtonLogic(
    { ...timing, ...overrides },
    clock,
    (e) => events.push(e),
    (id, p) => leds.push(`${id}:${p ? 'on' : 'off'}`),
  );
  const step = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 5) {
      clock.advance(5);
      await Promise.resolve();
      await Promise.resolve();
    }
  };
  return { clock, events, leds, logic, step };
}

describe('Button logic (debounce, long-press, repeat, polarity)', () => {
  it('treats the first level as resting, then emits one press on release (active-low)', async () => {
    const { events, logic, step } = setup();
    logic.input('ok', 1);
    await step(100);
    expect(events).toEqual([]);
    logic.input('ok', 0);
    await step(100);
    logic.input('ok', 1);
    await step(100);
    expect(events.map((e) => e.action)).toEqual(['press']);
  });

  it('ignores contact bounce shorter than debounceMs', async () => {
    const { events, logic, step } = setup();
    logic.input('ok', 1);
    for (let k = 0; k < 5; k++) {
      logic.input('ok', 0);
      await step(5);
      logic.input('ok', 1);
      await step(5);
    }
    await step(100);
    expect(events).toEqual([]);
    // a real press with bounce on both edges still counts once
    logic.input('ok', 0);
    await step(5);
    logic.input('ok', 1);
    await step(5);
    logic.input('ok', 0);
    await step(200);
    logic.input('ok', 1);
    await step(5);
    logic.input('ok', 0);
    await step(5);
    logic.input('ok', 1);
    await step(100);
    expect(events.map((e) => e.action)).toEqual(['press']);
  });

  it('emits long-press once when held past longPressMs, and no press on release', async () => {
    const { events, logic, step, leds } = setup();
    logic.input('help', 1);
    logic.input('help', 0);
    await step(1600);
    expect(events.map((e) => e.action)).toEqual(['long-press']);
    await step(3000);
    logic.input('help', 1);
    await step(100);
    expect(events.map((e) => e.action)).toEqual(['long-press']);
    expect(leds).toEqual(['help:on', 'help:off']);
  });

  it('auto-repeats up/down while held', async () => {
    const { events, logic, step } = setup();
    logic.input('down', 1);
    logic.input('down', 0);
    await step(30 + 500 + 150 * 3 + 10);
    logic.input('down', 1);
    await step(100);
    expect(events.map((e) => e.action)).toEqual(['repeat', 'repeat', 'repeat', 'repeat']);
  });

  it('supports active-high wiring', async () => {
    const { events, logic, step } = setup({ activeLow: false });
    logic.input('1', 0);
    logic.input('1', 1);
    await step(100);
    logic.input('1', 0);
    await step(100);
    expect(events).toEqual([{ id: '1', action: 'press', at: expect.any(Number) }]);
  });

  it('reset() cancels pending long-press timers', async () => {
    const { events, logic, step } = setup();
    logic.input('help', 1);
    logic.input('help', 0);
    await step(100);
    logic.reset();
    await step(2000);
    expect(events).toEqual([]);
  });
});
