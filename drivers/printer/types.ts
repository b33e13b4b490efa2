export interface PrinterStatus {
  online: boolean;
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
  /** Cutter jam, overheating or another unrecoverable error. */
  fault: boolean;
  /**
   * `device`: read from the printer (DLE EOT). `assumed`: the transport cannot read status
   * (write-only USB printer class device), so paper-out is only noticed when a write fails.
   * Absent means `device`.
   */
  source?: 'device' | 'assumed';
}

/**
 * A thermal receipt printer speaking ESC/POS. Jobs are complete byte sequences built with the
 * encoder in drivers/printer/escpos.ts.
 *
 * Errors: DriverError('device-fault', 'paper-out' | 'cover-open' | 'fault'),
 * DriverError('disconnected'), DriverError('timeout').
 */
export interface Printer {
  readonly kind: string;
  /** Printable width in dots: 384 (58 mm) or 576 (80 mm). */
  readonly widthDots: number;
  open(): Promise<void>;
  /** Checks status, then sends the job. Rejects without printing when paper is out. */
  print(job: Uint8Array): Promise<void>;
  status(): Promise<PrinterStatus>;
  /**
   * Every status the driver reads (status(), and the polls before and after each job). Optional:
   * write-only printers have nothing to report.
   */
  onStatus?(listener: (status: PrinterStatus) => void): () => void;
  close(): Promise<void>;
}
