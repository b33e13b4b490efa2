import { describe, expect, it } from 'vitest';
import type { ScanRejected } from '../../../drivers/scanner/types.js';
import { MockButtons } from '../../../hardware-mocks/buttons.js';
import { MockScanner } from '../../../hardware-mocks/scanner.js';
import { MockTouch } from '../../../hardware-mocks/touch.js';
import { ManualClock } from '../../../runtime/clock.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { InputService } from '../../../app/input-service.js';
import { createLogger } from '../../../runtime/logger.js';

describe('Scanner garbage reaches the bus as input.scan-rejected', () => {
  it('forwards rejections (reason and size only) and still forwards good scans', async () => {
    const clock = new ManualClock();
    const scanner = new MockScanner(clock);
    const bus = new EventBus<KioskEvents>(createLogger('test'));
    const input = new InputService(
      new MockButtons(clock),
      new MockTouch(clock),
      scanner,
      bus,
      createLogger('input'),
      clock,
    );
    const rejected: ScanRejected[] = [];
    const scans: string[] = [];
    bus.on('test', 'input.scan-rejected', (e) => rejected.push(e));
    bus.on('test', 'input.scan', (e) => scans.push(e.data));
    await input.start({ signal: new AbortController().signal, fail: () => undefined });
    scanner.emitGarbage('invalid-utf8', 9);
    scanner.emitData('HS-1\r\n');
    expect(rejected).toEqual([{ reason: 'invalid-utf8', length: 9, at: clock.now() }]);
    expect(scans).toEqual(['HS-1']);
    await input.stop();
    scanner.emitGarbage();
    expect(rejected).toHaveLength(1);
  });
});
