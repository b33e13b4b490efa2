import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../runtime/clock.js';
import { Reconnect } from '../../../runtime/reconnect.js';

const settle = () => new Promise((r) => setImmediate(r));

describe('Reconnect: the one retry loop on the Clock', () => {
  it('waits, tries, and goes on until an attempt succeeds; says whether a failure repeats', async () => {
    const clock = new ManualClock();
    const errors = ['no-device', 'no-device', 'permission'];
    let attempts = 0;
    const failures: [string, boolean][] = [];
    const retry = new Reconnect(
      clock,
      1000,
      async () => {
        const err = errors[attempts++];
        if (err) throw new Error(err);
      },
      (err, repeated) => failures.push([(err as Error).message, repeated]),
    );
    retry.start();
    retry.start(); // already retrying: no second loop
    expect(retry.active).toBe(true);
    await settle();
    expect(attempts).toBe(0); // the first attempt waits its delay
    for (let i = 0; i < 6; i++) {
      clock.advance(1000);
      await settle();
    }
    expect(attempts).toBe(4);
    expect(failures).toEqual([
      ['no-device', false],
      ['no-device', true],
      ['permission', false],
    ]);
    expect(retry.active).toBe(false);
  });

  it('stop() ends the loop, and aborts the signal of an attempt under way', async () => {
    const clock = new ManualClock();
    let attempts = 0;
    let seen: AbortSignal | undefined;
    let release: () => void = () => undefined;
    const retry = new Reconnect(clock, 10, async (signal) => {
      attempts++;
      seen = signal;
      await new Promise<void>((r) => (release = r));
      throw new Error('still unplugged');
    });
    retry.start();
    clock.advance(10);
    await settle();
    expect(attempts).toBe(1);
    retry.stop();
    expect(seen?.aborted).toBe(true);
    release();
    clock.advance(100);
    await settle();
    expect(attempts).toBe(1);
    expect(retry.active).toBe(false);
    // and it can be started again (the next unplug)
    retry.start();
    clock.advance(10);
    await settle();
    expect(attempts).toBe(2);
    retry.stop();
  });
});
