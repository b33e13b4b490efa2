import { spawn, type ChildProcess } from 'node:child_process';
import { DriverError } from '../../runtime/errors.js';
import { alsaError, missingTool } from './alsa-errors.js';
import type { AudioOutput } from './types.js';

export interface AlsaAudioOptions {
  /** ALSA PCM for aplay -D, e.g. default, plughw:CARD=Headphones, null. */
  device: string;
  /** amixer simple control for volume, e.g. Master or PCM. */
  mixerControl: string;
  /** amixer card (-c); empty = default card. */
  mixerCard?: string;
  /** Tool names (or paths). */
  aplay?: string;
  amixer?: string;
}

/** Runs a tool to completion; resolves with stderr, rejects on spawn failure. */
function run(
  cmd: string,
  args: string[],
  input?: Uint8Array,
): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
} {
  const child = spawn(cmd, args, { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  if (input && child.stdin) {
    child.stdin.on('error', () => undefined); // EPIPE when aplay exits early; its exit code says why
    child.stdin.end(Buffer.from(input));
  }
  return { child, done };
}

/**
 * Sound through ALSA with aplay (one sound at a time; a new play() waits for the previous one)
 * and volume with amixer. stop() and an aborted signal end playback with DriverError('canceled').
 */
export class AlsaAudio implements AudioOutput {
  readonly kind = 'alsa';
  private current: ChildProcess | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: AlsaAudioOptions) {}

  /** Checks aplay is installed (the device itself is only known to work once a sound plays). */
  async open(): Promise<void> {
    const tool = this.options.aplay ?? 'aplay';
    try {
      await run(tool, ['--version']).done;
    } catch (err) {
      throw missingTool(tool, err);
    }
  }

  play(wav: Uint8Array, signal?: AbortSignal): Promise<void> {
    const task = async (): Promise<void> => {
      if (signal?.aborted) throw new DriverError('audio', 'canceled', 'canceled', 'playback canceled');
      const tool = this.options.aplay ?? 'aplay';
      const { child, done } = run(tool, ['-q', '-D', this.options.device, '-'], wav);
      this.current = child;
      this.stopping = false;
      const onAbort = (): void => {
        this.stopping = true;
        child.kill('SIGTERM');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await done.catch((err: unknown) => {
          throw missingTool(tool, err);
        });
        if (this.stopping || result.signal)
          throw new DriverError('audio', 'canceled', 'canceled', 'playback canceled');
        if (result.code !== 0) throw alsaError(tool, this.options.device, result.code, result.stderr);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (this.current === child) this.current = undefined;
      }
    };
    const result = this.chain.then(task, task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  async setVolume(volume: number): Promise<void> {
    if (!Number.isInteger(volume) || volume < 0 || volume > 100)
      throw new TypeError(`volume: must be a whole number from 0 to 100, got ${volume}`);
    const tool = this.options.amixer ?? 'amixer';
    const card = this.options.mixerCard ? ['-c', this.options.mixerCard] : [];
    const result = await run(tool, [
      ...card,
      '-q',
      '-M',
      'sset',
      this.options.mixerControl,
      `${volume}%`,
    ]).done.catch((err: unknown) => {
      throw missingTool(tool, err);
    });
    if (result.code !== 0)
      throw alsaError(tool, this.options.mixerCard || 'default card', result.code, result.stderr);
  }

  async stop(): Promise<void> {
    if (!this.current) return;
    this.stopping = true;
    this.current.kill('SIGTERM');
  }

  async close(): Promise<void> {
    await this.stop();
    await this.chain;
  }
}
