import { afterEach, describe, expect, it } from 'vitest';
import { IppPrinter } from '../../../drivers/document-printer/ipp-printer.js';
import {
  BUSY_RETRY_DELAYS_MS,
  busyRetryDelays,
  sendDocumentJob,
} from '../../../domain/printing/document-job.js';
import type { Clock } from '../../../runtime/clock.js';
import { DriverError } from '../../../runtime/errors.js';
import { startBusyIppPrinter, type BusyIppPrinter } from '../../helpers/busy-ipp-printer.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A clock whose waits are noted and end at once: the test checks the backoff, not the time. */
function notingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now(),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

let printer: BusyIppPrinter | undefined;
afterEach(async () => {
  await printer?.stop();
  printer = undefined;
});

describe('A4 job: a busy printer is tried again', () => {
  it('server-error-busy twice, then the same PDF is taken; each wait is told with the cause', async () => {
    printer = await startBusyIppPrinter();
    printer.busyFor(2);
    const clock = notingClock();
    const told: { attempt: number; waitMs: number; message: string }[] = [];
    const out = await sendDocumentJob(
      new IppPrinter(printer.uri, { timeoutMs: 3000 }),
      PDF,
      { name: 'x' },
      {
        clock,
        onBusy: ({ attempt, waitMs, cause }) => told.push({ attempt, waitMs, message: cause.message }),
      },
    );
    expect(out).toEqual({ jobId: 1, attempts: 3 });
    expect(clock.waits).toEqual(BUSY_RETRY_DELAYS_MS.slice(0, 2));
    expect(told.map((t) => [t.attempt, t.waitMs])).toEqual([
      [1, 200],
      [2, 400],
    ]);
    expect(told[0]?.message).toMatch(/server-error-busy \(Currently printing another job\.\)/);
    expect(printer.jobs.map((j) => j.accepted)).toEqual([false, false, true]);
    expect(printer.jobs.every((j) => j.pdf.equals(PDF))).toBe(true);
  });

  it('HTTP 503 is busy too; the waits back off (doubling, then level)', async () => {
    printer = await startBusyIppPrinter();
    printer.busyFor(7, true);
    const clock = notingClock();
    const out = await sendDocumentJob(
      new IppPrinter(printer.uri, { timeoutMs: 3000 }),
      PDF,
      { name: 'x' },
      {
        clock,
      },
    );
    expect(out.attempts).toBe(8);
    expect(clock.waits).toEqual([200, 400, 800, 1600, 3200, 3200, 3200]);
  });

  it('still busy after the last wait: a busy error counting the tries, nothing printed', async () => {
    printer = await startBusyIppPrinter();
    printer.busyFor(100);
    const clock = notingClock();
    const err = await sendDocumentJob(
      new IppPrinter(printer.uri, { timeoutMs: 3000 }),
      PDF,
      { name: 'x' },
      {
        clock,
        delaysMs: [10, 20],
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect([(err as DriverError).code, (err as DriverError).message]).toEqual([
      'busy',
      expect.stringMatching(/server-error-busy .*; still busy after 3 tries$/),
    ]);
    expect(clock.waits).toEqual([10, 20]);
    expect(printer.jobs.filter((j) => j.accepted)).toEqual([]);
  });

  it('the waits fit the configured time (documentPrinter.busyRetrySeconds)', () => {
    expect(BUSY_RETRY_DELAYS_MS).toEqual([200, 400, 800, 1600, 3200, 3200, 3200, 3200, 3200]);
    expect(busyRetryDelays(1000)).toEqual([200, 400]);
    expect(busyRetryDelays(0)).toEqual([]);
    expect(busyRetryDelays(300_000).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(300_000);
  });

  it('any other refusal is not tried again', async () => {
    const clock = notingClock();
    const gone = new IppPrinter('ipp://127.0.0.1:1/ipp/print', { timeoutMs: 3000 });
    const err = await sendDocumentJob(gone, PDF, { name: 'x' }, { clock }).catch((e: unknown) => e);
    expect((err as DriverError).code).toBe('unreachable');
    expect(clock.waits).toEqual([]);
  });
});
