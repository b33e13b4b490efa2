import { DriverError } from '../../runtime/errors.js';
import type { AudioOutput } from './types.js';

/** audio.driver "none": a kiosk without speakers. Sounds are accepted and dropped. */
export class NoAudio implements AudioOutput {
  readonly kind = 'none';
  async open(): Promise<void> {}
  async play(_wav: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new DriverError('audio', 'canceled', 'canceled', 'playback canceled');
  }
  async setVolume(volume: number): Promise<void> {
    if (!Number.isInteger(volume) || volume < 0 || volume > 100)
      throw new TypeError(`volume: must be a whole number from 0 to 100, got ${volume}`);
  }
  async stop(): Promise<void> {}
  async close(): Promise<void> {}
}
