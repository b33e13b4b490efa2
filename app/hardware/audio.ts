import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockAudio } from '../../hardware-mocks/audio.js';
import { AlsaAudio } from '../../drivers/audio/alsa-audio.js';
import { NoAudio } from '../../drivers/audio/no-audio.js';
import type { AudioOutput } from '../../drivers/audio/types.js';

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
