import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DriverError } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { RecognizedText } from './grammar.js';
import { checkVoskModel } from './model-check.js';
import { ModelIncompleteError } from './model-install.js';
import { VOSK_WORKER_SOURCE } from './vosk-worker-source.js';

type WorkerMessage =
  | { event: 'kiosk-ready' }
  | { event: 'load'; result: boolean }
  | { event: 'error'; error?: string; recognizerId?: string }
  | {
      event: 'result';
      recognizerId: string;
      result: { text?: string; result?: { word: string; conf: number }[] };
    }
  | { event: 'partialresult'; recognizerId: string; result: { partial: string } }
  | undefined;

export interface VoskOptions {
  /** Loading a 30 MB model on a Pi takes seconds. Default 120 s. */
  loadTimeoutMs?: number;
  /** Per-utterance recognition timeout. Default 30 s. */
  recognizeTimeoutMs?: number;
}

const require = createRequire(import.meta.url);

function recognitionError(code: string, message: string, hint: string, cause?: unknown): DriverError {
  return new DriverError(
    'voice-recognizer',
    'device-fault',
    code,
    message,
    hint,
    cause ? { cause } : undefined,
  );
}

/**
 * Vosk (vosk-browser's WASM build, the same on arm64 and armv7) in a worker thread. The model is
 * read from a local folder; nothing goes over the network. One recognition at a time.
 */
export class VoskRecognizer {
  private worker: Worker | undefined;
  private inbox: WorkerMessage[] = [];
  private waiter: ((m: WorkerMessage) => void) | undefined;
  private failure: Error | undefined;
  private readonly output: string[] = [];
  private nextId = 1;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: Logger,
    private readonly options: VoskOptions = {},
  ) {}

  get loaded(): boolean {
    return this.worker !== undefined;
  }

  /** Lines the WASM code printed (Kaldi's own errors are here), most recent last. */
  get workerOutput(): readonly string[] {
    return this.output;
  }

  /**
   * Starts the worker and loads the model. The folder is checked first (ModelIncompleteError lists
   * what is missing); `verify: false` skips that, to see what Vosk itself says about a folder.
   */
  async load(modelDir: string, options: { verify?: boolean } = {}): Promise<void> {
    if (this.worker) return;
    if (options.verify !== false) {
      const report = checkVoskModel(modelDir);
      if (!report.ok) throw new ModelIncompleteError(report);
    }
    const worker = new Worker(VOSK_WORKER_SOURCE, {
      eval: true,
      workerData: { modelDir: resolve(modelDir), bundlePath: require.resolve('vosk-browser') },
      stdout: true,
      stderr: true,
    });
    this.worker = worker;
    this.failure = undefined;
    this.inbox = [];
    this.waiter = undefined;
    const capture = (stream: NodeJS.ReadableStream, level: 'debug' | 'warn') =>
      stream.on('data', (d: Buffer) => {
        for (const line of d.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          this.output.push(line);
          if (this.output.length > 200) this.output.shift();
          this.log[level]({ vosk: line }, 'recognizer output');
        }
      });
    capture(worker.stdout, 'debug');
    capture(worker.stderr, 'warn');
    // Events of a worker that was closed or replaced are ignored.
    worker.on('message', (m: WorkerMessage) => {
      if (this.worker === worker) this.deliver(m);
    });
    worker.on('error', (err) => {
      if (this.worker !== worker) return;
      this.failure = err;
      this.deliver({ event: 'error', error: err.message });
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.failure ??= new Error(`recognizer worker exited (${code})`);
      this.worker = undefined;
      this.deliver({ event: 'error', error: this.failure.message });
    });
    const timeout = this.options.loadTimeoutMs ?? 120_000;
    try {
      const ready = await this.next(timeout);
      if (ready?.event !== 'kiosk-ready') throw new Error(this.describe(ready, 'the worker did not start'));
      worker.postMessage({ action: 'load', modelUrl: 'model' });
      const loaded = await this.next(timeout);
      if (loaded?.event !== 'load' || !loaded.result)
        throw new Error(this.describe(loaded, 'the model did not load'));
    } catch (err) {
      await this.close();
      const kaldi = this.output
        .filter((l) => /ERROR|LOG \(|WARNING/.test(l))
        .slice(-3)
        .join(' | ');
      throw recognitionError(
        'model-load-failed',
        `Vosk could not load the model in ${modelDir}: ${err instanceof Error ? err.message : String(err)}${kaldi ? ` (${kaldi})` : ''}`,
        'install a complete model with "kiosk voice model install PATH" (vosk-model-small-vn-0.4, see docs/voice.md)',
        err,
      );
    }
  }

  /** Recognizes one utterance of 16-bit mono PCM, limited to `grammar` phrases (plus "[unk]"). */
  recognize(samples: Int16Array, sampleRate: number, grammar: readonly string[]): Promise<RecognizedText> {
    const run = this.busy.then(() => this.recognizeNow(samples, sampleRate, grammar));
    this.busy = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private async recognizeNow(
    samples: Int16Array,
    sampleRate: number,
    grammar: readonly string[],
  ): Promise<RecognizedText> {
    const worker = this.worker;
    if (!worker) throw recognitionError('not-loaded', 'no speech model loaded', 'call load() first');
    const id = `utt-${this.nextId++}`;
    const timeout = this.options.recognizeTimeoutMs ?? 30_000;
    worker.postMessage({ action: 'create', recognizerId: id, sampleRate, grammar: JSON.stringify(grammar) });
    const created = await this.next(timeout);
    if (created) throw new Error(this.describe(created, 'could not create a recognizer'));
    worker.postMessage({ action: 'set', recognizerId: id, key: 'words', value: true });
    const texts: string[] = [];
    const words: { word: string; conf: number }[] = [];
    const take = (m: WorkerMessage): void => {
      if (m?.event === 'error') throw new Error(this.describe(m, 'recognition failed'));
      if (m?.event === 'result') {
        if (m.result.text) texts.push(m.result.text);
        for (const w of m.result.result ?? []) words.push({ word: w.word, conf: w.conf });
      }
    };
    const chunk = 4000;
    for (let i = 0; i < samples.length; i += chunk) {
      const part = Float32Array.from(samples.subarray(i, Math.min(samples.length, i + chunk)));
      worker.postMessage({ action: 'audioChunk', recognizerId: id, data: part, sampleRate }, [part.buffer]);
      take(await this.next(timeout));
    }
    worker.postMessage({ action: 'remove', recognizerId: id });
    take(await this.next(timeout));
    return { text: texts.join(' ').trim(), words };
  }

  private describe(m: WorkerMessage, fallback: string): string {
    if (m?.event === 'error')
      return m.error ?? `${fallback} (Vosk gave no message; see the recognizer output)`;
    return `${fallback} (unexpected ${JSON.stringify(m)?.slice(0, 200)})`;
  }

  private deliver(m: WorkerMessage): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(m);
    } else this.inbox.push(m);
  }

  private next(timeoutMs: number): Promise<WorkerMessage> {
    if (this.inbox.length > 0) return Promise.resolve(this.inbox.shift());
    if (!this.worker) return Promise.reject(this.failure ?? new Error('recognizer worker is not running'));
    return new Promise((resolveMessage, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no answer from the recognizer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (m) => {
        clearTimeout(timer);
        resolveMessage(m);
      };
    });
  }
}
