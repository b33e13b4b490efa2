import { describe, expect, it } from 'vitest';
import { MockButtons } from '../../../hardware-mocks/buttons.js';
import { MockScanner } from '../../../hardware-mocks/scanner.js';
import { MockTouch } from '../../../hardware-mocks/touch.js';
import { ManualClock } from '../../../runtime/clock.js';
import { DriverError } from '../../../runtime/errors.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { InputService } from '../../../app/input-service.js';
import { createLogger } from '../../../runtime/logger.js';

/** A button panel that is unplugged for the first `failures` open attempts. */
class LatePanel extends MockButtons {
  attempts = 0;
  constructor(
    clock: ManualClock,
    private readonly failures: number,
  ) {
    super(clock);
  }
  override async open(): Promise<void> {
    this.attempts++;
    if (this.attempts <= this.failures)
      throw new DriverError('buttons', 'disconnected', 'no-device', 'panel missing', 'plug it in');
  }
}

describe('Input service: one missing device does not take the others down', () => {
  it('serves the scanner while the button panel is missing, and opens the panel when it appears', async () => {
    const clock = new ManualClock();
    const panel = new LatePanel(clock, 2);
    const scanner = new MockScanner(clock);
    const bus = new EventBus<KioskEvents>(createLogger('test'));
    const input = new InputService(
      panel,
      new MockTouch(clock),
      scanner,
      bus,
      createLogger('input'),
      clock,
      20,
    );
    const scans: string[] = [];
    const buttons: string[] = [];
    bus.on('test', 'input.scan', (e) => scans.push(e.data));
    bus.on('test', 'input.button', (e) => buttons.push(e.id));
    await input.start({ signal: new AbortController().signal, fail: () => undefined });
    scanner.emitData('HS-1');
    expect(scans).toEqual(['HS-1']);
    // retries run on the kiosk clock: one attempt per 20 ms of it
    for (let i = 0; i < 5 && panel.attempts < 3; i++) {
      clock.advance(20);
      await new Promise((r) => setImmediate(r));
    }
    expect(panel.attempts).toBe(3);
    panel.press('ok');
    expect(buttons).toEqual(['ok']);
    await input.stop();
  });

  it('stops retrying after stop()', async () => {
    const clock = new ManualClock();
    const panel = new LatePanel(clock, 1000);
    const input = new InputService(
      panel,
      new MockTouch(clock),
      new MockScanner(clock),
      new EventBus<KioskEvents>(createLogger('test')),
      createLogger('input'),
      clock,
      10,
    );
    await input.start({ signal: new AbortController().signal, fail: () => undefined });
    clock.advance(10);
    await new Promise((r) => setImmediate(r));
    expect(panel.attempts).toBe(2);
    await input.stop();
    clock.advance(60);
    await new Promise((r) => setImmediate(r));
    expect(panel.attempts).toBe(2);
  });
});
