import type { Logger } from '../logger.js';
import type { Service, ServiceContext } from '../service.js';
import type { KioskDatabase } from './kiosk-database.js';
import { checkDatabase, storageProblemOf, type StorageError } from './storage-health.js';

/** Thrown instead of writing a citizen record while the database cannot take one. */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(readonly problem: StorageError) {
    super(`storage unavailable: ${problem.message}`, { cause: problem });
  }
}

/**
 * The start-up failure of a kiosk whose database file cannot be used: the storage problem (file,
 * cause, fix) and what the kiosk still does meanwhile. Never retried: it needs a technician.
 */
export class StorageDegradedError extends Error {
  override readonly name = 'StorageDegradedError';
  readonly retry = false;
  constructor(readonly problem: StorageError) {
    super(
      `${problem.message}; until then the kiosk runs degraded: procedure lookups work, no tickets are issued`,
      { cause: problem },
    );
  }
}

/**
 * The health of the kiosk's database as a service: `failed` (with the reason, so the status over
 * MQTT, the attention LEDs and the fleet's service-failed event say so) while the disk is full,
 * the file damaged or read-only. It checks at start, every `probeIntervalMs`, and whenever a
 * write fails; a full disk is probed again with backoff and clears by itself once space is freed.
 */
export class StorageService implements Service {
  readonly name = 'storage';
  private problem: StorageError | undefined;
  private ctx: ServiceContext | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The last problem logged while not running (so a failed write is not logged again and again). */
  private logged: string | undefined;

  constructor(
    private readonly database: KioskDatabase,
    private readonly log: Logger,
    private readonly probeIntervalMs = 30_000,
  ) {}

  async start(ctx: ServiceContext): Promise<void> {
    if (this.ctx) return;
    if (this.database.degraded && this.database.problem) {
      this.problem = this.database.problem;
      this.logged = this.problem.message;
      throw new StorageDegradedError(this.problem);
    }
    this.problem = this.check();
    if (this.problem) throw this.problem;
    this.ctx = ctx;
    this.timer = setInterval(() => this.probe(), this.probeIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.ctx = undefined;
  }

  /** Whether a citizen record (ticket, rating) can be written now. */
  get writable(): boolean {
    return this.ctx !== undefined && !this.problem;
  }

  /** What is wrong with storage, if anything. */
  get failure(): StorageError | undefined {
    return this.problem;
  }

  /** True when the database file could not be used and the kiosk runs on an empty one in memory. */
  get degraded(): boolean {
    return this.database.degraded;
  }

  /** The storage's state for the fleet's status document: ok, or failed with the cause and fix. */
  condition(): { state: 'ok' | 'failed'; kind?: string; reason?: string; fix?: string; degraded: boolean } {
    const p = this.problem;
    if (!p) return { state: 'ok', degraded: false };
    return {
      state: 'failed',
      kind: p.kind,
      reason: `${p.summary} (${p.detail})`,
      fix: p.fix,
      degraded: this.degraded,
    };
  }

  /** Throws StorageUnavailableError unless a citizen record can be written now. */
  assertWritable(): void {
    if (this.problem) throw new StorageUnavailableError(this.problem);
  }

  /**
   * Looks at an error from a write: a storage problem (disk full, damage, read-only) marks the
   * service failed at once. Returns the problem, or undefined when `err` is something else.
   */
  report(err: unknown): StorageError | undefined {
    const cause = err instanceof StorageUnavailableError ? err.problem : err;
    const problem = storageProblemOf(cause, this.database.file);
    if (!problem) return undefined;
    this.fail(problem);
    return problem;
  }

  private check(): StorageError | undefined {
    return checkDatabase(this.database.db, this.database.file);
  }

  private probe(): void {
    const problem = this.check();
    if (problem) this.fail(problem);
  }

  private fail(problem: StorageError): void {
    this.problem = problem;
    const ctx = this.ctx;
    if (ctx) ctx.fail(problem);
    else if (this.logged !== problem.message) {
      this.logged = problem.message;
      this.log.warn({ kind: problem.kind }, problem.message);
    }
  }
}
