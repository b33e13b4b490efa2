import type { AudioOutput } from '../drivers/audio/types.js';
import type { Clock } from '../runtime/clock.js';
import { errorMessage } from '../runtime/errors.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../runtime/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Service, ServiceContext } from '../runtime/service.js';
import type { TextToSpeech } from './tts.js';

export interface Utterance {
  id: number;
  text: string;
  lang: 'vi' | 'en';
  key?: string;
  at: number;
}

/**
 * Speaks guidance. A new utterance interrupts the one playing (barge-in), so the citizen always
 * hears what belongs to the current screen. Every utterance is kept in a transcript.
 */
export class VoiceService implements Service {
  readonly name = 'voice';
  readonly transcript: Utterance[] = [];
  private nextId = 1;
  private current: AbortController | undefined;
  private running = false;

  constructor(
    private readonly tts: TextToSpeech,
    private readonly audio: AudioOutput,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: { enabled: boolean; rate: number; volume: number; keep?: number },
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    await this.audio.open();
    await this.audio.setVolume(this.options.volume);
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.current?.abort();
    await this.audio.stop();
    await this.audio.close();
  }

  /** Says `text` now, interrupting anything being said. Resolves when done (never rejects). */
  async say(text: string, options: { lang?: 'vi' | 'en'; key?: string } = {}): Promise<void> {
    if (!this.options.enabled || !text.trim()) return;
    const utterance: Utterance = {
      id: this.nextId++,
      text: text.normalize('NFC'),
      lang: options.lang ?? 'vi',
      at: this.clock.now(),
      ...(options.key ? { key: options.key } : {}),
    };
    this.transcript.push(utterance);
    if (this.transcript.length > (this.options.keep ?? 200)) this.transcript.shift();
    this.bus.emit('voice.spoken', utterance);
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    try {
      const wav = await this.tts.synthesize(utterance.text, {
        lang: utterance.lang,
        rate: this.options.rate,
      });
      if (wav && !controller.signal.aborted && this.running) await this.audio.play(wav, controller.signal);
    } catch (err) {
      if (!controller.signal.aborted)
        this.log.warn({ err, text: utterance.text }, `could not speak: ${errorMessage(err)}`);
    }
  }
}
