import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { PrinterFirmware } from './printer-firmware.js';

/**
 * A network thermal printer: PrinterFirmware behind a TCP listener (raw port 9100 protocol).
 * Listens on 127.0.0.1 and port 0 by default; `port` tells where. dropClients() cuts every
 * connection, like a printer rebooting.
 */
export class TcpPrinter extends PrinterFirmware {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(widthDots = 576, outDir?: string) {
    super(widthDots, outDir);
  }

  get port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('TcpPrinter is not listening; call start() first');
    return address.port;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('data', (chunk: Buffer) =>
        this.receive(new Uint8Array(chunk), (bytes) => socket.write(bytes)),
      );
      socket.on('close', () => {
        this.sockets.delete(socket);
        this.resetLink();
      });
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
  }

  dropClients(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    await this.flushed();
    this.dropClients();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
