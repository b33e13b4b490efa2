import type { Printer, PrinterStatus } from '../drivers/printer/types.js';
import type { Clock } from '../runtime/clock.js';
import { DriverError } from '../runtime/errors.js';
import { decodeEscPos, type DecodedReceipt } from './escpos-decoder.js';

export interface MockReceipt extends DecodedReceipt {
  id: number;
  at: number;
  raw: Uint8Array;
}

/**
 * Simulator printer: decodes each job to an image like the paper it would print. Fault switches
 * (paperOut, coverOpen, unplugged) make it fail the way a real printer does.
 */
export class MockPrinter implements Printer {
  readonly kind = 'mock';
  readonly receipts: MockReceipt[] = [];
  paperOut = false;
  nearEnd = false;
  coverOpen = false;
  unplugged = false;
  private nextId = 1;

  constructor(
    readonly widthDots: number,
    private readonly clock: Clock,
    private readonly keep = 50,
  ) {}

  async open(): Promise<void> {
    if (this.unplugged)
      throw new DriverError('printer', 'disconnected', 'no-device', 'mock printer unplugged');
  }

  async status(): Promise<PrinterStatus> {
    if (this.unplugged)
      throw new DriverError('printer', 'disconnected', 'no-device', 'mock printer unplugged');
    return {
      online: !this.paperOut && !this.coverOpen,
      paper: this.paperOut ? 'out' : this.nearEnd ? 'near-end' : 'ok',
      coverOpen: this.coverOpen,
      fault: false,
    };
  }

  async print(job: Uint8Array): Promise<void> {
    const status = await this.status();
    if (status.paper === 'out') {
      throw new DriverError(
        'printer',
        'device-fault',
        'paper-out',
        'printer is out of paper',
        'load a new paper roll',
      );
    }
    if (status.coverOpen) {
      throw new DriverError(
        'printer',
        'device-fault',
        'cover-open',
        'printer cover is open',
        'close the printer cover',
      );
    }
    const decoded = decodeEscPos(job, this.widthDots);
    this.receipts.push({ ...decoded, id: this.nextId++, at: this.clock.now(), raw: job });
    if (this.receipts.length > this.keep) this.receipts.shift();
  }

  get lastReceipt(): MockReceipt | undefined {
    return this.receipts[this.receipts.length - 1];
  }

  async close(): Promise<void> {}

  reset(): void {
    this.receipts.length = 0;
    this.paperOut = this.nearEnd = this.coverOpen = this.unplugged = false;
  }
}
