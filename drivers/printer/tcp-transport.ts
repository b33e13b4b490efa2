import { Socket } from 'node:net';
import { DriverError } from '../../runtime/errors.js';
import { Listeners } from '../../runtime/listeners.js';
import { createLogger } from '../../runtime/logger.js';
import { withTimeout, type PrinterTransport } from './transport.js';

const log = createLogger('printer');

/** A network printer on raw TCP (port 9100, "JetDirect"); status replies come back on the socket. */
export class TcpTransport implements PrinterTransport {
  readonly bidirectional = true;
  private socket: Socket | undefined;
  private readonly data = new Listeners<Uint8Array>();
  private readonly disconnects = new Listeners<string>();

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  get description(): string {
    return `tcp://${this.host}:${this.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  async open(timeoutMs: number): Promise<void> {
    if (this.isOpen) return;
    const socket = new Socket();
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.connect({ host: this.host, port: this.port });
    try {
      await withTimeout(connected, timeoutMs, () => {
        socket.destroy();
        return new DriverError(
          'printer',
          'timeout',
          'connect-timeout',
          `no answer from network printer ${this.description} within ${timeoutMs} ms`,
          'check the printer is on and its IP address (print its network self-test page) matches printer.host',
        );
      });
    } catch (err) {
      socket.destroy();
      if (err instanceof DriverError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new DriverError(
        'printer',
        'disconnected',
        code === 'ECONNREFUSED' ? 'refused' : 'no-device',
        `cannot connect to network printer ${this.description}: ${(err as Error).message}`,
        code === 'ECONNREFUSED'
          ? 'the printer answered but refuses port 9100: enable raw/JetDirect printing in its network settings or fix printer.port'
          : 'check the network cable and that printer.host is the printer address',
        { cause: err },
      );
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    socket.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = undefined;
        this.disconnects.emit(`${this.description} closed the connection`);
      }
    });
    socket.on('error', (err) => {
      log.warn({ err, target: this.description }, `network printer connection error: ${err.message}`);
      socket.destroy();
    });
    this.socket = socket;
  }

  transferMs(bytes: number): number {
    // LAN is fast; the printer's buffer fills at print speed (~20 KB/s for 80 mm raster).
    return Math.ceil(bytes / 20);
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed)
      throw new DriverError('printer', 'disconnected', 'not-open', `${this.description} is not connected`);
    const done = new Promise<void>((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
    await withTimeout(
      done.catch((err: unknown) => {
        throw new DriverError(
          'printer',
          'disconnected',
          'write-failed',
          `sending to ${this.description} failed: ${err instanceof Error ? err.message : String(err)}`,
          'check the network cable and printer power',
          { cause: err },
        );
      }),
      timeoutMs,
      () => {
        socket.destroy();
        return new DriverError(
          'printer',
          'timeout',
          'write-timeout',
          `network printer ${this.description} did not take ${bytes.length} bytes within ${timeoutMs} ms`,
          'the printer is stalled: check its error light, then power-cycle it',
        );
      },
    );
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onDisconnect(listener: (reason: string) => void): () => void {
    return this.disconnects.add(listener);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}
