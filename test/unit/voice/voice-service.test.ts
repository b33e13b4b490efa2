import { describe, expect, it } from 'vitest';
import type { AudioOutput } from '../../../drivers/audio/types.js';
import { MockAudio } from '../../../hardware-mocks/audio.js';
import { ManualClock } from '../../../runtime/clock.js';
import { DriverError } from '../../../runtime/errors.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { createLogger } from '../../../runtime/logger.js';
import type { TextToSpeech, TtsOptions } from '../../../voice/tts.js';
import { VoiceService, type VoiceOptions } from '../../../voice/voice-service.js';
import { encodeWav, parseWav } from '../../../runtime/wav.js';
import { tempDir } from '../../helpers/sim-process.js';
import { cacheKey } from '../../../voice/synthesis-cache.js';
import { fixedPrompts } from '../../../voice/prompts/index.js';
import { inVietnamese } from '../../../runtime/text/speech-marks.js';
import { readdirSync } from 'node:fs';

const ctx = { signal: new AbortController().signal, fail: () => undefined };

/** A deterministic engine: 1 ms of tone per character, so the WAV identifies the text. */
class ToneTts implements TextToSpeech {
  readonly kind = 'tone';
  readonly calls: { text: string; options: TtsOptions }[] = [];
  async synthesize(text: string, options: TtsOptions): Promise<Uint8Array> {
    this.calls.push({ text, options });
    const samples = new Int16Array(16 * text.length).map((_, i) => (i % 16 < 8 ? 8000 : -8000));
    return encodeWav({ sampleRate: 16_000, channels: 1, samples });
  }
}

/** A sound card whose playback lasts until `finish()` or until aborted, like aplay. */
class HeldAudio implements AudioOutput {
  readonly kind = 'held';
  readonly started: number[] = [];
  readonly finished: number[] = [];
  readonly canceled: number[] = [];
  volumes: number[] = [];
  private release: (() => void) | undefined;
  async open(): Promise<void> {}
  play(wav: Uint8Array, signal?: AbortSignal): Promise<void> {
    const chars = parseWav(wav).samples.length / 16;
    this.started.push(chars);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.canceled.push(chars);
        reject(new DriverError('audio', 'canceled', 'canceled', 'playback canceled'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.release = () => {
        signal?.removeEventListener('abort', onAbort);
        this.finished.push(chars);
        resolve();
      };
    });
  }
  finish(): void {
    const r = this.release;
    this.release = undefined;
    r?.();
  }
  async setVolume(v: number): Promise<void> {
    this.volumes.push(v);
  }
  async stop(): Promise<void> {}
  async close(): Promise<void> {}
}

const tick = () => new Promise((r) => setImmediate(r));

function make(audio: AudioOutput, options: Partial<VoiceOptions> = {}, cacheDir?: string) {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0)); // 08:00 in Hà Nội
  const bus = new EventBus<KioskEvents>(createLogger('test'));
  const tts = new ToneTts();
  const voice = new VoiceService(
    tts,
    audio,
    bus,
    clock,
    createLogger('voice'),
    { enabled: true, rate: 150, volume: 80, ...options },
    { timeZone: 'Asia/Ho_Chi_Minh', warmCache: false, ...(cacheDir ? { cacheDir } : {}) },
  );
  return { voice, bus, clock, tts };
}

describe('Voice: playback queue', () => {
  it('never overlaps: info waits, alert goes before info, interrupt stops all', async () => {
    const audio = new HeldAudio();
    const { voice } = make(audio);
    await voice.start(ctx);
    void voice.say('aaaa'); // 4
    await tick();
    void voice.say('bbbbbbbbbb', { priority: 'info' }); // 10
    void voice.say('cccccc', { priority: 'alert' }); // 6
    await tick();
    expect(audio.started).toEqual([4]);
    audio.finish();
    await tick();
    await tick();
    expect(audio.started).toEqual([4, 6]);
    audio.finish();
    await tick();
    await tick();
    expect(audio.started).toEqual([4, 6, 10]);
    void voice.say('dd', { priority: 'info' });
    const screen = voice.say('eee'); // a new screen interrupts the 10 and drops "dd"
    await tick();
    await tick();
    expect(audio.canceled).toEqual([10]);
    expect(audio.started).toEqual([4, 6, 10, 3]);
    audio.finish();
    await screen;
    expect(audio.finished).toEqual([4, 6, 3]);
    await voice.stop();
  });

  it('a button press or touch interrupts speech (barge-in), and repeat says the last thing again', async () => {
    const audio = new HeldAudio();
    const { voice, bus, clock } = make(audio);
    await voice.start(ctx);
    const first = voice.say('Xin chào');
    await tick();
    expect(audio.started).toHaveLength(1);
    bus.emit('input.button', { id: 'down', action: 'press', at: clock.now() });
    await first;
    expect(audio.canceled).toEqual([8]);
    void voice.say('abc');
    await tick();
    bus.emit('input.touch', { x: 1, y: 1, phase: 'down', at: clock.now() });
    await tick();
    expect(audio.canceled).toEqual([8, 3]);
    const again = voice.repeatLast();
    await tick();
    await tick();
    expect(audio.started.at(-1)).toBe(3);
    audio.finish();
    await again;
    expect(voice.transcript.map((u) => u.text)).toEqual(['Xin chào', 'abc', 'abc']);
    await voice.stop();
  });

  it('lowers the volume in quiet hours and follows set-volume', async () => {
    const audio = new MockAudio();
    const { voice, clock } = make(audio, { quietHours: ['21:00-07:30'], quietVolume: 25, volume: 90 });
    await voice.start(ctx);
    expect(audio.volume).toBe(90); // 08:00
    clock.advance(13 * 3_600_000 + 30 * 60_000); // 21:30
    expect(voice.effectiveVolume()).toBe(25);
    await voice.say('đêm');
    expect(audio.volume).toBe(25);
    clock.advance(10 * 3_600_000); // 07:30 next day: no longer quiet
    await voice.say('sáng');
    expect(audio.volume).toBe(90);
    expect(voice.volume()).toBe(90);
    await voice.setVolume(40);
    expect(audio.volume).toBe(40);
    expect(voice.volume()).toBe(40);
    await expect(voice.setVolume(101)).rejects.toThrow(/volume: must be/);
    expect(() => voice.setRate(10)).toThrow(/rate: must be/);
    expect(audio.played).toHaveLength(2);
    await voice.stop();
  });

  it('follows a config reload of the same options object (volume, rate, quiet hours)', async () => {
    const audio = new MockAudio();
    const options: VoiceOptions = { enabled: true, rate: 150, volume: 70 };
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 1, 0, 0));
    const tts = new ToneTts();
    const voice = new VoiceService(
      tts,
      audio,
      new EventBus<KioskEvents>(createLogger('t')),
      clock,
      createLogger('v'),
      options,
      {
        warmCache: false,
      },
    );
    await voice.start(ctx);
    Object.assign(options, { volume: 55, rate: 190, quietHours: ['07:00-09:00'], quietVolume: 20 });
    await voice.say('một');
    expect(audio.volume).toBe(20);
    expect(tts.calls[0]?.options.rate).toBe(190);
    Object.assign(options, { quietHours: [] });
    await voice.say('hai');
    expect(audio.volume).toBe(55);
    await voice.stop();
  });

  it('expands numbers for Vietnamese speech in the configured ticket style, transcript unchanged', async () => {
    const audio = new MockAudio();
    const { voice, tts } = make(audio, { numberStyle: 'number', rate: 180 });
    await voice.start(ctx);
    voice.setRate(200);
    await voice.say('Mời số A-025 đến quầy số 3');
    expect(tts.calls[0]?.text).toBe('Mời số A, hai mươi lăm đến quầy số ba');
    expect(tts.calls[0]?.options.rate).toBe(200);
    expect(voice.transcript[0]?.text).toBe('Mời số A-025 đến quầy số 3');
    const id = voice.transcript[0]?.id ?? 0;
    expect(voice.audioOf(id)).toBeDefined();
    await voice.sayPrompt('ticket.number', { vars: { number: 'B-105' } });
    expect(tts.calls[1]?.text).toBe('Số thứ tự của bạn là B, một trăm lẻ năm.');
    await voice.stop();
  });

  it('keeps speaking to the transcript when the sound card is unplugged', async () => {
    const audio = new MockAudio();
    audio.unplugged = true;
    const { voice } = make(audio);
    await voice.start(ctx);
    await voice.say('Xin chào');
    expect(voice.transcript).toHaveLength(1);
    expect(audio.played).toHaveLength(0);
    await voice.stop();
  });

  it('synthesises a phrase once and plays it from the disk cache within the session', async () => {
    const dir = tempDir('voice-cache-');
    const audio = new MockAudio();
    const first = make(audio, {}, dir);
    await first.voice.start(ctx);
    await first.voice.say('Mời nhận phiếu');
    await first.voice.say('Mời nhận phiếu');
    expect(first.tts.calls).toHaveLength(1);
    expect(first.voice.cache?.hits).toBe(1);
    await first.voice.stop();
    expect(Buffer.from(audio.played[1] ?? []).equals(Buffer.from(audio.played[0] ?? []))).toBe(true);
    const second = make(audio, {}, dir); // after a restart only pinned prompts are kept
    await second.voice.start(ctx);
    await second.voice.say('Mời nhận phiếu');
    expect(second.tts.calls).toHaveLength(1);
    await second.voice.stop();
  });

  it('caches every fixed prompt at start, once; later starts synthesise nothing', async () => {
    const dir = tempDir('voice-cache-');
    const build = () => {
      const tts = new ToneTts();
      const voice = new VoiceService(
        tts,
        new MockAudio(),
        new EventBus<KioskEvents>(createLogger('t')),
        new ManualClock(),
        createLogger('v'),
        { enabled: true, rate: 150, volume: 80 },
        { cacheDir: dir },
      );
      return { tts, voice };
    };
    const first = build();
    await first.voice.start(ctx);
    await first.voice.warmed;
    expect(first.tts.calls).toHaveLength(fixedPrompts().length);
    expect(first.voice.cache?.size.pinned).toBe(fixedPrompts().length);
    await first.voice.stop();
    const second = build();
    await second.voice.start(ctx);
    await second.voice.warmed;
    expect(second.tts.calls).toHaveLength(0);
    await second.voice.stop();
  });

  it('removes on-demand WAVs (a greeting by name) from the disk cache when the session ends', async () => {
    const dir = tempDir('voice-cache-');
    const { voice, bus } = make(new MockAudio(), {}, dir);
    await voice.start(ctx);
    const cache = voice.cache;
    if (!cache) throw new Error('no cache');
    const pinned = cacheKey('tone', 'vi', 150, 50, 'Mời nhận phiếu.');
    await cache.put(pinned, encodeWav({ sampleRate: 8000, channels: 1, samples: new Int16Array(8) }), true);
    await voice.say('Xin chào ông Nguyễn Văn An');
    expect(readdirSync(dir)).toHaveLength(2);
    bus.emit('session.ended', { reason: 'idle' });
    await voice.forgotten;
    expect(readdirSync(dir)).toEqual([`${pinned}.wav`]);
    expect(voice.transcript).toEqual([]);
    await voice.stop();
  });
});

describe('Voice: a Vietnamese name in English speech (#14)', () => {
  it('is said with the Vietnamese voice, the rest with the English one, as one WAV; repeat says it the same way', async () => {
    const audio = new MockAudio();
    const { voice, tts } = make(audio);
    await voice.start(ctx);
    const text = `Procedure: ${inVietnamese('Đăng ký thường trú', 'en')}. Press 1 to rate.`;
    await voice.say(text, { lang: 'en' });
    expect(tts.calls.map((c) => [c.text, c.options.lang])).toEqual([
      ['Procedure:', 'en'],
      ['Đăng ký thường trú', 'vi'],
      ['. Press 1 to rate.', 'en'],
    ]);
    // The transcript reads as written, without the marks; one WAV of the three runs is played.
    expect(voice.transcript.at(-1)?.text).toBe('Procedure: Đăng ký thường trú. Press 1 to rate.');
    expect(audio.played).toHaveLength(1);
    const played = parseWav(audio.played[0] ?? new Uint8Array()).samples.length / 16;
    expect(played).toBe('Procedure:'.length + 'Đăng ký thường trú'.length + '. Press 1 to rate.'.length);
    await voice.repeatLast();
    expect(tts.calls.slice(3).map((c) => c.options.lang)).toEqual(['en', 'vi', 'en']);
    // Vietnamese speech says it as it is, in one run.
    await voice.say(`Thủ tục ${inVietnamese('Đăng ký thường trú', 'vi')}.`, { lang: 'vi' });
    expect(tts.calls.at(-1)?.options.lang).toBe('vi');
    expect(tts.calls.at(-1)?.text).toBe('Thủ tục Đăng ký thường trú.');
    await voice.stop();
  });
});
