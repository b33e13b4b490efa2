import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockPrinter } from '../../hardware-mocks/printer.js';
import { unavailableDriver } from '../unavailable.js';
import { EscPosPrinter } from './escpos-printer.js';
import { NoPrinter } from './no-printer.js';
import { SerialTransport } from './serial-transport.js';
import { TcpTransport } from './tcp-transport.js';
import type { PrinterTransport } from './transport.js';
import type { Printer } from './types.js';
import { UsbLpTransport } from './usb-lp-transport.js';

export function paperWidthDots(paperWidthMm: 58 | 80): number {
  return paperWidthMm === 58 ? 384 : 576;
}

/** The byte transport for a real printer driver; undefined for mock/none. */
export function createPrinterTransport(config: KioskConfig['printer']): PrinterTransport | undefined {
  switch (config.driver) {
    case 'serial':
      return new SerialTransport(config.path, config.baudRate);
    case 'usb':
      return new UsbLpTransport(config.path);
    case 'tcp':
      return new TcpTransport(config.host, config.port);
    default:
      return undefined;
  }
}

export function createPrinter(config: KioskConfig['printer'], clock: Clock): Printer {
  if (config.driver === 'mock') return new MockPrinter(paperWidthDots(config.paperWidth), clock);
  if (config.driver === 'none') return new NoPrinter(paperWidthDots(config.paperWidth));
  const transport = createPrinterTransport(config);
  if (!transport) return unavailableDriver('printer.driver', config.driver, ['mock', 'serial', 'usb', 'tcp']);
  return new EscPosPrinter(transport, {
    kind: config.driver,
    widthDots: paperWidthDots(config.paperWidth),
    timeoutMs: config.timeoutMs,
  });
}
