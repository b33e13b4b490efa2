import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DriverError } from '../runtime/errors.js';
import type { TextToSpeech, TtsOptions } from './tts.js';
import { encodeWav } from '../runtime/wav.js';

/** What a Piper voice folder must hold for sherpa-onnx. */
export interface PiperFiles {
  model: string;
  tokens: string;
  dataDir: string;
}

/**
 * Checks a Piper voice folder (e.g. vits-piper-vi_VN-vais1000-medium): one `.onnx` model,
 * `tokens.txt` and the `espeak-ng-data/` folder. Returns the paths, or the list of what is missing.
 */
export function checkPiperFolder(dir: string): { files?: PiperFiles; missing: string[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { missing: [`${dir} (folder)`] };
  const models = readdirSync(dir).filter((f) => f.endsWith('.onnx'));
  const missing: string[] = [];
  if (models.length === 0) missing.push('*.onnx (the voice model)');
  const tokens = join(dir, 'tokens.txt');
  if (!existsSync(tokens)) missing.push('tokens.txt');
  const dataDir = join(dir, 'espeak-ng-data');
  if (!existsSync(join(dataDir, 'phontab'))) missing.push('espeak-ng-data/ (with phontab)');
  const model = models[0];
  return missing.length === 0 && model
    ? { files: { model: join(dir, model), tokens, dataDir }, missing }
    : { missing };
}

interface SherpaAudio {
  samples: Float32Array;
  sampleRate: number;
}
interface SherpaTts {
  generate(request: { text: string; sid: number; speed: number }): SherpaAudio;
}
type SherpaModule = {
  OfflineTts: new (config: {
    model: { vits: { model: string; tokens: string; dataDir: string }; numThreads: number; provider: string };
    maxNumSentences: number;
  }) => SherpaTts;
};

function isSherpaModule(value: unknown): value is SherpaModule {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'OfflineTts') === 'function'
  );
}

/**
 * A neural Piper voice through sherpa-onnx-node. Optional: the npm package is not a dependency of
 * the kiosk (install it with `npm install sherpa-onnx-node` on kiosks that use it) and the voice
 * folder is installed by the operator. check() says exactly which of the two is missing.
 */
export class PiperTts implements TextToSpeech {
  readonly kind = 'piper';
  private engine: SherpaTts | undefined;

  constructor(
    private readonly modelDir: string,
    private readonly loadModule: () => Promise<unknown> = () => import(PIPER_PACKAGE),
  ) {}

  voiceFor(): string {
    return `piper:${this.modelDir}`;
  }

  async check(): Promise<void> {
    await this.load();
  }

  async synthesize(text: string, options: TtsOptions): Promise<Uint8Array> {
    const engine = await this.load();
    const audio = engine.generate({ text: text.normalize('NFC'), sid: 0, speed: options.rate / 150 });
    const samples = new Int16Array(audio.samples.length);
    for (let i = 0; i < samples.length; i++) {
      samples[i] = Math.max(-32768, Math.min(32767, Math.round((audio.samples[i] ?? 0) * 32767)));
    }
    return encodeWav({ sampleRate: audio.sampleRate, channels: 1, samples });
  }

  private async load(): Promise<SherpaTts> {
    if (this.engine) return this.engine;
    const { files, missing } = checkPiperFolder(this.modelDir);
    if (!files) {
      throw new DriverError(
        'tts',
        'device-fault',
        'piper-model-missing',
        `Piper voice in ${this.modelDir} is incomplete; missing: ${missing.join(', ')}`,
        'copy a Piper voice folder (see docs/voice.md) there, set voice.piperModelDir, or use voice.tts "espeak"',
      );
    }
    let mod: unknown;
    try {
      mod = await this.loadModule();
    } catch (err) {
      throw new DriverError(
        'tts',
        'device-fault',
        'piper-runtime-missing',
        `${PIPER_PACKAGE} is not installed`,
        `run "npm install ${PIPER_PACKAGE}" in the kiosk folder (linux x64/arm64 only), or use voice.tts "espeak"`,
        { cause: err },
      );
    }
    const ns = isSherpaModule(mod) ? mod : Reflect.get(Object(mod), 'default');
    if (!isSherpaModule(ns)) {
      throw new DriverError(
        'tts',
        'device-fault',
        'piper-runtime-invalid',
        `${PIPER_PACKAGE} has no OfflineTts`,
      );
    }
    this.engine = new ns.OfflineTts({
      model: {
        vits: { model: files.model, tokens: files.tokens, dataDir: files.dataDir },
        numThreads: 1,
        provider: 'cpu',
      },
      maxNumSentences: 1,
    });
    return this.engine;
  }
}

/** The optional runtime package (not a dependency; see docs/voice.md). */
export const PIPER_PACKAGE = 'sherpa-onnx-node';
