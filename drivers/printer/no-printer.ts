import { DriverError } from '../../runtime/errors.js';
import type { Printer, PrinterStatus } from './types.js';

/** printer.driver "none": a kiosk without a printer. Jobs fail with a clear `not-configured`. */
export class NoPrinter implements Printer {
  readonly kind = 'none';
  constructor(readonly widthDots: number) {}

  async open(): Promise<void> {}

  async status(): Promise<PrinterStatus> {
    return { online: false, paper: 'ok', coverOpen: false, fault: false, source: 'assumed' };
  }

  async print(_job: Uint8Array): Promise<void> {
    throw new DriverError(
      'printer',
      'disconnected',
      'not-configured',
      'this kiosk has no printer configured',
      'set printer.driver to serial, usb or tcp in the kiosk config',
    );
  }

  async close(): Promise<void> {}
}
