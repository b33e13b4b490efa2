import type { KioskConfig } from '../runtime/config/schema.js';
import { EspeakTts } from './espeak-tts.js';
import { PiperTts } from './piper-tts.js';
import { TextOnlyTts, type TextToSpeech } from './tts.js';

/** Picks the speech engine named by config `voice.tts`. */
export function createTts(config: KioskConfig['voice']): TextToSpeech {
  switch (config.tts) {
    case 'text':
      return new TextOnlyTts();
    case 'espeak':
      return new EspeakTts({
        voices: { vi: config.voice, en: config.englishVoice },
        pitch: config.pitch,
      });
    case 'piper':
      return new PiperTts(config.piperModelDir);
  }
}
