import type { ButtonInput } from '../drivers/buttons/types.js';
import type { Scanner } from '../drivers/scanner/types.js';
import type { TouchInput } from '../drivers/touch/types.js';
import type { EventBus } from './event-bus.js';
import type { KioskEvents } from './events.js';
import type { Logger } from './logger.js';
import type { Service, ServiceContext } from './service.js';

/** Opens the input devices and forwards their events onto the bus. */
export class InputService implements Service {
  readonly name = 'input';
  private offs: (() => void)[] = [];
  private running = false;

  constructor(
    private readonly buttons: ButtonInput,
    private readonly touch: TouchInput,
    private readonly scanner: Scanner,
    private readonly bus: EventBus<KioskEvents>,
    private readonly log: Logger,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    await this.buttons.open();
    await this.touch.open();
    await this.scanner.open();
    this.offs = [
      this.buttons.onButton((e) => this.bus.emit('input.button', e)),
      this.touch.onTouch((e) => this.bus.emit('input.touch', e)),
      this.scanner.onScan((e) => {
        this.log.debug({ length: e.data.length }, 'scan received');
        this.bus.emit('input.scan', e);
      }),
      this.scanner.onReject?.((e) => this.bus.emit('input.scan-rejected', e)) ?? (() => undefined),
    ];
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const off of this.offs) off();
    await Promise.allSettled([this.buttons.close(), this.touch.close(), this.scanner.close()]);
  }
}
