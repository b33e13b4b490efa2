import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../../domain/events.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import type { Navigator } from '../../ui-framebuffer/screen.js';
import type { MaintenancePanel } from './maintenance-panel.js';

export { localAddresses } from './maintenance-panel.js';

/** Sequence of long presses that opens the PIN screen (harmless on every screen: they move focus). */
const SEQUENCE_WINDOW_MS = 5000;

/**
 * Opens the maintenance PIN screen when a technician scans the maintenance QR code
 * (maintenance.qrCode) or long-presses UP then DOWN within 5 s, and keeps the last errors for the
 * maintenance screen (MaintenancePanel).
 */
export class MaintenanceService implements Service {
  readonly name = 'maintenance';
  readonly dependsOn = ['ui'];
  private offs: (() => void)[] = [];
  private upAt = -Infinity;

  constructor(
    private readonly config: KioskConfig['maintenance'],
    private readonly bus: EventBus<KioskEvents>,
    private readonly nav: Pick<Navigator, 'home' | 'open'>,
    private readonly panel: Pick<MaintenancePanel, 'remember'>,
    private readonly log: Logger,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.offs.length > 0 || !this.config.enabled) return;
    const { bus } = this;
    this.offs = [
      bus.on(this.name, 'input.scan', (e) => {
        if (e.data.trim() === this.config.qrCode) this.open('qr');
      }),
      bus.on(this.name, 'input.button', (e) => {
        if (e.action !== 'long-press') return;
        if (e.id === 'up') this.upAt = e.at;
        else if (e.id === 'down' && e.at - this.upAt <= SEQUENCE_WINDOW_MS) {
          this.upAt = -Infinity;
          this.open('buttons');
        }
      }),
      bus.on(this.name, 'printer.failed', (e) =>
        this.panel.remember({
          id: 'printer',
          title: 'Printer',
          status: 'fail',
          code: e.code,
          message: e.message,
          ...(e.hint ? { hint: e.hint } : {}),
        }),
      ),
      bus.on(this.name, 'service.state', (s) => {
        if (s.state === 'failed')
          this.panel.remember({
            id: `service.${s.name}`,
            title: `Service ${s.name}`,
            status: 'fail',
            code: 'failed',
            message: s.lastError ?? 'failed',
          });
      }),
    ];
  }

  async stop(): Promise<void> {
    for (const off of this.offs) off();
    this.offs = [];
  }

  private open(via: 'qr' | 'buttons'): void {
    // No PIN provisioned = no maintenance screen (docs/technician.md): the citizen's screen stays.
    if (!this.config.pinHash) {
      this.log.warn(
        { via },
        'maintenance entry refused: no PIN is provisioned (maintenance.pinHash); set one with "kiosk provision --pin"',
      );
      return;
    }
    this.log.info({ via }, 'maintenance entry requested');
    this.nav.home();
    this.nav.open('maintenance-pin');
  }
}
