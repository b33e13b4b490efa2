import { describe, expect, it } from 'vitest';
import { switchBlocker } from '../../../domain/release/switch-window.js';
import { ConfigError } from '../../../runtime/errors.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { requiresRestart } from '../../../runtime/config/schema.js';

/** 2026-12-03 at hh:mm in Hà Nội (UTC+7). */
const at = (hhmm: string) => Date.parse(`2026-12-03T${hhmm}:00+07:00`);
const TZ = 'Asia/Ho_Chi_Minh';
const OPENING = ['07:00-11:30', '13:30-17:00'];

function problems(raw: unknown): string[] {
  try {
    validateConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('when a downloaded release may switch (config updates)', () => {
  it('never while a session is open, inside the busy hours, or before idleMinutes without input', () => {
    const policy = { busyHours: OPENING, idleMinutes: 5 };
    const quiet = { lastInputAt: at('11:00'), sessionActive: false, timeZone: TZ };
    expect(switchBlocker(policy, { ...quiet, now: at('09:15') })).toBe('inside the busy hours 07:00-11:30');
    expect(switchBlocker(policy, { ...quiet, now: at('16:59') })).toBe('inside the busy hours 13:30-17:00');
    // the lunch break and after closing: idle long enough
    expect(switchBlocker(policy, { ...quiet, now: at('12:00') })).toBeUndefined();
    expect(switchBlocker(policy, { ...quiet, now: at('17:00') })).toBeUndefined();
    expect(switchBlocker(policy, { ...quiet, now: at('12:00'), sessionActive: true })).toBe(
      "a citizen's session is open",
    );
    expect(switchBlocker(policy, { ...quiet, lastInputAt: at('11:29'), now: at('11:33') })).toBe(
      'used 4 min ago; waits for 5 min without input',
    );
    expect(switchBlocker(policy, { ...quiet, lastInputAt: at('11:58'), now: at('12:00') })).toBe(
      'used 2 min ago; waits for 5 min without input',
    );
    expect(switchBlocker(policy, { ...quiet, lastInputAt: at('11:55'), now: at('12:00') })).toBeUndefined();
  });

  it('busy hours across midnight, and none (any idle time)', () => {
    const night = { busyHours: ['22:00-06:00'], idleMinutes: 1 };
    const use = { lastInputAt: 0, sessionActive: false, timeZone: TZ };
    expect(switchBlocker(night, { ...use, now: at('23:30') })).toBe('inside the busy hours 22:00-06:00');
    expect(switchBlocker(night, { ...use, now: at('05:59') })).toBe('inside the busy hours 22:00-06:00');
    expect(switchBlocker(night, { ...use, now: at('06:00') })).toBeUndefined();
    expect(switchBlocker({ busyHours: [], idleMinutes: 1 }, { ...use, now: at('09:00') })).toBeUndefined();
  });

  it('config: defaults, hot paths, and clear errors for bad values', () => {
    expect(validateConfig({}).updates).toEqual({ busyHours: [], idleMinutes: 5, trialSeconds: 120 });
    expect(validateConfig({ updates: { busyHours: OPENING, trialSeconds: 300 } }).updates).toEqual({
      busyHours: OPENING,
      idleMinutes: 5,
      trialSeconds: 300,
    });
    expect(requiresRestart('updates.busyHours')).toBe(false);
    expect(requiresRestart('updates.idleMinutes')).toBe(false);
    expect(requiresRestart('updates.trialSeconds')).toBe(true);
    expect(
      problems({ updates: { busyHours: ['7:00-11:30'], idleMinutes: 0, trialSeconds: 5, idle: 3 } }),
    ).toEqual([
      'updates.busyHours[0]: must look like "07:00-11:30"',
      'updates.idleMinutes: must be at least 1, got 0',
      'updates.trialSeconds: must be at least 30, got 5',
      'updates.idle: unknown setting (check the spelling)',
    ]);
    expect(problems({ updates: { busyHours: ['00:00-24:00'] } })).toEqual([
      'updates.busyHours: cover the whole day, so a release would never switch; leave a time free',
    ]);
    expect(problems({ updates: { busyHours: ['06:00-18:00', '18:00-06:00'] } })).toHaveLength(1);
    expect(problems({ updates: { busyHours: ['06:00-18:00', '18:01-06:00'] } })).toEqual([]);
  });
});
