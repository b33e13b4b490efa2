import type { SerialPort } from 'serialport';
import { closeSerialPort, openSerialPort } from '../drivers/serial-port.js';
import { PrinterFirmware } from './printer-firmware.js';
import { PtyPair } from './pty-pair.js';

export type { MockReceiptOut as PtyReceipt, ReplyMode } from './printer-firmware.js';

export interface PtyPrinterOptions {
  /** Directory for the pty links. */
  dir: string;
  widthDots?: number;
  /** Writes each receipt as receipt-<id>.png here. */
  outDir?: string;
  name?: string;
}

/**
 * A thermal printer at the far end of a real pty (socat): PrinterFirmware (ESC/POS parsing,
 * status replies, fault switches, receipts) behind a serial link. unplug() kills socat, so the
 * driver sees what a pulled cable does; plug() restores the same path.
 */
export class PtyPrinter extends PrinterFirmware {
  readonly pair: PtyPair;
  private port: SerialPort | undefined;

  constructor(options: PtyPrinterOptions) {
    super(options.widthDots ?? 576, options.outDir);
    this.pair = new PtyPair(options.dir, options.name ?? 'printer');
  }

  /** The path the driver opens (config printer.path). */
  get path(): string {
    return this.pair.devicePath;
  }

  async start(): Promise<void> {
    await this.pair.plug();
    const port = await openSerialPort({
      device: 'mock-printer',
      path: this.pair.mockPath,
      baudRate: 115_200,
    });
    port.on('data', (chunk: Buffer) =>
      this.receive(new Uint8Array(chunk), (bytes) => port.write(Buffer.from(bytes))),
    );
    port.on('error', () => port.destroy());
    this.port = port;
  }

  /** Pulls the cable: the driver's port errors/closes; state and receipts are kept. */
  async unplug(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port) await closeSerialPort(port);
    await this.pair.unplug();
    this.resetLink();
  }

  /** Plugs the cable back in at the same path. */
  async plug(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.flushed();
    await this.unplug();
  }
}
