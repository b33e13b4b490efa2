import { DriverError } from '../runtime/errors.js';
import type { DocumentPrinter, DocumentPrinterStatus } from '../drivers/document-printer/types.js';

/** A document the mock A4 printer received (kept in memory only). */
export interface MockDocument {
  jobId: number;
  name: string;
  pdf: Buffer;
  at: number;
}

/**
 * The simulator's A4 printer: keeps the last documents in memory (GET /api/documents shows
 * them) and can be told to fail like a real one (unreachable, refusing, mid-job drop).
 */
export class MockDocumentPrinter implements DocumentPrinter {
  readonly target = 'mock://document-printer';
  private readonly kept: MockDocument[] = [];
  private nextJob = 1;
  /** A failure to report on the next print/status calls, as a real IPP printer would. */
  fault: 'unreachable' | 'refused' | 'connection-lost' | undefined;

  constructor(private readonly keep = 10) {}

  get documents(): readonly MockDocument[] {
    return this.kept;
  }

  status(): Promise<DocumentPrinterStatus> {
    if (this.fault === 'unreachable') return Promise.reject(this.error());
    return Promise.resolve({
      state: 'idle',
      reasons: this.fault ? ['other'] : ['none'],
      accepting: this.fault !== 'refused',
      pdf: true,
      model: 'smart-kiosk mock A4 printer',
    });
  }

  print(pdf: Uint8Array, job: { name: string }): Promise<{ jobId: number }> {
    if (this.fault) return Promise.reject(this.error());
    if (pdf.length < 5 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-')
      return Promise.reject(
        new DriverError(
          'document-printer',
          'device-fault',
          'format',
          'mock A4 printer: the job is not a PDF',
        ),
      );
    const doc: MockDocument = {
      jobId: this.nextJob++,
      name: job.name,
      pdf: Buffer.from(pdf),
      at: Date.now(),
    };
    this.kept.push(doc);
    if (this.kept.length > this.keep) this.kept.shift();
    return Promise.resolve({ jobId: doc.jobId });
  }

  /** Forgets every document (simulator reset). */
  clear(): void {
    this.kept.length = 0;
  }

  private error(): DriverError {
    switch (this.fault) {
      case 'refused':
        return new DriverError(
          'document-printer',
          'busy',
          'not-accepting',
          'mock A4 printer refused: server-error-not-accepting-jobs',
        );
      case 'connection-lost':
        return new DriverError(
          'document-printer',
          'disconnected',
          'connection-lost',
          'the connection to the mock A4 printer broke during the job',
        );
      default:
        return new DriverError(
          'document-printer',
          'disconnected',
          'unreachable',
          'no printer answers at mock://document-printer',
        );
    }
  }
}
