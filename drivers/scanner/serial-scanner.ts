import { existsSync } from 'node:fs';
import type { SerialPort } from 'serialport';
import type { Clock } from '../../runtime/clock.js';
import { Reconnect } from '../../runtime/reconnect.js';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import { Listeners } from '../../runtime/listeners.js';
import { createLogger } from '../../runtime/logger.js';
import { closeSerialPort, openSerialPort } from '../serial-port.js';
import { LineFramer, type FramedRead } from './line-framer.js';
import type { ScanEvent, ScanRejected, Scanner } from './types.js';

export interface SerialScannerOptions {
  path: string;
  baudRate: number;
  /** Longest accepted read in bytes (CCCD QR codes are ~100-200). Default 4096. */
  maxLength?: number;
  /** Wait between reconnect attempts after an unplug. Default 1000 ms. */
  reconnectMs?: number;
}

const log = createLogger('scanner');

/**
 * A serial (USB CDC-ACM or RS-232) barcode/QR scanner sending CR/LF-terminated reads. Garbage is
 * rejected through onReject and logged (never crashes, never delivered). When the scanner is
 * unplugged it keeps trying to reopen the same path until close().
 */
const describe = (err: unknown): string =>
  err instanceof DriverError ? `${err.code}: ${err.message}` : errorMessage(err);

export class SerialScanner implements Scanner {
  readonly kind = 'serial';
  private readonly scans = new Listeners<ScanEvent>();
  private readonly rejects = new Listeners<ScanRejected>();
  private readonly framer: LineFramer;
  private port: SerialPort | undefined;
  private running = false;
  private reconnect: Reconnect | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private stats = { scans: 0, rejected: 0, reconnects: 0 };

  constructor(
    private readonly options: SerialScannerOptions,
    private readonly clock: Clock,
  ) {
    this.framer = new LineFramer({ maxLength: options.maxLength ?? 4096 });
  }

  get connected(): boolean {
    return this.port?.isOpen ?? false;
  }

  get counters(): Readonly<{ scans: number; rejected: number; reconnects: number }> {
    return { ...this.stats };
  }

  /** Opens the port; rejects with DriverError (no-device, permission, busy) when it cannot. */
  async open(): Promise<void> {
    if (this.running) return;
    await this.connect();
    this.running = true;
  }

  onScan(listener: (event: ScanEvent) => void): () => void {
    return this.scans.add(listener);
  }

  onReject(listener: (event: ScanRejected) => void): () => void {
    return this.rejects.add(listener);
  }

  async close(): Promise<void> {
    this.running = false;
    this.reconnect?.stop();
    clearInterval(this.watchdog);
    const port = this.port;
    this.port = undefined;
    if (port) await closeSerialPort(port);
    this.framer.reset();
  }

  private async connect(): Promise<void> {
    const port = await openSerialPort({
      device: 'scanner',
      path: this.options.path,
      baudRate: this.options.baudRate,
    });
    port.on('data', (chunk: Buffer) => {
      for (const read of this.framer.push(chunk)) this.deliver(read);
    });
    port.on('error', (err) =>
      log.warn({ err, path: this.options.path }, `scanner port error: ${err.message}`),
    );
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = undefined;
      const partial = this.framer.reset();
      if (partial) this.deliver(partial);
      if (this.running) this.startReconnect();
    });
    this.port = port;
    // A USB unplug removes the device node; a tty hang-up is not always reported while data is
    // in flight, so a vanished node also counts as unplugged.
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (this.port === port && !existsSync(this.options.path)) {
        clearInterval(this.watchdog);
        port.destroy();
      }
    }, this.options.reconnectMs ?? 1000);
    this.watchdog.unref();
    log.info({ path: this.options.path }, 'scanner connected');
  }

  private deliver(read: FramedRead): void {
    const at = this.clock.now();
    if (read.ok) {
      this.stats.scans++;
      this.scans.emit({ data: read.data, at }, (err) => log.error({ err }, 'scan listener failed'));
      return;
    }
    this.stats.rejected++;
    log.warn(
      { reason: read.reason, length: read.length, path: this.options.path },
      `scanner read rejected (${read.reason}, ${read.length} bytes): if this repeats, set the scanner to UTF-8 output with a CR suffix (scan its configuration barcodes) and check scanner.baudRate`,
    );
    this.rejects.emit({ reason: read.reason, length: read.length, at });
  }

  private startReconnect(): void {
    if (this.reconnect?.active) return;
    log.warn(
      { path: this.options.path },
      'scanner disconnected: plug its USB cable back in; reconnecting automatically',
    );
    this.reconnect ??= new Reconnect(
      this.clock,
      this.options.reconnectMs ?? 1000,
      async () => {
        await this.connect();
        this.stats.reconnects++;
      },
      (err, repeated) => {
        if (!repeated) log.debug({ err }, `scanner reconnect failed: ${describe(err)}`);
      },
    );
    this.reconnect.start();
  }
}
