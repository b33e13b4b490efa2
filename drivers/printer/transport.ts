/**
 * A byte pipe to a printer: serial tty, USB printer class device, or TCP socket. The ESC/POS
 * logic (status, jobs, reconnect) lives in EscPosPrinter; transports only move bytes.
 *
 * open() rejects with DriverError('disconnected', 'no-device' | 'permission' | 'refused') and a
 * hint; write() rejects with DriverError('timeout') when the device stops taking bytes, or
 * DriverError('device-fault', 'paper-out') when the kernel reports it (usblp ENOSPC).
 */
export interface PrinterTransport {
  /** Human-readable target for logs, e.g. `/dev/ttyUSB0 @ 115200 baud`. */
  readonly description: string;
  /** True when the printer can answer DLE EOT status requests over this transport. */
  readonly bidirectional: boolean;
  readonly isOpen: boolean;
  open(timeoutMs: number): Promise<void>;
  /** Resolves once the bytes have been handed to the device (drained). */
  write(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** Estimated time to move `bytes` to the device, used to size write timeouts. */
  transferMs(bytes: number): number;
  /** Bytes from the printer. Returns an unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Called when the link drops without close() (cable pulled, printer off, peer closed). */
  onDisconnect(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

/** Rejects with `onTimeout()` if `promise` has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
