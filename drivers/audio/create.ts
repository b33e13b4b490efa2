import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockAudio } from '../../hardware-mocks/audio.js';
import { unavailableDriver } from '../unavailable.js';
import type { AudioOutput } from './types.js';

export function createAudio(config: KioskConfig['audio']): AudioOutput {
  switch (config.driver) {
    case 'mock':
      return new MockAudio();
    default:
      return unavailableDriver('audio.driver', config.driver, ['mock']);
  }
}
