import { systemClock, type Clock } from '../../../runtime/clock.js';

/** A clock running from `at` (timers are real): a Pi's clock set to whatever it says. */
export function shiftedClock(at: number): Clock & { set(at: number): void } {
  let offset = at - Date.now();
  return {
    now: () => Date.now() + offset,
    sleep: systemClock.sleep,
    set(t: number) {
      offset = t - Date.now();
    },
  };
}

/** A Wednesday morning in the centre's opening hours (Asia/Ho_Chi_Minh). */
export const OPEN_MORNING = Date.parse('2026-12-02T09:00:00+07:00');
