import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockPrinter } from '../../hardware-mocks/printer.js';
import { unavailableDriver } from '../unavailable.js';
import type { Printer } from './types.js';

export function paperWidthDots(paperWidthMm: 58 | 80): number {
  return paperWidthMm === 58 ? 384 : 576;
}

export function createPrinter(config: KioskConfig['printer'], clock: Clock): Printer {
  switch (config.driver) {
    case 'mock':
      return new MockPrinter(paperWidthDots(config.paperWidth), clock);
    default:
      return unavailableDriver('printer.driver', config.driver, ['mock']);
  }
}
