import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockButtons } from '../../hardware-mocks/buttons.js';
import { unavailableDriver } from '../unavailable.js';
import type { ButtonInput } from './types.js';

export function createButtons(config: KioskConfig['input']['buttons'], clock: Clock): ButtonInput {
  switch (config.driver) {
    case 'mock':
      return new MockButtons(clock);
    default:
      return unavailableDriver('input.buttons.driver', config.driver, ['mock']);
  }
}
