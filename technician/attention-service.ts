import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Service, ServiceContext } from '../runtime/service.js';
import type { ButtonInput } from '../drivers/buttons/types.js';
import type { ServiceStatus } from '../runtime/service-manager.js';

/**
 * Blinks the button LEDs while the kiosk needs a technician: the printer is out of paper, its
 * cover is open, it is faulty or offline, or a service has failed. Stops when all is well again.
 */
export class PanelAttentionService implements Service {
  readonly name = 'panel-attention';
  private readonly problems = new Set<string>();
  private running = false;
  private blinking = false;

  constructor(
    private readonly buttons: ButtonInput,
    private readonly bus: EventBus<KioskEvents>,
    private readonly log: Logger,
    /** The services' states now: one that failed before this service started counts too. */
    private readonly services: () => ServiceStatus[] = () => [],
  ) {}

  /** What currently needs a technician, e.g. `printer`, `service:voice`. */
  get reasons(): string[] {
    return [...this.problems];
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.bus.on(this.name, 'printer.status', (s) =>
      this.set('printer', s.paper === 'out' || s.coverOpen || s.fault || !s.online),
    );
    this.bus.on(this.name, 'service.state', (s) => {
      if (s.name === this.name) return;
      if (s.state === 'failed') this.set(`service:${s.name}`, true);
      else if (s.state === 'running') this.set(`service:${s.name}`, false);
    });
    for (const s of this.services())
      if (s.name !== this.name && s.state === 'failed') this.set(`service:${s.name}`, true);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.bus.offOwner(this.name);
    this.problems.clear();
    this.apply();
  }

  private set(reason: string, present: boolean): void {
    if (present) this.problems.add(reason);
    else this.problems.delete(reason);
    this.apply();
  }

  private apply(): void {
    const want = this.problems.size > 0;
    if (want === this.blinking) return;
    this.blinking = want;
    if (want) this.log.warn({ reasons: this.reasons }, 'kiosk needs a technician: button LEDs blinking');
    else this.log.info('technician attention cleared');
    this.buttons.setAttention?.(want);
  }
}
