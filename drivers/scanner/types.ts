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
  /**
   * Reads that were not delivered (garbage, over-long, typed by a person). Optional so simple
   * scanners and test doubles need not implement it.
   */
  onReject?(listener: (event: ScanRejected) => void): () => void;
  close(): Promise<void>;
}

export type ScanRejectReason =
  | 'invalid-utf8'
  | 'control-bytes'
  | 'too-long'
  /** The link dropped in the middle of a read. */
  | 'incomplete'
  | 'typed'
  | 'unknown-key';

/** A read the scanner driver refused to deliver, with why (never the raw content: it may be personal data). */
export interface ScanRejected {
  reason: ScanRejectReason;
  /** Size of the rejected read in bytes (or key strokes for keyboard-wedge scanners). */
  length: number;
  at: number;
}
