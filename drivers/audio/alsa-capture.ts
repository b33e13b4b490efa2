import { spawn } from 'node:child_process';
import { DriverError } from '../../runtime/errors.js';
import { alsaError, missingTool } from './alsa-errors.js';
import type { AudioInput } from './types.js';

/** Microphone capture with arecord: 16-bit little-endian mono WAV at the asked sample rate. */
export class AlsaCapture implements AudioInput {
  readonly kind = 'alsa';

  constructor(
    private readonly device: string,
    private readonly arecord = 'arecord',
  ) {}

  record(
    durationMs: number,
    options: { sampleRate?: number; signal?: AbortSignal } = {},
  ): Promise<Uint8Array> {
    if (!Number.isInteger(durationMs) || durationMs <= 0 || durationMs > 600_000)
      throw new TypeError(`durationMs: must be a whole number from 1 to 600000, got ${durationMs}`);
    const rate = options.sampleRate ?? 16_000;
    const samples = Math.round((durationMs / 1000) * rate);
    return new Promise<Uint8Array>((resolve, reject) => {
      if (options.signal?.aborted)
        return reject(new DriverError('audio', 'canceled', 'canceled', 'recording canceled'));
      const child = spawn(
        this.arecord,
        [
          '-q',
          '-D',
          this.device,
          '-f',
          'S16_LE',
          '-c',
          '1',
          '-r',
          String(rate),
          '-s',
          String(samples),
          '-t',
          'wav',
          '-',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const chunks: Buffer[] = [];
      let stderr = '';
      let aborted = false;
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const onAbort = (): void => {
        aborted = true;
        child.kill('SIGTERM');
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.once('error', (err) => reject(missingTool(this.arecord, err)));
      child.once('close', (code) => {
        options.signal?.removeEventListener('abort', onAbort);
        if (aborted) return reject(new DriverError('audio', 'canceled', 'canceled', 'recording canceled'));
        if (code !== 0) return reject(alsaError(this.arecord, this.device, code, stderr));
        resolve(new Uint8Array(Buffer.concat(chunks)));
      });
    });
  }
}
