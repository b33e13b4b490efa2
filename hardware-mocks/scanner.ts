import type { ScanEvent, Scanner } from '../drivers/scanner/types.js';
import type { Clock } from '../runtime/clock.js';
import { Listeners } from '../runtime/listeners.js';

/** Simulator scanner: emitData() delivers one complete read. */
export class MockScanner implements Scanner {
  readonly kind = 'mock';
  private readonly listeners = new Listeners<ScanEvent>();

  constructor(private readonly clock: Clock) {}

  async open(): Promise<void> {}

  onScan(listener: (event: ScanEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  emitData(data: string): void {
    this.listeners.emit({ data: data.normalize('NFC').replace(/[\r\n]+$/, ''), at: this.clock.now() });
  }

  async close(): Promise<void> {}
}
