import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../runtime/clock.js';
import { createLogger } from '../../../runtime/logger.js';
import { PowerManager, type PowerOptions } from '../../../ui-framebuffer/power-manager.js';

/** A panel with a backlight: records what it was told; `failing` makes every call reject, as a gone device does. */
function panel() {
  const calls: string[] = [];
  const p = {
    calls,
    failing: false,
    setBlanked: (on: boolean) => {
      calls.push(on ? 'blank' : 'unblank');
      return p.failing ? Promise.reject(new Error('EIO')) : Promise.resolve();
    },
    setBrightness: (level: number) => {
      calls.push(`brightness ${level}`);
      return p.failing ? Promise.reject(new Error('EIO')) : Promise.resolve();
    },
  };
  return p;
}

function rig(options: PowerOptions, start = Date.UTC(2026, 10, 25, 3, 0)) {
  const display = panel();
  const clock = new ManualClock(start);
  const events: string[] = [];
  const power = new PowerManager(display, clock, createLogger('test'), options, {
    blanked: () => void events.push('blanked'),
    woken: () => void events.push('woken'),
  });
  const pass = (ms: number) => {
    clock.advance(ms);
    vi.advanceTimersByTime(ms);
  };
  return { power, display, events, pass };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('power manager', () => {
  it('dims, then blanks after a quiet spell; input wakes it and says it was dark only once', () => {
    const r = rig({ blankAfterSeconds: 120, dimAfterSeconds: 60, dimPercent: 20 });
    r.power.start();
    r.pass(60_000);
    expect(r.power.dimmed).toBe(true);
    expect(r.display.calls).toEqual(['brightness 0.2']);
    r.pass(60_000);
    expect(r.power.blanked).toBe(true);
    expect(r.events).toEqual(['blanked']);
    expect(r.power.wake()).toBe(true);
    expect(r.power.wake()).toBe(false);
    expect(r.display.calls.slice(1)).toEqual(['blank', 'brightness 1', 'unblank']);
    expect(r.events).toEqual(['blanked', 'woken']);
    expect(r.power.blanked || r.power.dimmed).toBe(false);
  });

  it('input restarts both countdowns', () => {
    const r = rig({ blankAfterSeconds: 120 });
    r.power.start();
    r.pass(100_000);
    r.power.wake();
    r.pass(100_000);
    expect(r.power.blanked).toBe(false);
    r.pass(20_000);
    expect(r.power.blanked).toBe(true);
  });

  it('outside the awake hours it blanks after 30 s; inside them without blankAfterSeconds it stays on, then blanks when they end', () => {
    // 10:00 in Hanoi, awake 07:00-11:00.
    const r = rig({ awakeHours: '07:00-11:00', timeZone: 'Asia/Ho_Chi_Minh' });
    r.power.start();
    r.pass(59 * 60_000);
    expect(r.power.blanked).toBe(false);
    r.pass(60_000 + 30_000);
    expect(r.power.blanked).toBe(true);
    r.power.wake();
    r.pass(29_000);
    expect(r.power.blanked).toBe(false);
    r.pass(1_000);
    expect(r.power.blanked).toBe(true);
  });

  it('a reloaded blank time counts from the last input; stop() ends every countdown', () => {
    const r = rig({ blankAfterSeconds: 600 });
    r.power.start();
    r.pass(50_000);
    r.power.reconfigure({ blankAfterSeconds: 60 });
    r.pass(9_000);
    expect(r.power.blanked).toBe(false);
    r.pass(1_000);
    expect(r.power.blanked).toBe(true);
    r.power.wake();
    r.power.stop();
    r.pass(600_000);
    expect(r.power.blanked).toBe(false);
  });

  it('a panel that refuses is logged, and the state still follows the input', async () => {
    const r = rig({ blankAfterSeconds: 10, dimAfterSeconds: 5 });
    r.display.failing = true;
    r.power.start();
    r.pass(10_000);
    expect(r.power.blanked).toBe(true);
    expect(r.power.wake()).toBe(true);
    await Promise.resolve();
    expect(r.display.calls).toEqual(['brightness 0.3', 'blank', 'brightness 1', 'unblank']);
  });
});
