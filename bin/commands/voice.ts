import { resolve } from 'node:path';
import type { Command } from 'commander';
import { errorMessage } from '../../runtime/errors.js';
import { checkVoskModel, describeReport } from '../../voice/recognition/model-check.js';
import {
  defaultModelDir,
  installVoskModel,
  ModelIncompleteError,
} from '../../voice/recognition/model-install.js';
import { createTts } from '../../voice/create-tts.js';
import { fixedPrompts } from '../../voice/prompts/index.js';
import { CachedTts, SynthesisCache } from '../../voice/synthesis-cache.js';
import { expandNumbers } from '../../voice/vietnamese-numbers.js';
import { loadConfigOrExit } from '../boot.js';

interface DirOptions {
  config?: string;
  dataDir?: string;
  to?: string;
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function registerVoiceCommands(program: Command): void {
  const voice = program.command('voice').description('voice guidance and voice commands');
  const model = voice.command('model').description('the Vosk speech model for push-to-talk commands');

  model
    .command('check')
    .description('check a Vosk model folder without installing it')
    .argument('<path>', 'model folder')
    .action((path: string) => {
      const report = checkVoskModel(resolve(path));
      (report.ok ? process.stdout : process.stderr).write(`${describeReport(report)}\n`);
      process.exitCode = report.ok ? 0 : 2;
    });

  model
    .command('install')
    .description(
      'check a Vosk model folder (am/ conf/ graph/ ivector/ ...) and install it; refuses incomplete ones',
    )
    .argument('<path>', 'model folder, e.g. vosk-model-small-vn-0.4')
    .option('--config <file>', 'config file')
    .option('--data-dir <dir>', 'data directory (default: config storage.dataDir)')
    .option('--to <dir>', 'install here instead of the configured model folder')
    .action(async (path: string, opts: DirOptions) => {
      const config = await loadConfigOrExit(opts.config, { 'storage.dataDir': opts.dataDir });
      const target = resolve(
        opts.to ?? config.voice.recognition.modelDir ?? defaultModelDir(config.storage.dataDir),
      );
      try {
        const installed = installVoskModel(resolve(path), target);
        print(
          `installed ${installed.name} (${installed.layout} layout, ${(installed.bytes / 1e6).toFixed(1)} MB, ${installed.files.length} files) to ${target}`,
        );
        if (!config.voice.recognition.enabled)
          print('voice commands are still off: set voice.recognition.enabled: true');
      } catch (err) {
        if (err instanceof ModelIncompleteError) {
          process.stderr.write(
            `${err.message}\nnothing was installed; the current model (if any) is unchanged.\n`,
          );
        } else process.stderr.write(`kiosk voice model install: ${errorMessage(err)}\n`);
        process.exitCode = 2;
      }
    });

  model
    .command('status')
    .description('show whether a usable model is installed')
    .option('--config <file>', 'config file')
    .option('--data-dir <dir>', 'data directory')
    .action(async (opts: DirOptions) => {
      const config = await loadConfigOrExit(opts.config, { 'storage.dataDir': opts.dataDir });
      const dir = resolve(config.voice.recognition.modelDir ?? defaultModelDir(config.storage.dataDir));
      const report = checkVoskModel(dir);
      print(report.ok ? describeReport(report) : `no usable model: ${describeReport(report)}`);
      print(
        `voice commands: ${config.voice.recognition.enabled ? (report.ok ? 'on' : 'off (no model)') : 'off (voice.recognition.enabled: false)'}`,
      );
      process.exitCode = report.ok ? 0 : 1;
    });

  voice
    .command('cache')
    .description(
      'synthesise every fixed prompt into the cache now (at install, so the first citizen waits for nothing)',
    )
    .option('--config <file>', 'config file')
    .option('--data-dir <dir>', 'data directory')
    .action(async (opts: DirOptions) => {
      const config = await loadConfigOrExit(opts.config, { 'storage.dataDir': opts.dataDir });
      const engine = createTts(config.voice);
      if (engine.kind === 'text') {
        print('voice.tts is "text": nothing to synthesise');
        return;
      }
      const cache = new SynthesisCache(resolve(config.storage.dataDir, 'voice-cache'), {
        maxEntries: config.voice.cacheMaxEntries,
        maxBytes: config.voice.cacheMaxMegabytes * 1024 * 1024,
      });
      cache.open();
      const tts = new CachedTts(engine, cache);
      const t0 = performance.now();
      let made = 0;
      const keys = new Set<string>();
      try {
        for (const p of fixedPrompts()) {
          const text = p.lang === 'vi' ? expandNumbers(p.text, config.voice.numberStyle) : p.text;
          const options = { lang: p.lang, rate: config.voice.rate, pitch: config.voice.pitch };
          keys.add(tts.keyFor(text, options));
          if (!cache.has(tts.keyFor(text, options))) made++;
          await tts.synthesize(text, options, true);
        }
      } catch (err) {
        process.stderr.write(`kiosk voice cache: ${errorMessage(err)}\n`);
        process.exitCode = 2;
        return;
      }
      const pruned = cache.prunePinned(keys);
      const size = cache.size;
      print(
        `${fixedPrompts().length} prompts cached (${made} new, ${pruned} outdated removed) in ${Math.round(performance.now() - t0)} ms; cache ${size.entries} files, ${(size.bytes / 1e6).toFixed(1)} MB at ${cache.dir}`,
      );
    });
}
