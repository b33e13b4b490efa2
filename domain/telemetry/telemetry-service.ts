import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { EventRecorder } from './event-recorder.js';

/**
 * Turns kiosk events on the bus (printer failures and status, failed services) into fleet events
 * through the event recorder. Only operational facts leave the device: no names, ID numbers or
 * raw scans. A ticket's record (never dropped) is written by the queue in the ticket's own commit
 * (domain/queue/queue-service.ts), not here.
 */
export class TelemetryService implements Service {
  readonly name = 'telemetry';
  private running = false;

  constructor(
    private readonly recorder: Pick<EventRecorder, 'event'>,
    private readonly bus: EventBus<KioskEvents>,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.bus.on(this.name, 'printer.failed', (f) =>
      this.recorder.event('events/printer-failed', { purpose: f.purpose, code: f.code, message: f.message }),
    );
    this.bus.on(this.name, 'printer.status', (s) =>
      this.recorder.event('events/printer-status', {
        online: s.online,
        paper: s.paper,
        coverOpen: s.coverOpen,
        fault: s.fault,
      }),
    );
    this.bus.on(this.name, 'service.state', (s) => {
      if (s.state === 'failed')
        this.recorder.event('events/service-failed', { service: s.name, error: s.lastError ?? null });
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.bus.offOwner(this.name);
  }
}
