import type { DocumentPrinter } from '../../drivers/document-printer/types.js';
import type { Clock } from '../../runtime/clock.js';
import { DriverError } from '../../runtime/errors.js';

/**
 * The waits between tries while the A4 printer answers busy (IPP server-error-busy, HTTP 503: it
 * is printing another job): 0.2 s doubling to 3.2 s, then 3.2 s each, while they add up to at
 * most `totalMs` (config documentPrinter.busyRetrySeconds; 20 s: 0.2 … 3.2, 3.2 × 4 = 19 s).
 */
export function busyRetryDelays(totalMs: number): number[] {
  const delays: number[] = [];
  let sum = 0;
  for (let wait = 200; sum + wait <= totalMs; wait = Math.min(wait * 2, 3200)) {
    delays.push(wait);
    sum += wait;
  }
  return delays;
}

export const BUSY_RETRY_DELAYS_MS: readonly number[] = busyRetryDelays(20_000);

export interface DocumentJobOptions {
  clock: Clock;
  /** The waits before each retry; the job is tried once more than there are delays. */
  delaysMs?: readonly number[];
  /** Told before each wait: the try that was refused (1 = the first) and the printer's answer. */
  onBusy?: (wait: { attempt: number; waitMs: number; cause: DriverError }) => void;
  signal?: AbortSignal;
}

/** A job the printer took: its id and how many tries it needed. */
export interface DocumentJobResult {
  jobId: number;
  attempts: number;
}

/**
 * Sends one PDF to the A4 printer, trying again with backoff while the printer answers busy
 * (DriverError code `busy`); any other failure rejects with the printer's own error, and still
 * busy after the last delay with a busy error that counts the tries. The PDF stays in the
 * caller's memory.
 */
export async function sendDocumentJob(
  printer: DocumentPrinter,
  pdf: Uint8Array,
  job: { name: string; user?: string },
  options: DocumentJobOptions,
): Promise<DocumentJobResult> {
  const delays = options.delaysMs ?? BUSY_RETRY_DELAYS_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const { jobId } = await printer.print(pdf, job, options.signal);
      return { jobId, attempts: attempt };
    } catch (err) {
      const waitMs = delays[attempt - 1];
      if (!(err instanceof DriverError) || err.code !== 'busy') throw err;
      if (waitMs === undefined) throw stillBusy(err, attempt);
      options.onBusy?.({ attempt, waitMs, cause: err });
      await options.clock.sleep(waitMs, options.signal);
    }
  }
}

function stillBusy(err: DriverError, attempts: number): DriverError {
  return new DriverError(
    err.device,
    'busy',
    'busy',
    `${err.message}; still busy after ${attempts} tries`,
    err.hint,
    { cause: err },
  );
}
