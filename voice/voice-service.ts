import type { AudioOutput } from '../drivers/audio/types.js';
import type { Clock } from '../runtime/clock.js';
import { errorMessage } from '../runtime/errors.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Service, ServiceContext } from '../runtime/service.js';
import { fixedPrompts, promptText, type PromptKey, type PromptVars } from './prompts/index.js';
import { inQuietHours, parseQuietHours } from './quiet-hours.js';
import type { TimeWindow } from '../runtime/time-windows.js';
import { SpeechQueue, type SpeechPriority } from './speech-queue.js';
import { CachedTts, SynthesisCache } from './synthesis-cache.js';
import type { SpeechLang, TextToSpeech, TtsOptions } from './tts.js';
import { expandNumbers, type TicketReadingStyle } from './vietnamese-numbers.js';
import { plainSpeech } from '../runtime/text/speech-marks.js';
import { speechParts, type SpeechPart } from './speech-parts.js';
import { joinWavs } from '../runtime/wav.js';

export interface Utterance {
  id: number;
  /** What is said, as the transcript shows it. */
  text: string;
  lang: SpeechLang;
  /** Runs said in another voice (a Vietnamese name in English speech, `inVietnamese`); absent when none. */
  parts?: SpeechPart[];
  key?: string;
  at: number;
}

/** The voice settings the service uses (a subset of config `voice`). */
export interface VoiceOptions {
  enabled: boolean;
  rate: number;
  volume: number;
  pitch?: number;
  numberStyle?: TicketReadingStyle;
  quietHours?: readonly string[];
  quietVolume?: number;
  cacheMaxEntries?: number;
  cacheMaxMegabytes?: number;
  /** Transcript length kept. Default 200. */
  keep?: number;
}

export interface VoiceExtras {
  /** Synthesis cache folder; without it nothing is cached. */
  cacheDir?: string;
  /** For quiet hours. Default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** Synthesise the fixed prompts into the cache at start. Default true. */
  warmCache?: boolean;
}

interface Job {
  utterance: Utterance;
  requestedAt: number;
}

const RECENT_AUDIO = 20;

/**
 * Speaks guidance, one utterance at a time. A new screen or a press interrupts what is playing
 * (barge-in); alerts play next; repeatLast() says the last thing again. Text goes through the
 * synthesis cache; volume follows config, the fleet's set-volume and quiet hours. Every utterance
 * is kept in a transcript, and the last WAVs are kept for the simulator's preview page.
 */
export class VoiceService implements Service {
  readonly name = 'voice';
  readonly transcript: Utterance[] = [];
  private nextId = 1;
  private running = false;
  private audioOk = true;
  /** Set by setVolume/setRate (fleet, technician); otherwise the (reloadable) options are used. */
  private volumeOverride: number | undefined;
  private rateOverride: number | undefined;
  private quiet: { source: readonly string[]; windows: TimeWindow[] } | undefined;
  private appliedVolume: number | undefined;
  private lastSpoken: Utterance | undefined;
  /** The last utterance as asked for (its Vietnamese runs marked). */
  private lastSource: string | undefined;
  private readonly engine: TextToSpeech;
  private readonly queue: SpeechQueue<Job>;
  private readonly recent = new Map<number, Uint8Array>();
  private offs: (() => void)[] = [];
  /** Resolves when the fixed prompts are in the cache (or caching was skipped). */
  warmed: Promise<void> = Promise.resolve();
  /** Resolves when the on-demand WAVs of the sessions ended so far are deleted. */
  forgotten: Promise<void> = Promise.resolve();
  /** Milliseconds from the request to the first byte handed to the sound card, last utterance. */
  lastLatencyMs: number | undefined;

  constructor(
    private readonly tts: TextToSpeech,
    private readonly audio: AudioOutput,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: VoiceOptions,
    private readonly extras: VoiceExtras = {},
  ) {
    this.engine =
      extras.cacheDir && tts.kind !== 'text'
        ? new CachedTts(
            tts,
            new SynthesisCache(extras.cacheDir, {
              maxEntries: options.cacheMaxEntries ?? 500,
              maxBytes: (options.cacheMaxMegabytes ?? 64) * 1024 * 1024,
            }),
          )
        : tts;
    this.queue = new SpeechQueue<Job>(
      (job, signal) => this.play(job, signal),
      (err, job) =>
        this.log.warn(
          { err, key: job.utterance.key ?? null, chars: job.utterance.text.length },
          `could not speak: ${errorMessage(err)}`,
        ),
    );
  }

  get cache(): SynthesisCache | undefined {
    return this.engine instanceof CachedTts ? this.engine.cache : undefined;
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    try {
      await this.audio.open();
      this.appliedVolume = undefined;
      await this.applyVolume();
      this.audioOk = true;
    } catch (err) {
      this.audioOk = false;
      this.log.error(
        { err },
        `sound output unavailable, speaking to the transcript only: ${errorMessage(err)}`,
      );
    }
    this.cache?.open();
    try {
      await this.engine.check?.();
    } catch (err) {
      this.audioOk = false;
      const hint = err instanceof Error && 'hint' in err ? ` (${String(err.hint)})` : '';
      this.log.error({ err }, `speech engine "${this.engine.kind}" unavailable: ${errorMessage(err)}${hint}`);
    }
    this.offs = [
      // What was said to the citizen (greeting by name) is personal data: forget it with the session.
      this.bus.on('voice', 'session.ended', () => void this.forgetSpoken()),
      this.bus.on('voice', 'input.button', () => this.interrupt()),
      this.bus.on('voice', 'input.touch', (e) => {
        if (e.phase === 'down') this.interrupt();
      }),
    ];
    this.running = true;
    if (this.audioOk && this.extras.warmCache !== false && this.engine instanceof CachedTts) {
      this.warmed = this.warm(this.engine);
    }
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const off of this.offs) off();
    this.queue.clear();
    await this.warmed.catch(() => undefined);
    await this.forgotten;
    await this.audio.stop().catch(() => undefined);
    await this.audio.close().catch(() => undefined);
  }

  /**
   * Says `text`. By default it interrupts anything being said (a new screen); `priority` 'alert'
   * plays next and 'info' after the queue. Resolves when played or interrupted (never rejects).
   */
  say(
    text: string,
    options: { lang?: SpeechLang; key?: string; priority?: SpeechPriority } = {},
  ): Promise<void> {
    if (!this.options.enabled || !text.trim()) return Promise.resolve();
    const lang = options.lang ?? 'vi';
    const source = text.normalize('NFC');
    const parts = speechParts(source, lang);
    const utterance: Utterance = {
      id: this.nextId++,
      text: plainSpeech(source),
      lang,
      ...(parts.some((p) => p.lang !== lang) ? { parts } : {}),
      at: this.clock.now(),
      ...(options.key ? { key: options.key } : {}),
    };
    this.transcript.push(utterance);
    if (this.transcript.length > (this.options.keep ?? 200)) this.transcript.shift();
    this.lastSpoken = utterance;
    this.lastSource = source;
    this.bus.emit('voice.spoken', utterance);
    return this.queue.enqueue({ utterance, requestedAt: performance.now() }, options.priority ?? 'interrupt')
      .done;
  }

  /**
   * Drops the transcript, the last utterance, the kept WAVs and the on-demand cached WAVs (the
   * citizen's session ended); the files are deleted without blocking, `forgotten` resolves after.
   */
  forgetSpoken(): Promise<void> {
    this.transcript.splice(0, this.transcript.length);
    this.lastSpoken = undefined;
    this.lastSource = undefined;
    this.recent.clear();
    if (this.engine instanceof CachedTts) {
      const engine = this.engine;
      this.forgotten = this.forgotten.then(() => engine.forgetSession());
    }
    return this.forgotten;
  }

  /** Says a catalog prompt. */
  sayPrompt(
    key: PromptKey,
    options: { lang?: SpeechLang; vars?: PromptVars; priority?: SpeechPriority } = {},
  ): Promise<void> {
    const lang = options.lang ?? 'vi';
    return this.say(promptText(key, lang, options.vars), {
      lang,
      key,
      ...(options.priority ? { priority: options.priority } : {}),
    });
  }

  /** Says the last utterance again (the citizen's repeat button). */
  repeatLast(): Promise<void> {
    const last = this.lastSpoken;
    if (!last) return Promise.resolve();
    return this.say(this.lastSource ?? last.text, { lang: last.lang, key: last.key ?? 'repeat' });
  }

  /** Stops speaking now and drops what is queued (barge-in). */
  interrupt(): void {
    this.queue.clear();
  }

  /** The volume set (voice.volume, the fleet's set-volume, the maintenance screen), before quiet hours. */
  volume(): number {
    return this.volumeOverride ?? this.options.volume;
  }

  /** Volume 0-100, from config reload, the fleet's set-volume command or the maintenance screen. */
  async setVolume(volume: number): Promise<void> {
    if (!Number.isInteger(volume) || volume < 0 || volume > 100) {
      throw new TypeError(`volume: must be a whole number 0-100, got ${volume}`);
    }
    this.volumeOverride = volume;
    if (this.running && this.audioOk) await this.applyVolume();
  }

  /** Speaking rate in words per minute, 80-400. */
  setRate(rate: number): void {
    if (!Number.isInteger(rate) || rate < 80 || rate > 400) {
      throw new TypeError(`rate: must be a whole number of words per minute 80-400, got ${rate}`);
    }
    this.rateOverride = rate;
  }

  /** The volume used now: the configured one, lowered during quiet hours. */
  effectiveVolume(): number {
    const volume = this.volume();
    const quiet = inQuietHours(
      this.clock.now(),
      this.quietWindows(),
      this.extras.timeZone ?? 'Asia/Ho_Chi_Minh',
    );
    return quiet ? Math.min(volume, this.options.quietVolume ?? 30) : volume;
  }

  /** The WAV of a recent utterance (kept for the last 20), for the simulator's preview page. */
  audioOf(id: number): Uint8Array | undefined {
    return this.recent.get(id);
  }

  ttsOptions(lang: SpeechLang): TtsOptions {
    return {
      lang,
      rate: this.rateOverride ?? this.options.rate,
      ...(this.options.pitch === undefined ? {} : { pitch: this.options.pitch }),
    };
  }

  /** Parsed quiet hours; re-parsed when the options object is given new ranges (config reload). */
  private quietWindows(): TimeWindow[] {
    const source = this.options.quietHours ?? [];
    if (this.quiet?.source !== source) this.quiet = { source, windows: parseQuietHours(source) };
    return this.quiet.windows;
  }

  private async applyVolume(): Promise<void> {
    const volume = this.effectiveVolume();
    if (volume === this.appliedVolume) return;
    await this.audio.setVolume(volume);
    this.appliedVolume = volume;
  }

  private spokenForm(u: SpeechPart): string {
    return u.lang === 'vi' ? expandNumbers(u.text, this.options.numberStyle ?? 'digits') : u.text;
  }

  /** Each run in its voice, played as one WAV (one after the other when their formats differ). */
  private async play(job: Job, signal: AbortSignal): Promise<void> {
    if (!this.running || !this.audioOk) return;
    const { utterance } = job;
    const wavs: Uint8Array[] = [];
    for (const part of utterance.parts ?? [utterance]) {
      const wav = await this.engine.synthesize(this.spokenForm(part), this.ttsOptions(part.lang));
      if (!wav || signal.aborted || !this.running) return;
      wavs.push(wav);
    }
    const joined = wavs.length === 1 ? wavs[0] : joinWavs(wavs);
    const shown = joined ?? wavs[0];
    if (!shown) return;
    this.recent.set(utterance.id, shown);
    for (const id of this.recent.keys()) if (this.recent.size > RECENT_AUDIO) this.recent.delete(id);
    this.bus.emit('voice.audio', { id: utterance.id, bytes: shown.byteLength });
    await this.applyVolume();
    this.lastLatencyMs = performance.now() - job.requestedAt;
    for (const wav of joined ? [joined] : wavs) {
      if (signal.aborted) return;
      await this.audio.play(wav, signal);
    }
  }

  private async warm(engine: CachedTts): Promise<void> {
    const t0 = performance.now();
    let made = 0;
    const keys = new Set<string>();
    for (const p of fixedPrompts()) {
      if (!this.running) return;
      const options = this.ttsOptions(p.lang);
      const key = engine.keyFor(this.spokenForm(p), options);
      keys.add(key);
      if (engine.cache.has(key)) {
        await engine.cache.get(key, true);
        continue;
      }
      try {
        await engine.synthesize(this.spokenForm(p), options, true);
        made++;
      } catch (err) {
        this.log.warn({ err, key: p.key }, `could not cache prompt ${p.key}: ${errorMessage(err)}`);
        return;
      }
    }
    const pruned = engine.cache.prunePinned(keys);
    this.log.info({ made, pruned, ms: Math.round(performance.now() - t0) }, 'fixed prompts cached');
  }
}
