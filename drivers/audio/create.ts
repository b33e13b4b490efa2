import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockAudio } from '../../hardware-mocks/audio.js';
import { MockAudioInput } from '../../hardware-mocks/audio-input.js';
import { AlsaAudio } from './alsa-audio.js';
import { AlsaCapture } from './alsa-capture.js';
import { NoAudio } from './no-audio.js';
import type { AudioInput, AudioOutput } from './types.js';

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

export function createAudioInput(config: KioskConfig['audio']): AudioInput {
  return config.driver === 'alsa' ? new AlsaCapture(config.captureDevice) : new MockAudioInput();
}
