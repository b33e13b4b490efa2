import type { ButtonEvent, ButtonId, ButtonInput } from '../drivers/buttons/types.js';
import type { Clock } from '../runtime/clock.js';
import { Listeners } from '../runtime/listeners.js';

/** Simulator button panel: press() injects clean events as a debounced panel would. */
export class MockButtons implements ButtonInput {
  readonly kind = 'mock';
  readonly leds = new Map<ButtonId, boolean>();
  private readonly listeners = new Listeners<ButtonEvent>();

  constructor(private readonly clock: Clock) {}

  async open(): Promise<void> {}

  onButton(listener: (event: ButtonEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  press(id: ButtonId, action: ButtonEvent['action'] = 'press'): void {
    this.listeners.emit({ id, action, at: this.clock.now() });
  }

  async setLed(id: ButtonId, on: boolean): Promise<void> {
    this.leds.set(id, on);
  }

  /** True while the panel is blinking for a technician. */
  attention = false;

  setAttention(on: boolean): void {
    this.attention = on;
  }

  async close(): Promise<void> {}

  reset(): void {
    this.leds.clear();
    this.attention = false;
  }
}
