import { statusProblem } from '../drivers/printer/escpos-status.js';
import type { Printer, PrinterStatus } from '../drivers/printer/types.js';
import type { Clock } from '../runtime/clock.js';
import { Listeners } from '../runtime/listeners.js';
import { DriverError } from '../runtime/errors.js';
import { decodeEscPos, type DecodedReceipt } from './escpos-decoder.js';

export interface MockReceipt extends DecodedReceipt {
  id: number;
  at: number;
  raw: Uint8Array;
  /** False when the roll ran out part-way (see `paperLeftJobs`). */
  complete: boolean;
}

/**
 * Simulator printer: decodes each job to an image like the paper it would print. Fault switches
 * (paperOut, nearEnd, coverOpen, fault, offline, unplugged, paperLeftJobs) make it fail the way
 * a real printer does, with the same DriverError codes and hints as the ESC/POS driver.
 */
export class MockPrinter implements Printer {
  readonly kind = 'mock';
  readonly receipts: MockReceipt[] = [];
  paperOut = false;
  nearEnd = false;
  coverOpen = false;
  /** Cutter jam or overheating. */
  fault = false;
  offline = false;
  unplugged = false;
  /**
   * Jobs the roll still has paper for; the job that exceeds it runs out mid-ticket (half a
   * receipt is kept, print() rejects with paper-out). Undefined = endless.
   */
  paperLeftJobs: number | undefined;
  private nextId = 1;
  private readonly statusListeners = new Listeners<PrinterStatus>();

  constructor(
    readonly widthDots: number,
    private readonly clock: Clock,
    private readonly keep = 50,
  ) {}

  async open(): Promise<void> {
    if (this.unplugged) throw this.unpluggedError();
  }

  async status(): Promise<PrinterStatus> {
    if (this.unplugged) throw this.unpluggedError();
    const status: PrinterStatus = {
      online: !this.paperOut && !this.coverOpen && !this.fault && !this.offline,
      paper: this.paperOut ? 'out' : this.nearEnd ? 'near-end' : 'ok',
      coverOpen: this.coverOpen,
      fault: this.fault,
      source: 'device',
    };
    this.statusListeners.emit(status);
    return status;
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  async print(job: Uint8Array): Promise<void> {
    const problem = statusProblem(await this.status());
    if (problem) throw problem;
    if (this.paperLeftJobs !== undefined && this.paperLeftJobs <= 0) {
      // The roll ends inside this job: half of it comes out, then the printer stops.
      this.record(job.subarray(0, Math.floor(job.length / 2)), false);
      this.paperOut = true;
      const late = statusProblem(await this.status()) as DriverError;
      throw new DriverError(
        'printer',
        late.kind,
        late.code,
        `${late.message} while printing: the receipt is incomplete`,
        late.hint,
      );
    }
    if (this.paperLeftJobs !== undefined) this.paperLeftJobs--;
    this.record(job, true);
  }

  get lastReceipt(): MockReceipt | undefined {
    return this.receipts[this.receipts.length - 1];
  }

  async close(): Promise<void> {}

  reset(): void {
    this.receipts.length = 0;
    this.paperOut = this.nearEnd = this.coverOpen = this.unplugged = this.fault = this.offline = false;
    this.paperLeftJobs = undefined;
  }

  private record(raw: Uint8Array, complete: boolean): void {
    const decoded = decodeEscPos(raw, this.widthDots);
    this.receipts.push({ ...decoded, id: this.nextId++, at: this.clock.now(), raw, complete });
    if (this.receipts.length > this.keep) this.receipts.shift();
  }

  private unpluggedError(): DriverError {
    return new DriverError(
      'printer',
      'disconnected',
      'no-device',
      'printer is not connected',
      'plug the printer cable in and switch the printer on',
    );
  }
}
