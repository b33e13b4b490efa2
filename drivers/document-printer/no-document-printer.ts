import { DriverError } from '../../runtime/errors.js';
import type { DocumentPrinter, DocumentPrinterStatus } from './types.js';

/** documentPrinter.driver "none": the kiosk has no A4 printer; forms go to the counter by QR only. */
export class NoDocumentPrinter implements DocumentPrinter {
  readonly target = 'none';

  status(): Promise<DocumentPrinterStatus> {
    return Promise.reject(this.missing());
  }

  print(): Promise<{ jobId: number }> {
    return Promise.reject(this.missing());
  }

  private missing(): DriverError {
    return new DriverError(
      'document-printer',
      'device-fault',
      'no-printer',
      'this kiosk has no A4 printer (documentPrinter.driver is "none")',
      'set documentPrinter.driver to ipp and documentPrinter.uri to the printer',
    );
  }
}
