import { DriverError, errorMessage } from '../../runtime/errors.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { Printer } from '../../drivers/printer/types.js';

export type PrintOutcome = { ok: true } | { ok: false; code: string; message: string; hint?: string };

/**
 * Owns the printer: one job at a time, failures turned into outcomes the screens can explain
 * (never thrown at the citizen), and logged with what the technician should do.
 */
export class PrintService implements Service {
  readonly name = 'printer';
  private chain: Promise<unknown> = Promise.resolve();
  private jobId = 0;
  private opened = false;
  private lastStatus = '';
  private offStatus: (() => void) | undefined;

  constructor(
    private readonly printer: Printer,
    private readonly bus: EventBus<KioskEvents>,
    private readonly log: Logger,
  ) {}

  get widthDots(): number {
    return this.printer.widthDots;
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.opened) return;
    // Status changes (paper near end / out, cover, offline) go to the bus and telemetry.
    this.offStatus ??= this.printer.onStatus?.((s) => {
      const key = `${s.online}|${s.paper}|${s.coverOpen}|${s.fault}`;
      if (key === this.lastStatus) return;
      this.lastStatus = key;
      this.bus.emit('printer.status', s);
    });
    try {
      await this.printer.open();
      this.opened = true;
    } catch (err) {
      // A missing printer must not keep the kiosk from serving: tickets are still shown and spoken.
      this.logFailure('open', err);
    }
  }

  async stop(): Promise<void> {
    await this.chain.catch(() => undefined);
    this.offStatus?.();
    this.offStatus = undefined;
    if (this.opened) await this.printer.close();
    this.opened = false;
  }

  /** Prints a job; resolves with the outcome. Jobs are serialized. */
  print(job: Uint8Array, purpose: string): Promise<PrintOutcome> {
    const run = async (): Promise<PrintOutcome> => {
      try {
        if (!this.opened) {
          await this.printer.open();
          this.opened = true;
        }
        await this.printer.print(job);
        const jobId = ++this.jobId;
        this.bus.emit('printer.printed', { jobId, purpose, bytes: job.length });
        return { ok: true };
      } catch (err) {
        return this.logFailure(purpose, err);
      }
    };
    const result = this.chain.then(run, run);
    this.chain = result;
    return result;
  }

  private logFailure(purpose: string, err: unknown): PrintOutcome {
    const code = err instanceof DriverError ? err.code : 'error';
    const hint = err instanceof DriverError ? err.hint : undefined;
    const message = errorMessage(err);
    this.log.error(
      { err, purpose, code, hint },
      `printing ${purpose} failed: ${message}${hint ? ` (fix: ${hint})` : ''}`,
    );
    this.bus.emit('printer.failed', { purpose, code, message, ...(hint ? { hint } : {}) });
    return { ok: false, code, message, ...(hint ? { hint } : {}) };
  }
}
