import type { Clock } from '../../runtime/clock.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { Outbox, OutboxKind } from './outbox.js';

/** Events kept in memory while the outbox cannot be written. */
const KEPT_MAX = 50;

interface KeptMessage {
  kind: OutboxKind;
  topic: string;
  payload: Record<string, unknown>;
  at: number;
}

/**
 * Turns kiosk events into outbox messages for the fleet. Only operational facts leave the
 * device: no names, ID numbers or raw scans. Failures are events; health samples are telemetry
 * (dropped first). A ticket's record (never dropped) is written by the queue in the ticket's own
 * commit (domain/queue/queue-service.ts), not here.
 */
export class TelemetryService implements Service {
  readonly name = 'telemetry';
  private running = false;
  private readonly kept: KeptMessage[] = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.bus.on(this.name, 'printer.failed', (f) =>
      this.keep('event', 'events/printer-failed', { purpose: f.purpose, code: f.code, message: f.message }),
    );
    this.bus.on(this.name, 'printer.status', (s) =>
      this.keep('event', 'events/printer-status', {
        online: s.online,
        paper: s.paper,
        coverOpen: s.coverOpen,
        fault: s.fault,
      }),
    );
    this.bus.on(this.name, 'service.state', (s) => {
      if (s.state === 'failed')
        this.keep('event', 'events/service-failed', { service: s.name, error: s.lastError ?? null });
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.bus.offOwner(this.name);
  }

  /** Queues a message durably and announces it on the bus; throws when it cannot be written. */
  queue(kind: OutboxKind, topic: string, payload: Record<string, unknown>): void {
    this.flushKept();
    const message = this.outbox.enqueue(kind, topic, payload, this.clock.now());
    this.bus.emit('outbox.queued', message);
  }

  /**
   * Queues an event; when it cannot be written (a full disk) it is kept in memory (the last
   * KEPT_MAX) and written with the next message that can be, so the fleet still learns of it.
   */
  private keep(kind: OutboxKind, topic: string, payload: Record<string, unknown>): void {
    const at = this.clock.now();
    try {
      this.flushKept();
      this.bus.emit('outbox.queued', this.outbox.enqueue(kind, topic, payload, at));
    } catch {
      this.kept.push({ kind, topic, payload, at });
      if (this.kept.length > KEPT_MAX) this.kept.shift();
    }
  }

  private flushKept(): void {
    while (this.kept.length > 0) {
      const m = this.kept[0] as KeptMessage;
      this.bus.emit('outbox.queued', this.outbox.enqueue(m.kind, m.topic, m.payload, m.at));
      this.kept.shift();
    }
  }
}
