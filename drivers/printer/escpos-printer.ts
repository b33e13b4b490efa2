import { DriverError } from '../../runtime/errors.js';
import { Listeners } from '../../runtime/listeners.js';
import { createLogger } from '../../runtime/logger.js';
import {
  isStatusByte,
  parseStatus,
  statusProblem,
  type RawStatus,
  type StatusDetail,
} from './escpos-status.js';
import type { PrinterTransport } from './transport.js';
import type { Printer, PrinterStatus } from './types.js';

export interface EscPosPrinterOptions {
  widthDots: number;
  /** Open and status-reply timeout; write timeouts add the transport's transfer estimate. */
  timeoutMs?: number;
  /** `kind` reported by the Printer (serial, usb, tcp). */
  kind: string;
}

const log = createLogger('printer');

/**
 * An ESC/POS printer on any transport. Before every job it polls DLE EOT 1, 2, 3, 4 and refuses
 * to print on paper-out, cover-open, fault or offline; after the job it polls again so a roll
 * that ran out mid-ticket fails the job (no ticket counts as issued that never came out). A
 * dropped link is reopened on the next call.
 */
export class EscPosPrinter implements Printer {
  readonly kind: string;
  readonly widthDots: number;
  private readonly timeoutMs: number;
  private inbox: number[] = [];
  private waiter: (() => void) | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private offs: (() => void)[] = [];
  private readonly statusListeners = new Listeners<PrinterStatus>();

  constructor(
    private readonly transport: PrinterTransport,
    options: EscPosPrinterOptions,
  ) {
    this.kind = options.kind;
    this.widthDots = options.widthDots;
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  open(): Promise<void> {
    return this.exclusive(() => this.ensureOpen());
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      await this.ensureOpen();
      return this.readStatus();
    });
  }

  print(job: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      await this.ensureOpen();
      const before = await this.readStatus();
      const problem = statusProblem(before);
      if (problem) throw problem;
      if (before.paper === 'near-end') log.warn('printer paper is nearly out: load a new roll soon');
      await this.transport.write(job, this.timeoutMs + this.transport.transferMs(job.length));
      if (!this.transport.bidirectional) return;
      const after = await this.readStatus();
      const late = statusProblem(after);
      if (late)
        throw new DriverError(
          'printer',
          late.kind,
          late.code,
          `${late.message} while printing: the receipt is incomplete`,
          late.hint,
        );
    });
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    for (const off of this.offs) off();
    this.offs = [];
    await this.transport.close();
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async ensureOpen(): Promise<void> {
    if (this.transport.isOpen) return;
    for (const off of this.offs) off();
    await this.transport.open(this.timeoutMs);
    this.offs = [
      this.transport.onData((bytes) => {
        for (const b of bytes) this.inbox.push(b);
        if (this.inbox.length > 4096) this.inbox.splice(0, this.inbox.length - 4096);
        this.waiter?.();
      }),
      this.transport.onDisconnect((reason) =>
        log.warn({ reason }, `printer link lost (${reason}); it will be reopened on the next job`),
      ),
    ];
    log.info({ target: this.transport.description }, 'printer opened');
  }

  private async readStatus(): Promise<StatusDetail> {
    if (!this.transport.bidirectional)
      return {
        online: true,
        paper: 'ok',
        coverOpen: false,
        fault: false,
        cutterError: false,
        unrecoverableError: false,
        paperFeedButton: false,
        source: 'assumed',
      };
    this.inbox = [];
    const raw: RawStatus = {
      printer: await this.query(1),
      offline: await this.query(2),
      error: await this.query(3),
      paper: await this.query(4),
    };
    const status: StatusDetail = { ...parseStatus(raw), source: 'device' };
    this.statusListeners.emit(
      {
        online: status.online,
        paper: status.paper,
        coverOpen: status.coverOpen,
        fault: status.fault,
        source: 'device',
      },
      (err) => log.error({ err }, 'printer status listener failed'),
    );
    return status;
  }

  /** Sends DLE EOT n and waits for one reply byte. */
  private async query(n: 1 | 2 | 3 | 4): Promise<number> {
    await this.transport.write(Uint8Array.of(0x10, 0x04, n), this.timeoutMs);
    const deadline = Date.now() + this.timeoutMs;
    while (this.inbox.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0 || !this.transport.isOpen)
        throw new DriverError(
          'printer',
          'timeout',
          'no-status',
          `printer on ${this.transport.description} did not answer status request DLE EOT ${n} within ${this.timeoutMs} ms`,
          'check the printer is switched on and the cable is plugged in; for serial printers check printer.baudRate',
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    const b = this.inbox.shift() as number;
    if (!isStatusByte(b)) this.inbox = [];
    return b;
  }
}
