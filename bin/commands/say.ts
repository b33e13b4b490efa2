import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { createAudio } from '../../app/hardware.js';
import { errorMessage } from '../../runtime/errors.js';
import { EspeakTts } from '../../voice/espeak-tts.js';
import { PiperTts } from '../../voice/piper-tts.js';
import type { SpeechLang, TextToSpeech } from '../../voice/tts.js';
import { expandNumbers } from '../../voice/vietnamese-numbers.js';
import { durationSeconds, parseWav, scaleVolume } from '../../runtime/wav.js';
import { loadConfigOrExit } from '../boot.js';

interface SayOptions {
  voice?: string;
  rate?: number;
  pitch?: number;
  volume?: number;
  lang: SpeechLang;
  engine?: 'espeak' | 'piper';
  out?: string;
  config?: string;
}

function intOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name}: must be a whole number ${min}-${max}, got ${value}`);
    }
    return n;
  };
}

export function registerSayCommand(program: Command): void {
  program
    .command('say')
    .description('speak TEXT with the kiosk voice, or write it to a WAV file (--out)')
    .argument('<text>', 'what to say (Vietnamese with diacritics, numbers are read the Vietnamese way)')
    .option(
      '--voice <voice>',
      'espeak-ng voice: vi, vi-vn-x-central, vi-vn-x-south, en (default: config voice.voice)',
    )
    .option(
      '--rate <wpm>',
      'words per minute 80-400 (default: config voice.rate)',
      intOption('--rate', 80, 400),
    )
    .option('--pitch <n>', 'pitch 0-99 (default: config voice.pitch)', intOption('--pitch', 0, 99))
    .option('--volume <n>', 'volume 0-100 (default: config voice.volume)', intOption('--volume', 0, 100))
    .option(
      '--lang <lang>',
      'vi or en',
      (v: string) => {
        if (v !== 'vi' && v !== 'en') throw new InvalidArgumentError(`--lang: must be vi or en, got ${v}`);
        return v;
      },
      'vi',
    )
    .option('--engine <engine>', 'espeak or piper (default: config voice.tts; "text" means espeak here)')
    .option('--out <file.wav>', 'write the WAV here instead of playing it')
    .option('--config <file>', 'config file')
    .action(async (text: string, opts: SayOptions) => {
      const config = await loadConfigOrExit(opts.config, {});
      const voice = config.voice;
      const engineName = opts.engine ?? (voice.tts === 'piper' ? 'piper' : 'espeak');
      const tts: TextToSpeech =
        engineName === 'piper'
          ? new PiperTts(voice.piperModelDir)
          : new EspeakTts({ voices: { vi: voice.voice, en: voice.englishVoice }, pitch: voice.pitch });
      const spoken = opts.lang === 'vi' ? expandNumbers(text.normalize('NFC'), voice.numberStyle) : text;
      try {
        const wav = await tts.synthesize(spoken, {
          lang: opts.lang,
          rate: opts.rate ?? voice.rate,
          ...(opts.voice ? { voice: opts.voice } : {}),
          ...(opts.pitch === undefined ? {} : { pitch: opts.pitch }),
        });
        if (!wav) throw new Error(`engine ${engineName} produced no audio`);
        const volume = opts.volume ?? voice.volume;
        const audio = parseWav(wav);
        const summary = `${durationSeconds(audio).toFixed(2)} s, ${audio.sampleRate} Hz, ${engineName} voice ${opts.voice ?? (opts.lang === 'vi' ? voice.voice : voice.englishVoice)}`;
        if (opts.out) {
          writeFileSync(opts.out, scaleVolume(wav, volume / 100));
          process.stderr.write(`wrote ${opts.out}: ${summary}\n`);
          return;
        }
        const output = createAudio(config.audio);
        await output.open();
        await output.setVolume(volume);
        await output.play(wav);
        await output.close();
        process.stderr.write(`played on ${output.kind}: ${summary}\n`);
      } catch (err) {
        const hint = err instanceof Error && 'hint' in err && err.hint ? `\n  hint: ${String(err.hint)}` : '';
        process.stderr.write(`kiosk say: ${errorMessage(err)}${hint}\n`);
        process.exitCode = 2;
      }
    });
}
