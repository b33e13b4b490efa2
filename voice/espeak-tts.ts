import { spawn } from 'node:child_process';
import { DriverError } from '../runtime/errors.js';
import type { TextToSpeech, TtsOptions } from './tts.js';
import { fixWavSizes } from '../runtime/wav.js';

/** Vietnamese espeak-ng voices (regions) shipped by the Debian package. */
export const ESPEAK_VI_VOICES = ['vi', 'vi-vn-x-central', 'vi-vn-x-south'] as const;

export interface EspeakOptions {
  /** Executable name or path. Default `espeak-ng`. */
  binary?: string;
  /** Voice per language. Default `{ vi: 'vi', en: 'en' }`. */
  voices?: { vi: string; en: string };
  /** Default pitch 0-99. Default 50. */
  pitch?: number;
  /** espeak-ng amplitude 0-200. Default 100. */
  amplitude?: number;
  /** Kill a synthesis that takes longer than this. Default 20 s. */
  timeoutMs?: number;
}

/**
 * espeak-ng, run once per phrase with the text on stdin (UTF-8, so diacritics and đ survive) and the
 * WAV read from stdout. Offline, small, robotic; the default engine for real kiosks.
 */
export class EspeakTts implements TextToSpeech {
  readonly kind = 'espeak';
  private readonly opts: Required<EspeakOptions>;

  constructor(options: EspeakOptions = {}) {
    this.opts = {
      binary: options.binary ?? 'espeak-ng',
      voices: options.voices ?? { vi: 'vi', en: 'en' },
      pitch: options.pitch ?? 50,
      amplitude: options.amplitude ?? 100,
      timeoutMs: options.timeoutMs ?? 20_000,
    };
  }

  voiceFor(options: TtsOptions): string {
    return options.voice ?? this.opts.voices[options.lang];
  }

  /** Runs each configured voice once (espeak-ng falls back to a voice's language, as it does when speaking). */
  async check(): Promise<void> {
    for (const voice of new Set(Object.values(this.opts.voices))) {
      await this.run(['-q', '-b', '1', '-v', voice], 'a');
    }
  }

  async synthesize(text: string, options: TtsOptions): Promise<Uint8Array> {
    if (!Number.isInteger(options.rate) || options.rate < 80 || options.rate > 400) {
      throw new TypeError(`rate: must be a whole number of words per minute 80-400, got ${options.rate}`);
    }
    const pitch = options.pitch ?? this.opts.pitch;
    if (!Number.isInteger(pitch) || pitch < 0 || pitch > 99) {
      throw new TypeError(`pitch: must be a whole number 0-99, got ${pitch}`);
    }
    const args = [
      '--stdout',
      '-b',
      '1',
      '-v',
      this.voiceFor(options),
      '-s',
      String(options.rate),
      '-p',
      String(pitch),
      '-a',
      String(this.opts.amplitude),
    ];
    const wav = await this.run(args, text.normalize('NFC'));
    return fixWavSizes(wav);
  }

  private run(args: string[], stdin: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const timer = setTimeout(() => child.kill('SIGKILL'), this.opts.timeoutMs);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.stdin.on('error', () => undefined);
      child.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          e.code === 'ENOENT'
            ? new DriverError(
                'tts',
                'device-fault',
                'espeak-missing',
                `${this.opts.binary} is not installed`,
                'install it with "apt-get install espeak-ng", or set voice.tts to "text"',
                { cause: e },
              )
            : new DriverError(
                'tts',
                'device-fault',
                'espeak-failed',
                `could not run espeak-ng: ${e.message}`,
              ),
        );
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        const stderr = Buffer.concat(err).toString('utf8').trim();
        if (code === 0) return resolve(Buffer.concat(out));
        const voiceMissing = /voice does not exist/i.test(stderr);
        reject(
          new DriverError(
            'tts',
            signal ? 'timeout' : 'device-fault',
            voiceMissing ? 'voice-missing' : 'espeak-failed',
            signal
              ? `espeak-ng took longer than ${this.opts.timeoutMs} ms`
              : `espeak-ng failed (exit ${code}): ${stderr || 'no message'}`,
            voiceMissing
              ? `check voice.voice; Vietnamese voices are ${ESPEAK_VI_VOICES.join(', ')}`
              : 'run "espeak-ng -v vi test" on the kiosk to see the problem',
          ),
        );
      });
      child.stdin.end(stdin, 'utf8');
    });
  }
}
