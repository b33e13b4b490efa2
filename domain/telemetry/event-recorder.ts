import type { Clock } from '../../runtime/clock.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Outbox, OutboxKind, OutboxMessage } from './outbox.js';

/** Events kept in memory while the outbox cannot be written. */
const KEPT_MAX = 50;

interface KeptMessage {
  kind: OutboxKind;
  topic: string;
  payload: Record<string, unknown>;
  at: number;
}

/**
 * The one way to the outbox: everything the fleet must receive (tickets, ratings, CCCD checks
 * without personal data, printer and service failures, health samples) is written through it.
 * Topics are relative to the device's own topic (`events/ticket-issued`, `records/rating`); the
 * outbox publisher puts them under `{prefix}/devices/{id}/` (domain/fleet/topics.ts).
 */
export interface EventRecorder {
  /**
   * An operational event. Never throws: while the outbox cannot be written (a full disk) the last
   * events are kept in memory and written, in order, before the next message that can be.
   */
  event(topic: string, payload: Record<string, unknown>): void;
  /** A periodic health sample (dropped first when the outbox is full). Throws when it cannot be written. */
  telemetry(topic: string, payload: Record<string, unknown>): void;
  /**
   * A record that is never dropped (a ticket, a rating), written inside the caller's SQLite
   * transaction so it commits or rolls back with the change it records. Hand the result to
   * `committed()` once that transaction has committed.
   */
  record(topic: string, payload: Record<string, unknown>, at: number): OutboxMessage;
  /** Tells the publisher that a record's transaction committed (it may go out now). */
  committed(message: OutboxMessage): void;
}

/** The EventRecorder on the kiosk's SQLite outbox; announces each message on the bus (`outbox.queued`). */
export class OutboxRecorder implements EventRecorder {
  private readonly kept: KeptMessage[] = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
    /** Told about every failed write (the storage health: a full disk fails the storage service). */
    private readonly writeFailed: (err: unknown) => void = () => undefined,
  ) {}

  event(topic: string, payload: Record<string, unknown>): void {
    const at = this.clock.now();
    try {
      this.flushKept();
      this.committed(this.outbox.enqueue('event', topic, payload, at));
    } catch (err) {
      this.kept.push({ kind: 'event', topic, payload, at });
      if (this.kept.length > KEPT_MAX) this.kept.shift();
      this.writeFailed(err);
    }
  }

  telemetry(topic: string, payload: Record<string, unknown>): void {
    try {
      this.flushKept();
      this.committed(this.outbox.enqueue('telemetry', topic, payload, this.clock.now()));
    } catch (err) {
      this.writeFailed(err);
      throw err;
    }
  }

  record(topic: string, payload: Record<string, unknown>, at: number): OutboxMessage {
    return this.outbox.enqueue('record', topic, payload, at);
  }

  committed(message: OutboxMessage): void {
    this.bus.emit('outbox.queued', message);
  }

  private flushKept(): void {
    while (this.kept.length > 0) {
      const m = this.kept[0] as KeptMessage;
      this.committed(this.outbox.enqueue(m.kind, m.topic, m.payload, m.at));
      this.kept.shift();
    }
  }
}
