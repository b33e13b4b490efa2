/** Languages the kiosk speaks. */
export type SpeechLang = 'vi' | 'en';

/** How one phrase is synthesised. */
export interface TtsOptions {
  lang: SpeechLang;
  /** Words per minute (80-400). */
  rate: number;
  /** Engine voice; defaults to the engine's configured voice for `lang`. */
  voice?: string;
  /** 0-99 (espeak-ng pitch); engines without pitch ignore it. */
  pitch?: number;
}

/**
 * Text-to-speech engine. synthesize() returns a 16-bit PCM WAV file, or null when the engine only
 * records text (the "text" engine used when no synthesiser is configured). Errors are DriverError
 * with a hint (engine missing, voice missing, model files missing).
 */
export interface TextToSpeech {
  readonly kind: string;
  synthesize(text: string, options: TtsOptions): Promise<Uint8Array | null>;
  /** The voice `options` resolve to; part of the synthesis cache key. */
  voiceFor?(options: TtsOptions): string;
  /** Checks the engine can speak (binary, voice, model files); rejects with a DriverError and a hint. */
  check?(): Promise<void>;
}

/** No audio: the transcript alone (shown in the simulator). */
export class TextOnlyTts implements TextToSpeech {
  readonly kind = 'text';
  async synthesize(): Promise<null> {
    return null;
  }
}
