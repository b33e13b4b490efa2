import type { TouchEvent, TouchInput } from './types.js';

/** A kiosk without a touch panel (buttons only). */
export class NoTouch implements TouchInput {
  readonly kind = 'none';
  async open(): Promise<void> {}
  onTouch(_listener: (event: TouchEvent) => void): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}
