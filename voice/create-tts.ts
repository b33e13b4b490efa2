import type { KioskConfig } from '../runtime/config/schema.js';
import { unavailableDriver } from '../drivers/unavailable.js';
import { TextOnlyTts, type TextToSpeech } from './tts.js';

export function createTts(config: KioskConfig['voice']): TextToSpeech {
  switch (config.tts) {
    case 'text':
      return new TextOnlyTts();
    default:
      return unavailableDriver('voice.tts', config.tts, ['text']);
  }
}
