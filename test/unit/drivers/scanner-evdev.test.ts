import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KeyDecoder } from '../../../drivers/scanner/evdev-keys.js';
import { InputEventDecoder } from '../../../drivers/touch/evdev-parser.js';
import { EvdevScanner } from '../../../drivers/scanner/evdev-scanner.js';
import type { ScanEvent, ScanRejected } from '../../../drivers/scanner/types.js';
import { encodeInputEvents, EvdevFifoScanner, keyEventsFor } from '../../../hardware-mocks/evdev-scanner.js';
import { systemClock } from '../../../runtime/clock.js';
import { until } from '../../contracts/scanner.contract.js';
import { tempDir } from '../../helpers/sim-process.js';

describe('evdev key decoding', () => {
  it('decodes shifted and unshifted keys of the US layout, for 24- and 16-byte events', () => {
    const text = 'HS-2026/000.123|Ab_C:"x"?';
    for (const size of [24, 16] as const) {
      const bytes = encodeInputEvents(keyEventsFor(text, 1_000_000, 3000), size);
      const records = new InputEventDecoder(size);
      const events = records.push(Buffer.from(bytes));
      expect(records.pending).toBe(0);
      const decoder = new KeyDecoder();
      const reads = events.map((e) => decoder.push(e)).filter((r) => r !== undefined);
      expect(reads.map((r) => r?.text)).toEqual([text]);
    }
  });

  it('honours Caps Lock for letters only', () => {
    const decoder = new KeyDecoder();
    const press = (code: number) => decoder.push({ sec: 0, usec: 0, type: 1, code, value: 1 });
    press(58); // caps on
    press(30); // a
    press(2); // 1
    expect(press(28)?.text).toBe('A1');
  });
});

describe('Driver: evdev keyboard-wedge scanner', () => {
  it('delivers bursts, ignores human typing, and reconnects after unplug', async () => {
    const dir = tempDir('evdev-');
    const mock = new EvdevFifoScanner(dir, 24);
    await mock.start();
    const scanner = new EvdevScanner({ device: mock.path, eventSize: 24, reconnectMs: 50 }, systemClock);
    const scans: ScanEvent[] = [];
    const rejects: ScanRejected[] = [];
    scanner.onScan((e) => scans.push(e));
    scanner.onReject((e) => rejects.push(e));
    try {
      await scanner.open();
      await mock.scan('001099012345');
      await mock.type('hello');
      await until(() => scans.length === 1 && rejects.length === 1, 'scan and typed rejection');
      expect(scans[0]?.data).toBe('001099012345');
      expect(rejects[0]).toMatchObject({ reason: 'typed', length: 5 });

      // A key with no character in the layout (F1) inside a burst: the read is refused.
      await mock.write([
        { sec: 5000, usec: 0, type: 1, code: 59, value: 1 },
        { sec: 5000, usec: 2000, type: 1, code: 30, value: 1 },
        { sec: 5000, usec: 4000, type: 1, code: 28, value: 1 },
      ]);
      await until(() => rejects.length === 2, 'unknown-key rejection');
      expect(rejects[1]).toMatchObject({ reason: 'unknown-key', length: 2 });

      await mock.unplug();
      await until(() => !scanner.connected, 'unplug noticed');
      await mock.plug();
      await until(() => scanner.connected, 'reconnect', 5000);
      await mock.scan('AGAIN');
      await until(() => scans.length === 2, 'scan after replug');
      expect(scans[1]?.data).toBe('AGAIN');
    } finally {
      await scanner.close();
      await mock.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
