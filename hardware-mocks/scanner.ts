import type { ScanEvent, ScanRejected, Scanner } from '../drivers/scanner/types.js';
import type { Clock } from '../runtime/clock.js';
import { Listeners } from '../runtime/listeners.js';

/** Simulator scanner: emitData() delivers one complete read. */
export class MockScanner implements Scanner {
  readonly kind = 'mock';
  private readonly listeners = new Listeners<ScanEvent>();
  private readonly rejects = new Listeners<ScanRejected>();

  constructor(private readonly clock: Clock) {}

  async open(): Promise<void> {}

  onScan(listener: (event: ScanEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  emitData(data: string): void {
    this.listeners.emit({ data: data.normalize('NFC').replace(/[\r\n]+$/, ''), at: this.clock.now() });
  }

  onReject(listener: (event: ScanRejected) => void): () => void {
    return this.rejects.add(listener);
  }

  /** Simulates a garbage read the real drivers would refuse (nothing is delivered to onScan). */
  emitGarbage(reason: ScanRejected['reason'] = 'invalid-utf8', length = 12): void {
    this.rejects.emit({ reason, length, at: this.clock.now() });
  }

  async close(): Promise<void> {}
}
