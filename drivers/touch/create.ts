import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockTouch } from '../../hardware-mocks/touch.js';
import { unavailableDriver } from '../unavailable.js';
import type { TouchInput } from './types.js';

export function createTouch(config: KioskConfig['input']['touch'], clock: Clock): TouchInput {
  switch (config.driver) {
    case 'mock':
      return new MockTouch(clock);
    default:
      return unavailableDriver('input.touch.driver', config.driver, ['mock']);
  }
}
