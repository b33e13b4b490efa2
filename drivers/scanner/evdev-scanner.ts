import { createReadStream, type ReadStream } from 'node:fs';
import type { Clock } from '../../runtime/clock.js';
import { Reconnect } from '../../runtime/reconnect.js';
import { DriverError } from '../../runtime/errors.js';
import { Listeners } from '../../runtime/listeners.js';
import { createLogger } from '../../runtime/logger.js';
import { InputEventDecoder } from '../touch/evdev-parser.js';
import { KeyDecoder, medianGapMs, type KeyboardLayout } from './evdev-keys.js';
import type { ScanEvent, ScanRejected, Scanner } from './types.js';

export interface EvdevScannerOptions {
  /** /dev/input/eventN, or better a stable /dev/input/by-id/...-event-kbd link. */
  device: string;
  layout?: KeyboardLayout;
  eventSize: 16 | 24;
  /** A read whose median gap between keys is longer than this was typed by a person. Default 35 ms. */
  burstMaxGapMs?: number;
  maxLength?: number;
  reconnectMs?: number;
}

const log = createLogger('scanner');

/**
 * A USB keyboard-wedge scanner read through evdev. Key events become characters with the
 * configured layout (Shift and Caps Lock honoured); Enter ends a read. Reads typed slower than a
 * scanner types (a person at a keyboard) are rejected as `typed`. Reconnects after unplug.
 */
export class EvdevScanner implements Scanner {
  readonly kind = 'evdev';
  private readonly scans = new Listeners<ScanEvent>();
  private readonly rejects = new Listeners<ScanRejected>();
  private readonly keys: KeyDecoder;
  private stream: ReadStream | undefined;
  private records: InputEventDecoder;
  private running = false;
  private reconnect: Reconnect | undefined;

  constructor(
    private readonly options: EvdevScannerOptions,
    private readonly clock: Clock,
  ) {
    this.keys = new KeyDecoder(options.layout ?? 'us');
    this.records = new InputEventDecoder(options.eventSize);
  }

  get connected(): boolean {
    return this.stream !== undefined;
  }

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
    const stream = this.stream;
    this.stream = undefined;
    stream?.destroy();
  }

  private connect(): Promise<void> {
    const path = this.options.device;
    return new Promise<void>((resolve, reject) => {
      const stream = createReadStream(path, { highWaterMark: this.options.eventSize * 64 });
      stream.once('open', () => {
        this.stream = stream;
        this.records = new InputEventDecoder(this.options.eventSize);
        this.keys.reset();
        log.info({ device: path }, 'keyboard-wedge scanner connected');
        resolve();
      });
      stream.on('data', (chunk) => this.receive(chunk as Buffer));
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (this.stream !== stream) return reject(this.openError(err));
        log.warn({ err, device: path }, `scanner input device error: ${err.message}`);
      });
      stream.on('close', () => {
        if (this.stream !== stream) return;
        this.stream = undefined;
        if (this.running) this.startReconnect();
      });
    });
  }

  private openError(err: NodeJS.ErrnoException): DriverError {
    const path = this.options.device;
    if (err.code === 'EACCES')
      return new DriverError(
        'scanner',
        'disconnected',
        'permission',
        `no permission to read ${path}`,
        'add the kiosk user to the "input" group (sudo usermod -aG input kiosk) and log in again',
        { cause: err },
      );
    return new DriverError(
      'scanner',
      'disconnected',
      'no-device',
      `scanner input device ${path} is not there (${err.code ?? err.message})`,
      'plug the scanner in; find its stable name with "ls -l /dev/input/by-id/" and set scanner.device to the ...-event-kbd link',
      { cause: err },
    );
  }

  private receive(chunk: Buffer): void {
    for (const event of this.records.push(chunk)) {
      const read = this.keys.push(event);
      if (read) this.deliver(read.text, read.pressTimesUs, read.unknownKeys);
      else if (this.keys.pending > (this.options.maxLength ?? 4096)) {
        this.reject('too-long', this.keys.pending);
        this.keys.reset();
      }
    }
  }

  private deliver(text: string, times: number[], unknownKeys: number): void {
    if (times.length === 0) return;
    const gap = medianGapMs(times);
    if (times.length > 1 && gap > (this.options.burstMaxGapMs ?? 35))
      return this.reject('typed', times.length);
    if (unknownKeys > 0) return this.reject('unknown-key', times.length);
    this.scans.emit({ data: text.normalize('NFC'), at: this.clock.now() }, (err) =>
      log.error({ err }, 'scan listener failed'),
    );
  }

  private reject(reason: ScanRejected['reason'], length: number): void {
    log.warn(
      { reason, length, device: this.options.device },
      reason === 'typed'
        ? 'keys typed at human speed on the scanner input were ignored'
        : `scanner read rejected (${reason}): set the scanner to the US keyboard layout with an Enter suffix`,
    );
    this.rejects.emit({ reason, length, at: this.clock.now() });
  }

  private startReconnect(): void {
    if (this.reconnect?.active) return;
    log.warn(
      { device: this.options.device },
      'scanner unplugged: plug it back in; reconnecting automatically',
    );
    this.reconnect ??= new Reconnect(
      this.clock,
      this.options.reconnectMs ?? 1000,
      () => this.connect(),
      (err) => log.debug({ err }, 'scanner reconnect attempt failed'),
    );
    this.reconnect.start();
  }
}
