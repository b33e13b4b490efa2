import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockScanner } from '../../hardware-mocks/scanner.js';
import { unavailableDriver } from '../unavailable.js';
import type { Scanner } from './types.js';

export function createScanner(config: KioskConfig['scanner'], clock: Clock): Scanner {
  switch (config.driver) {
    case 'mock':
      return new MockScanner(clock);
    default:
      return unavailableDriver('scanner.driver', config.driver, ['mock']);
  }
}
