import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { Outbox, OutboxMessage } from './outbox.js';

/** Sends one message and resolves on the broker's acknowledgement (PUBACK). */
export type PublishAcked = (message: OutboxMessage) => Promise<void>;

export interface OutboxPublisherOptions {
  /** Messages published and not yet acknowledged at any time. */
  window?: number;
  /** Acknowledged ids are deleted in batches at most this often. */
  ackFlushMs?: number;
}

/**
 * Drains the durable outbox to the broker in id order while connected. A message is deleted only
 * after its PUBACK; unacknowledged ones stay queued and go again after a reconnect or restart with
 * the same uid (at-least-once; consumers deduplicate by uid).
 */
export class OutboxPublisher {
  private connected = false;
  private stopped = false;
  private draining = false;
  private cursor = 0;
  private readonly inflight = new Set<number>();
  /** Messages the broker refused, logged once each (they stay queued and are retried). */
  private readonly refused = new Set<number>();
  private acked: number[] = [];
  private ackTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly window: number;
  private readonly ackFlushMs: number;
  published = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly publish: PublishAcked,
    private readonly log: Logger,
    options: OutboxPublisherOptions = {},
  ) {
    this.window = options.window ?? 64;
    this.ackFlushMs = options.ackFlushMs ?? 20;
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
    if (connected) {
      // After a reconnect start over from the oldest unacknowledged message; in-flight ones are
      // resent by the MQTT client itself and are skipped here.
      this.cursor = 0;
      this.kick();
    }
  }

  /** Something was queued (or acknowledged): publish what is waiting. */
  kick(): void {
    if (!this.connected || this.draining) return;
    this.draining = true;
    queueMicrotask(() => this.drain());
  }

  private drain(): void {
    try {
      while (this.connected && this.inflight.size < this.window) {
        const batch = this.outbox
          .peek(this.window, this.cursor)
          .filter((m) => !this.inflight.has(m.id) && !this.acked.includes(m.id));
        if (batch.length === 0) break;
        for (const message of batch) {
          if (this.inflight.size >= this.window) break;
          this.cursor = message.id;
          this.send(message);
        }
      }
    } catch (err) {
      this.log.error({ err }, `outbox read failed: ${errorMessage(err)}`);
    } finally {
      this.draining = false;
      this.notifyIdle();
    }
  }

  private send(message: OutboxMessage): void {
    this.inflight.add(message.id);
    this.publish(message).then(
      () => {
        this.inflight.delete(message.id);
        this.refused.delete(message.id);
        this.published++;
        this.acked.push(message.id);
        // after stop() the link is waiting for its last PUBACKs and the database closes right
        // after: a deletion left to the timer would find it closed
        if (this.stopped) this.flushAcks();
        else this.ackTimer ??= setTimeout(() => this.flushAcks(), this.ackFlushMs);
        this.kick();
      },
      (err: unknown) => {
        this.inflight.delete(message.id);
        this.cursor = Math.min(this.cursor, message.id - 1);
        const code = (err as { code?: unknown }).code;
        // Try again while connected (a publish can fail without the connection dropping, and
        // nothing else may come to kick the outbox); a broker refusal is retried slowly.
        this.scheduleRetry(code === 135 || code === 144 ? 30_000 : 1_000);
        if (this.refused.has(message.id)) return this.notifyIdle();
        this.refused.add(message.id);
        if (code === 135 || code === 144)
          this.log.error(
            { id: message.id, topic: message.topic, reasonCode: code },
            `broker refuses outbox message ${message.id} on ${message.topic} (${code === 135 ? 'not authorised' : 'topic invalid'}); it stays queued: let this device publish under its own topics in the broker ACL (docs/mqtt.md)`,
          );
        else
          this.log.warn(
            { id: message.id, err: errorMessage(err) },
            'outbox publish not acknowledged; will retry',
          );
        this.notifyIdle();
      },
    );
  }

  private scheduleRetry(delayMs: number): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delayMs);
    this.retryTimer.unref();
  }

  /** Deletes acknowledged messages now. */
  flushAcks(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    const ids = this.acked;
    this.acked = [];
    try {
      this.outbox.ackMany(ids);
    } catch (err) {
      this.log.error({ err }, `could not delete acknowledged outbox messages: ${errorMessage(err)}`);
    }
    this.notifyIdle();
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  /** Resolves when nothing is queued or in flight (for shutdown, tests and benchmarks). */
  async idle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.inflight.size === 0 && this.acked.length === 0 && this.outbox.count() === 0) return true;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.idleWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return false;
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  stop(): void {
    this.connected = false;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.flushAcks();
  }
}
