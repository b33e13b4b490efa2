import type { TouchEvent, TouchInput } from '../drivers/touch/types.js';
import type { Clock } from '../runtime/clock.js';
import { Listeners } from '../runtime/listeners.js';

/** Simulator touch panel: tap() sends down then up at one point. */
export class MockTouch implements TouchInput {
  readonly kind = 'mock';
  private readonly listeners = new Listeners<TouchEvent>();

  constructor(private readonly clock: Clock) {}

  async open(): Promise<void> {}

  onTouch(listener: (event: TouchEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  tap(x: number, y: number): void {
    const at = this.clock.now();
    this.listeners.emit({ x, y, phase: 'down', at });
    this.listeners.emit({ x, y, phase: 'up', at });
  }

  async close(): Promise<void> {}
}
