import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSegments, EnergyVad } from '../../../voice/recognition/vad.js';
import { encodeWav, parseWav } from '../../../runtime/wav.js';
import { tempDir } from '../../helpers/sim-process.js';

const RATE = 16_000;
const SYNTHETIC = resolve('../shared/data/audio/espeak-synthetic');

/** Builds PCM from parts: [ms, 'tone' | 'silence' | 'noise', level (0..1)]. */
function compose(parts: [number, 'tone' | 'silence' | 'noise', number][]): Int16Array {
  const out: number[] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (const [ms, kind, level] of parts) {
    const n = (ms * RATE) / 1000;
    for (let i = 0; i < n; i++) {
      const v = kind === 'tone' ? Math.sin((2 * Math.PI * 440 * i) / RATE) : kind === 'noise' ? random() : 0;
      out.push(Math.round(v * level * 32767));
    }
  }
  return Int16Array.from(out);
}

describe('Voice recognition: energy VAD (generated fixture)', () => {
  const fixture = compose([
    [500, 'silence', 0],
    [1000, 'tone', 0.25],
    [600, 'silence', 0],
    [700, 'tone', 0.25],
    [1500, 'silence', 0],
  ]);

  it('finds speech bursts and ends an utterance after the configured silence', () => {
    const segments = detectSegments(fixture, { sampleRate: RATE, endSilenceMs: 400 });
    expect(segments).toHaveLength(2);
    expect(segments[0]?.startMs).toBeCloseTo(500, -2);
    expect(segments[0]?.endMs).toBeCloseTo(1500, -2);
    expect(segments[1]?.startMs).toBeCloseTo(2100, -2);
    expect(segments[1]?.endMs).toBeCloseTo(2800, -2);
    // A longer endpoint joins the two bursts into one utterance.
    expect(detectSegments(fixture, { sampleRate: RATE, endSilenceMs: 900 })).toHaveLength(1);
  });

  it('round-trips through a WAV file and works in any chunk size', () => {
    const path = join(tempDir('vad-'), 'tone-and-silence.wav');
    writeFileSync(path, encodeWav({ sampleRate: RATE, channels: 1, samples: fixture }));
    const audio = parseWav(readFileSync(path));
    const vad = new EnergyVad({ sampleRate: audio.sampleRate, endSilenceMs: 400 });
    const events = [];
    for (let i = 0; i < audio.samples.length; i += 333)
      events.push(...vad.push(audio.samples.subarray(i, i + 333)));
    events.push(...vad.end());
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end', 'speech-start', 'speech-end']);
  });

  it('a held button with silence or steady fan noise gives no speech; speech over noise is found', () => {
    expect(detectSegments(compose([[3000, 'silence', 0]]), { sampleRate: RATE })).toEqual([]);
    expect(detectSegments(compose([[3000, 'noise', 0.01]]), { sampleRate: RATE })).toEqual([]);
    const noisy = compose([
      [800, 'noise', 0.01],
      [800, 'tone', 0.3],
      [1500, 'noise', 0.01],
    ]);
    const segments = detectSegments(noisy, { sampleRate: RATE, endSilenceMs: 600 });
    expect(segments).toHaveLength(1);
    expect(segments[0]?.startMs).toBeCloseTo(800, -2);
  });

  it('rejects a bad sample rate naming the field', () => {
    expect(() => new EnergyVad({ sampleRate: 100 })).toThrow(/sampleRate: must be/);
  });
});

describe.skipIf(!existsSync(SYNTHETIC))(
  'Voice recognition: VAD on ../shared/data/audio/espeak-synthetic (skipped: shared data absent)',
  () => {
    it('finds the speech in every phrase and ends it soon after the phrase ends', () => {
      const lines = readFileSync(join(SYNTHETIC, 'transcripts.jsonl'), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(18);
      for (const line of lines) {
        const t = JSON.parse(line) as { file: string; duration_s: number; text: string };
        const audio = parseWav(readFileSync(join(SYNTHETIC, t.file)));
        expect(audio.sampleRate).toBe(16_000);
        const padded = new Int16Array(audio.samples.length + 2 * audio.sampleRate);
        padded.set(audio.samples);
        const vad = new EnergyVad({ sampleRate: audio.sampleRate, endSilenceMs: 900 });
        const events = vad.push(padded);
        const starts = events.filter((e) => e.type === 'speech-start');
        const ends = events.filter((e) => e.type === 'speech-end');
        expect(starts.length, t.file).toBeGreaterThanOrEqual(1);
        expect(starts[0]?.atMs, t.file).toBeLessThan(600);
        const lastEnd = ends.at(-1)?.atMs ?? 0;
        expect(lastEnd, t.file).toBeGreaterThan(t.duration_s * 1000 - 700);
        expect(lastEnd, t.file).toBeLessThanOrEqual(t.duration_s * 1000 + 50);
        expect(vad.speaking, `${t.file}: utterance ended by silence`).toBe(false);
      }
    });
  },
);

const REAL = resolve('../shared/data/audio/real-untranscribed');
describe.skipIf(!existsSync(REAL))(
  'Voice recognition: VAD on real read speech from ../shared/data/audio/real-untranscribed (skipped: shared data absent)',
  () => {
    it('finds speech in each recording and ends it after the trailing silence', () => {
      for (const file of readdirSync(REAL).filter((f) => f.endsWith('.wav'))) {
        const audio = parseWav(readFileSync(join(REAL, file)));
        const padded = new Int16Array(audio.samples.length + 2 * audio.sampleRate);
        padded.set(audio.samples);
        const segments = detectSegments(padded, { sampleRate: audio.sampleRate, endSilenceMs: 900 });
        const seconds = audio.samples.length / audio.sampleRate;
        expect(segments.length, file).toBeGreaterThanOrEqual(1);
        const speech = segments.reduce((n, s) => n + s.endMs - s.startMs, 0) / 1000;
        expect(speech, file).toBeGreaterThan(seconds * 0.4);
        expect(segments.at(-1)?.endMs ?? 0, file).toBeLessThanOrEqual(seconds * 1000 + 50);
      }
    });
  },
);
