import type { SerialPort } from 'serialport';
import { closeSerialPort, openSerialPort } from '../drivers/serial-port.js';
import { PtyPair } from './pty-pair.js';

/** Kinds of rubbish a real scanner line produces: noise at the wrong baud rate, a binary dump, a runaway read. */
export type ScannerGarbage = 'invalid-utf8' | 'control-bytes' | 'too-long';

/**
 * A serial barcode scanner at the far end of a real pty (socat). scan() sends a read with the
 * configured suffix, garbage() sends the faults scanners really produce, unplug() kills socat.
 */
export class PtyScanner {
  readonly pair: PtyPair;
  private port: SerialPort | undefined;

  constructor(
    dir: string,
    private readonly suffix = '\r\n',
    name = 'scanner',
  ) {
    this.pair = new PtyPair(dir, name);
  }

  /** The path the driver opens (config scanner.path). */
  get path(): string {
    return this.pair.devicePath;
  }

  async start(): Promise<void> {
    await this.pair.plug();
    this.port = await openSerialPort({ device: 'mock-scanner', path: this.pair.mockPath, baudRate: 9600 });
    this.port.on('error', () => this.port?.destroy());
  }

  /** Sends one read, UTF-8, with the suffix. Optionally in several chunks like a slow UART. */
  async scan(data: string, chunkSize?: number): Promise<void> {
    await this.send(Buffer.from(data.normalize('NFC') + this.suffix, 'utf8'), chunkSize);
  }

  async garbage(kind: ScannerGarbage, length = 70_000): Promise<void> {
    switch (kind) {
      case 'invalid-utf8':
        return this.send(
          Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), Buffer.from(this.suffix)]),
        );
      case 'control-bytes':
        return this.send(Buffer.concat([Buffer.from('079\x00\x1b[2J\x07'), Buffer.from(this.suffix)]));
      case 'too-long':
        return this.send(Buffer.concat([Buffer.alloc(length, 0x41), Buffer.from(this.suffix)]), 4096);
    }
  }

  async send(bytes: Uint8Array, chunkSize = bytes.length): Promise<void> {
    const port = this.port;
    if (!port) throw new Error('PtyScanner is unplugged');
    for (let i = 0; i < bytes.length; i += chunkSize) {
      await new Promise<void>((resolve, reject) =>
        port.write(Buffer.from(bytes.subarray(i, i + chunkSize)), (err) => (err ? reject(err) : resolve())),
      );
      await new Promise<void>((resolve, reject) => port.drain((err) => (err ? reject(err) : resolve())));
    }
  }

  async unplug(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port) await closeSerialPort(port);
    await this.pair.unplug();
  }

  async plug(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.unplug();
  }
}
