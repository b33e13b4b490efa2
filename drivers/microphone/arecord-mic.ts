import { spawn, type ChildProcess } from 'node:child_process';
import { DriverError } from '../../runtime/errors.js';

/** Stops a capture; resolves when the microphone is closed. */
export type StopCapture = () => Promise<void>;

/**
 * A microphone that is open only while capturing (push-to-talk): start() opens it and delivers
 * 16-bit mono PCM chunks until the returned stop() closes it. Nothing is stored.
 */
export interface MicInput {
  readonly kind: string;
  readonly sampleRate: number;
  start(onData: (chunk: Int16Array) => void): Promise<StopCapture>;
}

/** ALSA capture with `arecord` (alsa-utils), raw 16-bit mono, for real kiosks. */
export class ArecordMic implements MicInput {
  readonly kind = 'arecord';

  constructor(
    private readonly device: string,
    readonly sampleRate = 16_000,
  ) {}

  async start(onData: (chunk: Int16Array) => void): Promise<StopCapture> {
    const child: ChildProcess = spawn(
      'arecord',
      ['-q', '-D', this.device, '-f', 'S16_LE', '-c', '1', '-r', String(this.sampleRate), '-t', 'raw'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let carry = Buffer.alloc(0);
    child.stdout?.on('data', (d: Buffer) => {
      const buf = Buffer.concat([carry, d]);
      const whole = buf.length - (buf.length % 2);
      carry = buf.subarray(whole);
      const samples = new Int16Array(whole / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(i * 2);
      onData(samples);
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new DriverError(
            'microphone',
            'disconnected',
            err.code === 'ENOENT' ? 'arecord-missing' : 'capture-failed',
            `cannot record from ${this.device}: ${err.message}`,
            err.code === 'ENOENT'
              ? 'install alsa-utils (apt-get install alsa-utils)'
              : 'check audio.captureDevice with "arecord -l"',
          ),
        ),
      );
    });
    return async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    };
  }
}
