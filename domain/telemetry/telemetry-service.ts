import type { Clock } from '../../runtime/clock.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { Outbox, OutboxKind } from './outbox.js';

/**
 * Turns kiosk events into outbox messages for the fleet. Only operational facts leave the
 * device: no names, ID numbers or raw scans. Tickets are citizen records (never dropped when the
 * outbox is full); failures are events; health samples are telemetry (dropped first).
 */
export class TelemetryService implements Service {
  readonly name = 'telemetry';
  private running = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.bus.on(this.name, 'ticket.issued', (t) =>
      this.queue('record', 'events/ticket-issued', {
        number: t.number,
        group: t.groupId,
        serviceDay: t.serviceDay,
        peopleAhead: t.peopleAhead,
        issuedAt: new Date(t.issuedAt).toISOString(),
      }),
    );
    this.bus.on(this.name, 'printer.failed', (f) =>
      this.queue('event', 'events/printer-failed', { purpose: f.purpose, code: f.code, message: f.message }),
    );
    this.bus.on(this.name, 'printer.status', (s) =>
      this.queue('event', 'events/printer-status', {
        online: s.online,
        paper: s.paper,
        coverOpen: s.coverOpen,
        fault: s.fault,
      }),
    );
    this.bus.on(this.name, 'service.state', (s) => {
      if (s.state === 'failed')
        this.queue('event', 'events/service-failed', { service: s.name, error: s.lastError ?? null });
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.bus.offOwner(this.name);
  }

  /** Queues a message durably and announces it on the bus. */
  queue(kind: OutboxKind, topic: string, payload: Record<string, unknown>): void {
    const message = this.outbox.enqueue(kind, topic, payload, this.clock.now());
    this.bus.emit('outbox.queued', message);
  }
}
