import { readFile } from 'node:fs/promises';
import type { AudioInput } from '../drivers/audio/types.js';
import { silentWav } from '../drivers/audio/wav.js';
import { DriverError } from '../runtime/errors.js';

export { silentWav };

/** Simulator microphone: record() returns the next queued WAV file (or silence when none). */
export class MockAudioInput implements AudioInput {
  readonly kind = 'mock';
  private readonly queue: string[] = [];
  /** When true, record() fails like a missing microphone. */
  unplugged = false;

  /** Queues a WAV file to be "heard" by the next record(). */
  say(wavPath: string): void {
    this.queue.push(wavPath);
  }

  async record(
    durationMs: number,
    options: { sampleRate?: number; signal?: AbortSignal } = {},
  ): Promise<Uint8Array> {
    if (!Number.isInteger(durationMs) || durationMs <= 0)
      throw new TypeError(`durationMs: must be a positive whole number, got ${durationMs}`);
    if (this.unplugged)
      throw new DriverError('audio', 'disconnected', 'no-device', 'mock microphone unplugged');
    if (options.signal?.aborted) throw new DriverError('audio', 'canceled', 'canceled', 'recording canceled');
    const next = this.queue.shift();
    if (next) return new Uint8Array(await readFile(next));
    return silentWav(durationMs, options.sampleRate ?? 16_000);
  }
}
