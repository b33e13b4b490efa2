/**
 * An A4 document printer: an IPP Everywhere printer, or CUPS on the kiosk's own computer. PDFs
 * are sent from memory; nothing is spooled to the kiosk's disk.
 */
export interface DocumentPrinter {
  /** Where the documents go, for logs and the doctor (e.g. "ipp://127.0.0.1:631/printers/a4"). */
  readonly target: string;
  /** What the printer says about itself; rejects with a DriverError when it cannot be reached. */
  status(signal?: AbortSignal): Promise<DocumentPrinterStatus>;
  /**
   * Sends one PDF as a job. Resolves once the printer accepted it (the job id); rejects with a
   * DriverError (`kind` disconnected, timeout, busy or device-fault; `code` says why) otherwise.
   */
  print(
    pdf: Uint8Array,
    job: { name: string; user?: string },
    signal?: AbortSignal,
  ): Promise<{ jobId: number }>;
}

export interface DocumentPrinterStatus {
  /** IPP printer-state: idle, processing or stopped. */
  state: 'idle' | 'processing' | 'stopped' | 'unknown';
  /** printer-state-reasons, e.g. ["none"] or ["media-empty-error"]. */
  reasons: string[];
  accepting: boolean;
  /** document-format-supported includes application/pdf. */
  pdf: boolean;
  /** printer-make-and-model or printer-name, when given. */
  model: string;
}
