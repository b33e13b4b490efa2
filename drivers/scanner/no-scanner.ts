import type { ScanEvent, Scanner } from './types.js';

/** scanner.driver "none": a kiosk without a scanner; never emits. */
export class NoScanner implements Scanner {
  readonly kind = 'none';
  async open(): Promise<void> {}
  onScan(_listener: (event: ScanEvent) => void): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}
