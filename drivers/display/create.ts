import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockDisplay } from '../../hardware-mocks/display.js';
import { deviceSize } from '../../ui-framebuffer/rotation.js';
import { unavailableDriver } from '../unavailable.js';
import type { DisplayDriver } from './types.js';

export function createDisplay(config: KioskConfig['display']): DisplayDriver {
  const size = deviceSize(config.width, config.height, config.rotation);
  switch (config.driver) {
    case 'mock':
      return new MockDisplay(size.width, size.height);
    default:
      return unavailableDriver('display.driver', config.driver, ['mock']);
  }
}
