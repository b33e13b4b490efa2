import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EscPos } from '../../drivers/printer/escpos.js';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.js';
import { SerialTransport } from '../../drivers/printer/serial-transport.js';
import { SerialScanner } from '../../drivers/scanner/serial-scanner.js';
import type { ScanRejected } from '../../drivers/scanner/types.js';
import { PtyPrinter } from '../../hardware-mocks/pty-printer.js';
import { PtyScanner } from '../../hardware-mocks/pty-scanner.js';
import { systemClock } from '../../runtime/clock.js';
import { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../../domain/events.js';
import { createLogger } from '../../runtime/logger.js';
import { PrintService } from '../../domain/printing/print-service.js';
import { waitFor } from '../helpers/fleet.js';
import { tempDir } from '../helpers/sim-process.js';

/** One line on the wire: a good read, or garbage that no scanner should deliver. */
type Line = { good: true; text: string } | { good: false; bytes: Uint8Array };

const goodLine = fc
  .stringMatching(/^[A-Za-z0-9|:/.\- ]{1,120}$/)
  .filter((s) => s.trim().length > 0)
  .map((text): Line => ({ good: true, text }));
/** Binary with at least one byte that is never valid UTF-8 (0xff), no CR/LF inside. */
const garbageLine = fc.uint8Array({ minLength: 0, maxLength: 300 }).map((b): Line => ({
  good: false,
  bytes: Buffer.concat([Buffer.from(b.filter((x) => x !== 0x0a && x !== 0x0d)), Buffer.from([0xff])]),
}));

describe('Reliability: hostile serial devices on real ptys (socat)', () => {
  let dir: string;
  let pty: PtyScanner;
  let scanner: SerialScanner;
  const scans: string[] = [];
  const rejected: ScanRejected[] = [];

  beforeAll(async () => {
    dir = tempDir('hostile-serial-');
    pty = new PtyScanner(dir);
    await pty.start();
    scanner = new SerialScanner({ path: pty.path, baudRate: 9600, reconnectMs: 200 }, systemClock);
    scanner.onScan((e) => scans.push(e.data));
    scanner.onReject?.((e) => rejected.push(e));
    await scanner.open();
  });
  afterAll(async () => {
    await scanner?.close();
    await pty?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scanner: random binary, invalid UTF-8 and good reads interleaved (fast-check): exactly the good reads arrive, in order', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(goodLine, garbageLine), { minLength: 1, maxLength: 25 }),
        async (lines) => {
          round++;
          scans.length = 0;
          rejected.length = 0;
          const marker = `END-${round}`;
          const wire = Buffer.concat([
            ...lines.map((l) =>
              Buffer.concat([
                l.good ? Buffer.from(l.text, 'utf8') : Buffer.from(l.bytes),
                Buffer.from('\r\n'),
              ]),
            ),
            Buffer.from(`${marker}\r\n`),
          ]);
          await pty.send(wire, 97); // odd chunks, as a UART delivers them
          await waitFor(() => scans.includes(marker), 10_000, `marker ${marker}`);
          expect(scans).toEqual([...lines.flatMap((l) => (l.good ? [l.text.normalize('NFC')] : [])), marker]);
          expect(rejected.length).toBe(lines.filter((l) => !l.good).length);
          expect(rejected.every((r) => ['invalid-utf8', 'control-bytes'].includes(r.reason))).toBe(true);
        },
      ),
      { numRuns: 25, seed: 9 },
    );
  });

  it('scanner: 64 KB lines are refused as too-long without buffering them; a flood of 2,000 reads all arrive', async () => {
    scans.length = 0;
    rejected.length = 0;
    for (let i = 0; i < 3; i++) await pty.garbage('too-long', 64 * 1024);
    await pty.scan('AFTER-LONG');
    await waitFor(() => scans.includes('AFTER-LONG'), 10_000, 'a good read after the long lines');
    expect(rejected.filter((r) => r.reason === 'too-long')).toHaveLength(3);
    expect(rejected.every((r) => r.length >= 4096)).toBe(true);

    scans.length = 0;
    const flood = Array.from({ length: 2000 }, (_, i) => `HS-${String(i).padStart(5, '0')}`);
    await pty.send(Buffer.from(flood.map((s) => `${s}\r\n`).join('')), 4096);
    await waitFor(() => scans.length >= flood.length, 20_000, 'the whole flood');
    expect(scans).toEqual(flood);
  });

  describe('printer replying garbage or nothing', () => {
    let pdir: string;
    let mock: PtyPrinter;
    let service: PrintService;
    const failed: KioskEvents['printer.failed'][] = [];
    const job = () => new EscPos().init().text(Buffer.from('A-001')).newline().cut().bytes();

    beforeAll(async () => {
      pdir = tempDir('hostile-printer-');
      mock = new PtyPrinter({ dir: pdir });
      await mock.start();
      const bus = new EventBus<KioskEvents>(createLogger('test'));
      bus.on('test', 'printer.failed', (f) => failed.push(f));
      service = new PrintService(
        new EscPosPrinter(new SerialTransport(mock.path, 9600), {
          kind: 'serial',
          widthDots: 576,
          timeoutMs: 800,
        }),
        bus,
        createLogger('printer'),
      );
      await service.start({ signal: new AbortController().signal, fail: () => undefined });
    });
    afterAll(async () => {
      await service?.stop();
      await mock?.stop();
      rmSync(pdir, { recursive: true, force: true });
    });

    it('garbage status: clear failure with a hint; silence: timeout; then prints again', async () => {
      mock.replies = 'garbage';
      const garbage = await service.print(job(), 'ticket');
      expect(garbage).toMatchObject({ ok: false });
      mock.replies = 'silent';
      const silent = await service.print(job(), 'ticket');
      expect(silent).toMatchObject({ ok: false });
      expect(failed).toHaveLength(2);
      for (const f of failed) {
        expect(f.code).toMatch(/\w/);
        expect(f.message.length).toBeGreaterThan(10);
      }
      expect(failed.map((f) => f.hint ?? '').join(' ')).toMatch(/\w/);
      mock.replies = 'normal';
      expect(await service.print(job(), 'ticket')).toEqual({ ok: true });
    });
  });
});
