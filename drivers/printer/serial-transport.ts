import { existsSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import { DriverError } from '../../runtime/errors.js';
import { Listeners } from '../../runtime/listeners.js';
import { createLogger } from '../../runtime/logger.js';
import { closeSerialPort, openSerialPort } from '../serial-port.js';
import { withTimeout, type PrinterTransport } from './transport.js';

const log = createLogger('printer');

/** A printer on a serial tty (RS-232 or USB-serial); reads status replies on the same line. */
export class SerialTransport implements PrinterTransport {
  readonly bidirectional = true;
  private port: SerialPort | undefined;
  private readonly data = new Listeners<Uint8Array>();
  private readonly disconnects = new Listeners<string>();

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
  ) {}

  get description(): string {
    return `${this.path} @ ${this.baudRate} baud`;
  }

  /** Open, and the device node still exists (a pulled USB cable removes it). */
  get isOpen(): boolean {
    return (this.port?.isOpen ?? false) && existsSync(this.path);
  }

  async open(timeoutMs: number): Promise<void> {
    if (this.isOpen) return;
    const stale = this.port;
    this.port = undefined;
    if (stale) await closeSerialPort(stale);
    const port = await withTimeout(
      openSerialPort({ device: 'printer', path: this.path, baudRate: this.baudRate }),
      timeoutMs,
      () =>
        new DriverError(
          'printer',
          'timeout',
          'open-timeout',
          `opening ${this.path} took longer than ${timeoutMs} ms`,
          'unplug and replug the printer cable',
        ),
    );
    port.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
    port.on('close', () => {
      if (this.port === port) {
        this.port = undefined;
        this.disconnects.emit(`${this.path} closed`);
      }
    });
    // Errors after open (EIO on unplug) are followed by 'close', which reports the disconnect.
    port.on('error', (err) => log.warn({ err, path: this.path }, `printer port error: ${err.message}`));
    this.port = port;
  }

  transferMs(bytes: number): number {
    // 10 bits per byte on the wire, plus 50% for printer flow control while it prints.
    return Math.ceil(((bytes * 10) / this.baudRate) * 1000 * 1.5);
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const port = this.port;
    if (!port?.isOpen)
      throw new DriverError('printer', 'disconnected', 'not-open', `${this.path} is not open`);
    const done = new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(err);
        port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
      });
    });
    await withTimeout(
      done.catch((err: unknown) => {
        throw new DriverError(
          'printer',
          'disconnected',
          'write-failed',
          `writing to ${this.path} failed: ${err instanceof Error ? err.message : String(err)}`,
          'check the printer cable and power',
          { cause: err },
        );
      }),
      timeoutMs,
      () =>
        new DriverError(
          'printer',
          'timeout',
          'write-timeout',
          `printer on ${this.path} did not take ${bytes.length} bytes within ${timeoutMs} ms`,
          'the printer is busy or its flow control is stuck: check it is on and not showing an error light, then power-cycle it',
        ),
    );
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onDisconnect(listener: (reason: string) => void): () => void {
    return this.disconnects.add(listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port) await closeSerialPort(port);
  }
}
