import { readFileSync } from 'node:fs';
import type { MicInput, StopCapture } from '../drivers/microphone/arecord-mic.js';
import { DriverError } from '../runtime/errors.js';
import { parseWav } from '../runtime/wav.js';

/**
 * Simulator microphone: a quiet room unless a test or the simulator queues an utterance with
 * speak(); while open it delivers 100 ms chunks in real time like arecord. `unplugged` makes
 * start() fail like a missing capture device. `opened` counts captures (the mic must stay closed
 * except while the talk button is held).
 */
export class MockMic implements MicInput {
  readonly kind = 'mock';
  unplugged = false;
  opened = 0;
  isOpen = false;
  private queued: Int16Array[] = [];

  constructor(readonly sampleRate = 16_000) {}

  /** The next capture hears these samples (16-bit mono at sampleRate), then silence. */
  speak(samples: Int16Array): void {
    this.queued.push(samples);
  }

  async start(onData: (chunk: Int16Array) => void): Promise<StopCapture> {
    if (this.unplugged) {
      throw new DriverError(
        'microphone',
        'disconnected',
        'no-device',
        'mock microphone unplugged',
        'plug it in',
      );
    }
    this.opened++;
    this.isOpen = true;
    const pending = this.queued.shift() ?? new Int16Array(0);
    const chunk = this.sampleRate / 10;
    let offset = 0;
    const timer = setInterval(() => {
      const part = new Int16Array(chunk);
      if (offset < pending.length) part.set(pending.subarray(offset, offset + chunk));
      offset += chunk;
      onData(part);
    }, 100);
    return async () => {
      clearInterval(timer);
      this.isOpen = false;
    };
  }
}

/**
 * A "microphone" that says a WAV file: for the simulator and tests (mic in from WAV). Delivers the
 * file in 100 ms chunks, then silence until stopped, like a held button in a quiet room.
 */
export class WavFileMic implements MicInput {
  readonly kind = 'wav';
  readonly sampleRate: number;
  private readonly samples: Int16Array;

  constructor(path: string) {
    const audio = parseWav(readFileSync(path));
    if (audio.channels !== 1) throw new TypeError(`${path}: must be mono, got ${audio.channels} channels`);
    this.sampleRate = audio.sampleRate;
    this.samples = audio.samples;
  }

  async start(onData: (chunk: Int16Array) => void): Promise<StopCapture> {
    const chunk = Math.round(this.sampleRate / 10);
    let offset = 0;
    let open = true;
    const pump = (): void => {
      if (!open) return;
      const part =
        offset < this.samples.length ? this.samples.slice(offset, offset + chunk) : new Int16Array(chunk);
      offset += chunk;
      onData(part);
      setImmediate(pump);
    };
    setImmediate(pump);
    return async () => {
      open = false;
    };
  }
}
