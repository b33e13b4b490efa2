import type { Clock } from '../../runtime/clock.js';
import { Listeners } from '../../runtime/listeners.js';
import type { Logger } from '../../runtime/logger.js';
import { ButtonLogic, type ButtonTiming } from './button-logic.js';
import type { ButtonEvent, ButtonId, ButtonInput } from './types.js';

/**
 * What GPIO and Firmata panels share: clean events from ButtonLogic, the pressed button's LED
 * lit while it is held, and all LEDs blinking while the kiosk needs a technician.
 */
export abstract class ButtonPanel implements ButtonInput {
  abstract readonly kind: string;
  protected readonly logic: ButtonLogic;
  private readonly listeners = new Listeners<ButtonEvent>();
  private readonly ledState = new Map<ButtonId, boolean>();
  private blink: AbortController | undefined;

  constructor(
    timing: ButtonTiming,
    protected readonly clock: Clock,
    protected readonly log: Logger,
    /** Buttons that have an LED. */
    protected readonly ledIds: readonly ButtonId[],
  ) {
    this.logic = new ButtonLogic(
      timing,
      clock,
      (event) => this.listeners.emit(event, (err) => log.error({ err }, 'button listener failed')),
      (id, pressed) => {
        if (!this.blink && this.ledIds.includes(id)) void this.safeLed(id, pressed);
      },
    );
  }

  abstract open(): Promise<void>;
  abstract close(): Promise<void>;
  /** Drives one LED line. */
  protected abstract writeLed(id: ButtonId, on: boolean): Promise<void>;

  onButton(listener: (event: ButtonEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** LED state as last written, for diagnostics. */
  get leds(): ReadonlyMap<ButtonId, boolean> {
    return this.ledState;
  }

  async setLed(id: ButtonId, on: boolean): Promise<void> {
    if (!this.ledIds.includes(id)) return; // this button has no LED: nothing to light
    this.ledState.set(id, on);
    await this.writeLed(id, on);
  }

  /** Blinks every LED (1 Hz) until called with false: "this kiosk needs a technician". */
  setAttention(on: boolean): void {
    if (on === (this.blink !== undefined)) return;
    if (!on) {
      this.blink?.abort();
      this.blink = undefined;
      for (const id of this.ledIds) void this.safeLed(id, false);
      return;
    }
    const controller = new AbortController();
    this.blink = controller;
    void (async () => {
      let lit = true;
      while (!controller.signal.aborted) {
        for (const id of this.ledIds) await this.safeLed(id, lit);
        lit = !lit;
        try {
          await this.clock.sleep(500, controller.signal);
        } catch {
          return;
        }
      }
    })();
  }

  protected stopPanel(): void {
    this.blink?.abort();
    this.blink = undefined;
    this.logic.reset();
  }

  private async safeLed(id: ButtonId, on: boolean): Promise<void> {
    try {
      await this.setLed(id, on);
    } catch (err) {
      this.log.warn({ err, id }, `cannot drive the LED of button ${id}`);
    }
  }
}
