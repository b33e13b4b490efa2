/**
 * Text-to-speech engine. synthesize() returns a WAV file, or null when the engine only records
 * text (the "text" engine used when no synthesiser is configured).
 */
export interface TextToSpeech {
  readonly kind: string;
  synthesize(text: string, options: { lang: 'vi' | 'en'; rate: number }): Promise<Uint8Array | null>;
}

/** No audio: the transcript alone (shown in the simulator). */
export class TextOnlyTts implements TextToSpeech {
  readonly kind = 'text';
  async synthesize(): Promise<null> {
    return null;
  }
}
