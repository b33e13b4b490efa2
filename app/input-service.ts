import type { ButtonInput } from '../drivers/buttons/types.js';
import type { Scanner } from '../drivers/scanner/types.js';
import type { TouchInput } from '../drivers/touch/types.js';
import type { Clock } from '../runtime/clock.js';
import { DriverError, errorMessage } from '../runtime/errors.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import { Reconnect } from '../runtime/reconnect.js';
import type { Service, ServiceContext } from '../runtime/service.js';

interface Device {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the input devices and forwards their events onto the bus. Each device opens on its own:
 * a button panel that is unplugged at boot must not take the touch screen and scanner with it;
 * it is logged with its fix and retried every `retryMs` until it opens.
 */
export class InputService implements Service {
  readonly name = 'input';
  private offs: (() => void)[] = [];
  private running = false;
  private retries: Reconnect[] = [];

  constructor(
    private readonly buttons: ButtonInput,
    private readonly touch: TouchInput,
    private readonly scanner: Scanner,
    private readonly bus: EventBus<KioskEvents>,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly retryMs = 5000,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.offs = [
      this.buttons.onButton((e) => this.bus.emit('input.button', e)),
      this.touch.onTouch((e) => this.bus.emit('input.touch', e)),
      this.scanner.onScan((e) => {
        this.log.debug({ length: e.data.length }, 'scan received');
        this.bus.emit('input.scan', e);
      }),
      this.scanner.onReject?.((e) => this.bus.emit('input.scan-rejected', e)) ?? (() => undefined),
    ];
    await Promise.all([
      this.openDevice('buttons', this.buttons),
      this.openDevice('touch', this.touch),
      this.openDevice('scanner', this.scanner),
    ]);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const retry of this.retries) retry.stop();
    this.retries = [];
    for (const off of this.offs) off();
    await Promise.allSettled([this.buttons.close(), this.touch.close(), this.scanner.close()]);
  }

  private async openDevice(name: string, device: Device): Promise<void> {
    try {
      await device.open();
      return;
    } catch (err) {
      const hint = err instanceof DriverError ? err.hint : undefined;
      this.log.error(
        { err, device: name, hint },
        `${name} unavailable: ${errorMessage(err)}${hint ? ` (fix: ${hint})` : ''}; retrying every ${this.retryMs / 1000} s`,
      );
    }
    const retry = new Reconnect(
      this.clock,
      this.retryMs,
      async (signal) => {
        await device.open();
        if (signal.aborted) {
          await device.close(); // stopped while it was opening
          return;
        }
        this.log.info({ device: name }, `${name} opened after retrying`);
      },
      (err) => this.log.debug({ err, device: name }, `${name} still unavailable`),
    );
    this.retries.push(retry);
    retry.start();
  }
}
