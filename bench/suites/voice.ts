import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AudioOutput } from '../../drivers/audio/types.js';
import { ManualClock } from '../../runtime/clock.js';
import { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../../domain/events.js';
import { createLogger } from '../../runtime/logger.js';
import { EspeakTts } from '../../voice/espeak-tts.js';
import { detectSegments } from '../../voice/recognition/vad.js';
import { VoskRecognizer } from '../../voice/recognition/vosk-recognizer.js';
import { readNumber } from '../../voice/vietnamese-numbers.js';
import { VoiceService } from '../../voice/voice-service.js';
import { durationSeconds, parseWav, type PcmAudio } from '../../runtime/wav.js';
import { percentile, timeIt, type BenchResult, type BenchSuite } from '../bench-types.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SUITE = 'voice';
const SYNTHETIC = resolve('../shared/data/audio/espeak-synthetic');
const PHRASES = {
  short: 'Mời nhận phiếu.',
  medium: 'Số thứ tự của bạn là A, không, hai, năm. Vui lòng chờ gọi số tại quầy số ba.',
  long: 'Xin chào. Bấm số một để lấy số thứ tự. Bấm số hai để tra cứu thủ tục. Bấm số ba để tra cứu hồ sơ. Bấm số bốn để đánh giá mức độ hài lòng. Bấm số năm để chọn lĩnh vực.',
};

/** A sound card that notes when the first byte arrives and plays instantly. */
class TimingAudio implements AudioOutput {
  readonly kind = 'timing';
  firstByteAt = 0;
  async open(): Promise<void> {}
  async play(): Promise<void> {
    this.firstByteAt = performance.now();
  }
  async setVolume(): Promise<void> {}
  async stop(): Promise<void> {}
  async close(): Promise<void> {}
}

function r(
  name: string,
  value: number,
  unit: string,
  better: 'lower' | 'higher',
  note?: string,
): BenchResult {
  return { suite: SUITE, name, value, unit, better, ...(note ? { note } : {}) };
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

const suite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchResult[]> {
    const out: BenchResult[] = [];
    const tts = new EspeakTts();

    // Synthesis latency and real-time factor per phrase (espeak-ng, no cache).
    for (const [size, text] of Object.entries(PHRASES)) {
      let seconds = 0;
      const times = await timeIt(
        async () => {
          const wav = await tts.synthesize(text, { lang: 'vi', rate: 150 });
          seconds = durationSeconds(parseWav(wav));
        },
        8,
        1,
      );
      const p50 = percentile(times, 50);
      out.push(
        r(
          `espeak synth ${size} phrase p50`,
          p50,
          'ms',
          'lower',
          `${seconds.toFixed(2)} s of audio, ${text.length} chars`,
        ),
      );
      out.push(
        r(
          `espeak real-time factor (${size})`,
          p50 / 1000 / seconds,
          'x',
          'lower',
          'synthesis time / audio duration',
        ),
      );
    }

    // Event -> first audio byte through VoiceService, uncached vs cached.
    const bus = new EventBus<KioskEvents>(createLogger('bench'));
    const audio = new TimingAudio();
    const voice = new VoiceService(
      tts,
      audio,
      bus,
      new ManualClock(),
      createLogger('bench-voice'),
      { enabled: true, rate: 150, volume: 80 },
      { cacheDir: mkdtempSync(join(tmpdir(), 'voice-bench-')), warmCache: false },
    );
    await voice.start({ signal: new AbortController().signal, fail: () => undefined });
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) {
      const text = `${PHRASES.medium} Lượt ${readNumber(i + 1)}.`;
      let t0 = performance.now();
      await voice.say(text);
      cold.push(audio.firstByteAt - t0);
      t0 = performance.now();
      await voice.say(text);
      warm.push(audio.firstByteAt - t0);
    }
    await voice.stop();
    out.push(
      r(
        'event -> first audio byte, uncached p50',
        percentile(cold, 50),
        'ms',
        'lower',
        'say() to AudioOutput.play(), espeak-ng, medium phrase',
      ),
    );
    out.push(
      r(
        'event -> first audio byte, cached p50',
        percentile(warm, 50),
        'ms',
        'lower',
        'target < 100 ms; disk cache hit',
      ),
    );
    out.push(r('event -> first audio byte, cached p95', percentile(warm, 95), 'ms', 'lower'));

    // VAD throughput on the shared espeak phrases (or a generated tone when absent).
    const clips: PcmAudio[] = existsSync(SYNTHETIC)
      ? readdirSync(SYNTHETIC)
          .filter((f) => f.endsWith('.wav'))
          .map((f) => parseWav(readFileSync(join(SYNTHETIC, f))))
      : [
          {
            sampleRate: 16_000,
            channels: 1,
            samples: new Int16Array(16_000 * 30).map((_, i) =>
              i % 32_000 < 16_000 ? Math.round(Math.sin(i / 5) * 8000) : 0,
            ),
          },
        ];
    const audioSeconds = clips.reduce((n, c) => n + durationSeconds(c), 0);
    const rssBefore = rssMiB();
    const vadTimes = await timeIt(
      () => {
        for (const c of clips) detectSegments(c.samples, { sampleRate: c.sampleRate });
      },
      10,
      2,
    );
    const vadMs = percentile(vadTimes, 50);
    out.push(
      r(
        'VAD throughput',
        audioSeconds / (vadMs / 1000),
        'x real time',
        'higher',
        `${audioSeconds.toFixed(1)} s of audio in ${vadMs.toFixed(1)} ms (${existsSync(SYNTHETIC) ? 'espeak-synthetic' : 'generated'})`,
      ),
    );

    // Vosk WASM worker: start + WASM init, until Kaldi rejects the layout fixture's fake data.
    const starts: number[] = [];
    let workerRss = 0;
    for (let i = 0; i < 3; i++) {
      const rec = new VoskRecognizer(createLogger('bench-vosk'));
      const t0 = performance.now();
      await rec
        .load(resolve('test/fixtures/voice/vosk-layout-complete'), { verify: false })
        .catch(() => undefined);
      starts.push(performance.now() - t0);
      workerRss = Math.max(workerRss, rssMiB() - rssBefore);
      await rec.close();
    }
    out.push(
      r(
        'Vosk worker start + WASM init',
        percentile(starts, 50),
        'ms',
        'lower',
        'median of 3; no real model here (fixture rejected by Kaldi)',
      ),
    );
    out.push(r('RSS growth after VAD + Vosk worker', workerRss, 'MiB', 'lower', 'process RSS delta'));

    const numberTimes = await timeIt(() => {
      for (let n = 0; n < 1000; n++) readNumber(n * 37);
    }, 20);
    out.push(
      r('Vietnamese number reading', 1000 / (percentile(numberTimes, 50) / 1000), 'numbers/s', 'higher'),
    );
    return out;
  },
};
export default suite;
