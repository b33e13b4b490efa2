import { readFile } from 'node:fs/promises';
import type { AudioInput } from '../drivers/audio/types.js';
import { DriverError } from '../runtime/errors.js';

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

/** A 16-bit mono WAV of silence. */
export function silentWav(durationMs: number, sampleRate: number): Uint8Array {
  const samples = Math.round((durationMs / 1000) * sampleRate);
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(samples * 2, 40);
  return new Uint8Array(out);
}
