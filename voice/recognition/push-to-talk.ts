import type { ButtonEvent, ButtonId } from '../../drivers/buttons/types.js';
import type { Clock } from '../../runtime/clock.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../../domain/events.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { SpeechLang } from '../tts.js';
import {
  COMMON_COMMANDS,
  DIGIT_COMMANDS,
  HOME_COMMANDS,
  matchCommand,
  voskGrammar,
  type CommandMatch,
  type VoiceCommand,
} from './grammar.js';
import { checkVoskModel, describeReport } from './model-check.js';
import type { MicInput } from '../../drivers/microphone/arecord-mic.js';
import { EnergyVad } from './vad.js';
import type { RecognizedText } from './grammar.js';

/** What the recognizer needs; VoskRecognizer implements it. */
export interface CommandRecognizer {
  load(modelDir: string): Promise<void>;
  recognize(samples: Int16Array, sampleRate: number, grammar: readonly string[]): Promise<RecognizedText>;
  close(): Promise<void>;
}

/** A target on the current screen that voice can activate. */
export interface VoiceTarget {
  label: string;
  button?: ButtonId;
}

export interface PushToTalkOptions {
  enabled: boolean;
  modelDir: string;
  /** 0-100. */
  minConfidence: number;
  maxListenSeconds: number;
  endSilenceMs: number;
  /** The button held to talk. Default "help" (long press). */
  talkButton?: ButtonId;
  /** Repeats stop arriving this long after the button is released. Default 600 ms. */
  releaseMs?: number;
}

export type ListenOutcome =
  | { kind: 'command'; match: CommandMatch; button: ButtonId }
  | { kind: 'not-understood'; text: string }
  /** No command matched and the screen took the words as a question (the assistant). */
  | { kind: 'dictation'; text: string }
  | { kind: 'silence' }
  | { kind: 'unavailable'; reason: string };

const ACTION_BUTTONS: Record<string, ButtonId> = { back: 'back', repeat: 'help', yes: 'ok', home: 'back' };

/**
 * Push-to-talk voice commands. Holding the talk button opens the microphone (never otherwise);
 * the VAD ends the utterance on silence, on release or after maxListenSeconds; the words are
 * matched against the current screen's targets plus the common commands, and a match is sent as
 * the button press it stands for, so screens cannot tell voice from buttons. Audio is dropped
 * after recognition; nothing is stored or sent.
 */
export class PushToTalkService implements Service {
  readonly name = 'push-to-talk';
  readonly dependsOn = ['voice'];
  private running = false;
  private ready = false;
  private reason = 'voice input is off (voice.recognition.enabled: false)';
  private listening: Promise<ListenOutcome> | undefined;
  private lastRepeatAt = 0;
  private offs: (() => void)[] = [];

  constructor(
    private readonly recognizer: CommandRecognizer,
    private readonly mic: MicInput,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: PushToTalkOptions,
    private readonly screen: {
      targets(): readonly VoiceTarget[];
      lang(): SpeechLang;
      /**
       * When the current screen takes free questions: the words its grammar adds (the catalog's
       * vocabulary and the question phrases) and where the recognized text goes.
       */
      dictation?(): { words: readonly string[]; hear(text: string): boolean } | undefined;
    },
    private readonly voice: {
      prompt(key: 'voice.not-understood' | 'voice.unavailable', lang: SpeechLang): void;
      /** Stops the kiosk's own speech so the microphone does not hear it. */
      interrupt(): void;
    },
  ) {}

  /** Whether the UI may offer voice input. */
  get available(): boolean {
    return this.ready;
  }

  get unavailableReason(): string | undefined {
    return this.ready ? undefined : this.reason;
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.offs = [this.bus.on(this.name, 'input.button', (e) => this.onButton(e))];
    if (!this.options.enabled) return;
    const report = checkVoskModel(this.options.modelDir);
    if (!report.ok) {
      this.reason = `voice input is off: ${describeReport(report)}`;
      this.log.warn(
        { missing: report.missing, damaged: report.damaged },
        `${this.reason}; install one with "kiosk voice model install PATH"`,
      );
      return;
    }
    // Loading takes seconds on a Pi: do it in the background; the kiosk works with buttons meanwhile.
    void this.recognizer
      .load(this.options.modelDir)
      .then(() => {
        this.ready = this.running;
        this.log.info({ modelDir: this.options.modelDir }, 'voice commands ready');
      })
      .catch((err: unknown) => {
        this.reason = `voice input is off: ${errorMessage(err)}`;
        this.log.error({ err }, this.reason);
      });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.ready = false;
    for (const off of this.offs) off();
    await this.listening?.catch(() => undefined);
    await this.recognizer.close();
  }

  /** The commands of the current screen. */
  commands(): VoiceCommand[] {
    const targets = this.screen.targets();
    const own: VoiceCommand[] = targets
      .filter((t) => t.button)
      .map((t) => ({ id: `button:${t.button}`, phrases: [t.label.normalize('NFC').toLowerCase()] }));
    const digits = DIGIT_COMMANDS.filter((d) => targets.some((t) => `digit:${t.button}` === d.id));
    const home = HOME_COMMANDS.filter((h) => targets.some((t) => labelMatches(t.label, h)));
    return [...own, ...digits, ...home, ...COMMON_COMMANDS];
  }

  /** Listens once (the button is being held) and acts on the result. */
  listen(): Promise<ListenOutcome> {
    if (this.listening) return this.listening;
    const run = this.listenNow().finally(() => {
      this.listening = undefined;
    });
    this.listening = run;
    return run;
  }

  private onButton(event: ButtonEvent): void {
    if (event.id !== (this.options.talkButton ?? 'help')) return;
    if (event.action === 'repeat') this.lastRepeatAt = this.clock.now();
    if (event.action !== 'long-press') return;
    this.lastRepeatAt = this.clock.now();
    this.listen().catch((err: unknown) => {
      this.log.error({ err }, `voice command failed: ${errorMessage(err)}`);
      this.voice.prompt('voice.not-understood', this.screen.lang());
    });
  }

  private async listenNow(): Promise<ListenOutcome> {
    const lang = this.screen.lang();
    if (!this.ready) {
      this.voice.prompt('voice.unavailable', lang);
      return { kind: 'unavailable', reason: this.reason };
    }
    // The press itself may have queued speech (the help button repeats guidance): silence it
    // after the other listeners of this press have run, before the microphone opens.
    await Promise.resolve();
    this.voice.interrupt();
    const commands = this.commands();
    const captured: Int16Array[] = [];
    const vad = new EnergyVad({ sampleRate: this.mic.sampleRate, endSilenceMs: this.options.endSilenceMs });
    let heard = false;
    let finished: () => void = () => undefined;
    const done = new Promise<void>((r) => (finished = r));
    const startedAt = this.clock.now();
    this.lastRepeatAt = Math.max(this.lastRepeatAt, startedAt);
    const releaseMs = this.options.releaseMs ?? 600;
    const stopCapture = await this.mic.start((chunk) => {
      captured.push(chunk);
      for (const e of vad.push(chunk)) {
        if (e.type === 'speech-start') heard = true;
        if (e.type === 'speech-end') finished();
      }
      const now = this.clock.now();
      if (now - startedAt > this.options.maxListenSeconds * 1000) finished();
      if (!heard && now - this.lastRepeatAt > releaseMs) finished(); // released before speaking
    });
    try {
      await done;
    } finally {
      await stopCapture();
    }
    if (!heard) return { kind: 'silence' };
    const total = captured.reduce((n, c) => n + c.length, 0);
    const samples = new Int16Array(total);
    let at = 0;
    for (const c of captured.splice(0)) {
      samples.set(c, at);
      at += c.length;
    }
    const dictation = this.screen.dictation?.();
    const grammar = voskGrammar(commands, dictation?.words ?? []);
    const result = await this.recognizer.recognize(samples, this.mic.sampleRate, grammar);
    samples.fill(0); // no audio is kept
    const match = matchCommand(result, commands, this.options.minConfidence / 100);
    const button = match ? buttonFor(match, this.screen.targets()) : undefined;
    // A question in the citizen's words goes to the screen's dialogue, as if typed.
    if ((!match || !button) && dictation && result.text.trim() !== '' && dictation.hear(result.text)) {
      this.log.info({ words: result.text.split(/\s+/).length }, 'voice question');
      return { kind: 'dictation', text: result.text };
    }
    if (!match || !button) {
      this.voice.prompt('voice.not-understood', lang);
      return { kind: 'not-understood', text: result.text };
    }
    this.log.info({ command: match.id, confidence: match.confidence }, 'voice command');
    this.bus.emit('input.button', { id: button, action: 'press', at: this.clock.now() });
    return { kind: 'command', match, button };
  }
}

function labelMatches(label: string, command: VoiceCommand): boolean {
  const l = label.normalize('NFC').toLowerCase();
  return command.phrases.some((p) => l.includes(p));
}

/** The button a matched command presses on the current screen. */
export function buttonFor(match: CommandMatch, targets: readonly VoiceTarget[]): ButtonId | undefined {
  if (match.id.startsWith('button:') || match.id.startsWith('digit:')) {
    const id = match.id.slice(match.id.indexOf(':') + 1);
    return targets.find((t) => t.button === id)?.button;
  }
  const home = HOME_COMMANDS.find((c) => c.id === match.id);
  if (home) return targets.find((t) => labelMatches(t.label, home))?.button;
  return ACTION_BUTTONS[match.id];
}
