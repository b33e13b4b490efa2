import type { AudioOutput } from '../drivers/audio/types.js';
import { DriverError } from '../runtime/errors.js';

/** WAVs a mock sound card keeps (a simulator runs for days: older ones are dropped). */
const KEEP_PLAYED = 50;

/** Simulator sound card: records what was played; plays "instantly" unless given a duration. */
export class MockAudio implements AudioOutput {
  readonly kind = 'mock';
  /** The last WAVs played, oldest first (at most 50); `plays` counts them all. */
  readonly played: Uint8Array[] = [];
  plays = 0;
  volume = 80;
  /** When true, play() fails like a missing sound card. */
  unplugged = false;

  async open(): Promise<void> {}

  async play(wav: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (this.unplugged)
      throw new DriverError('audio', 'disconnected', 'no-device', 'mock sound card unplugged');
    if (signal?.aborted) throw new DriverError('audio', 'canceled', 'canceled', 'playback canceled');
    this.played.push(wav);
    if (this.played.length > KEEP_PLAYED) this.played.shift();
    this.plays++;
  }

  async setVolume(volume: number): Promise<void> {
    if (!Number.isInteger(volume) || volume < 0 || volume > 100)
      throw new TypeError(`volume: must be a whole number from 0 to 100, got ${volume}`);
    this.volume = volume;
  }

  async stop(): Promise<void> {}

  async close(): Promise<void> {}
}
