import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockAudio } from '../../hardware-mocks/audio.js';
import { AlsaAudio } from './alsa-audio.js';
import { NoAudio } from './no-audio.js';
import type { AudioOutput } from './types.js';

/** Sound output. (Microphone capture for push-to-talk is voice/recognition/create-mic.ts.) */
export function createAudio(config: KioskConfig['audio']): AudioOutput {
  switch (config.driver) {
    case 'mock':
      return new MockAudio();
    case 'alsa':
      return new AlsaAudio({
        device: config.playbackDevice,
        mixerControl: config.mixerControl,
        mixerCard: config.mixerCard,
      });
    case 'none':
      return new NoAudio();
  }
}
