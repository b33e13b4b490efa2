import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockPrinter } from '../../hardware-mocks/printer.js';
import { unavailableDriver } from '../../drivers/unavailable.js';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.js';
import { NoPrinter } from '../../drivers/printer/no-printer.js';
import { SerialTransport } from '../../drivers/printer/serial-transport.js';
import { TcpTransport } from '../../drivers/printer/tcp-transport.js';
import type { PrinterTransport } from '../../drivers/printer/transport.js';
import type { Printer } from '../../drivers/printer/types.js';
import { UsbLpTransport } from '../../drivers/printer/usb-lp-transport.js';

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
