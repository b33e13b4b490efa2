export interface ScanEvent {
  /** The decoded text, NFC-normalised, without the terminating CR/LF. */
  data: string;
  at: number;
}

/**
 * A barcode/QR scanner (serial, keyboard wedge, or mock). Emits one event per complete read;
 * garbage (invalid UTF-8, control bytes) is dropped with a logged warning.
 */
export interface Scanner {
  readonly kind: string;
  open(): Promise<void>;
  onScan(listener: (event: ScanEvent) => void): () => void;
  close(): Promise<void>;
}
