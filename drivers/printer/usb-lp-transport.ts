import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DriverError } from '../../runtime/errors.js';
import { Listeners } from '../../runtime/listeners.js';
import { withTimeout, type PrinterTransport } from './transport.js';

/**
 * A USB printer-class device (`/dev/usb/lp0`, kernel usblp driver), written like a file. Status
 * is not read back (many printers do not answer on the bulk-in pipe and a blocking read would
 * hang); the kernel reports paper-out as ENOSPC on write, which becomes DriverError('paper-out').
 */
export class UsbLpTransport implements PrinterTransport {
  readonly bidirectional = false;
  private handle: FileHandle | undefined;
  private readonly disconnects = new Listeners<string>();

  constructor(private readonly path: string) {}

  get description(): string {
    return this.path;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(timeoutMs: number): Promise<void> {
    if (this.handle) return;
    // No O_CREAT: a missing device must fail, not leave a regular file at /dev/usb/lp0.
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY;
    try {
      this.handle = await withTimeout(open(this.path, flags), timeoutMs, () => this.timeout('open'));
    } catch (err) {
      throw this.mapError(err, 'open');
    }
  }

  transferMs(bytes: number): number {
    return Math.ceil(bytes / 20);
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new DriverError('printer', 'disconnected', 'not-open', `${this.path} is not open`);
    try {
      let offset = 0;
      const all = async (): Promise<void> => {
        while (offset < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
          offset += bytesWritten;
        }
      };
      await withTimeout(all(), timeoutMs, () => this.timeout('write'));
    } catch (err) {
      const mapped = this.mapError(err, 'write');
      if (mapped.kind === 'disconnected') {
        this.handle = undefined;
        await handle.close().catch(() => undefined);
        this.disconnects.emit(`${this.path}: ${mapped.message}`);
      }
      throw mapped;
    }
  }

  onData(_listener: (bytes: Uint8Array) => void): () => void {
    return () => undefined;
  }

  onDisconnect(listener: (reason: string) => void): () => void {
    return this.disconnects.add(listener);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private timeout(what: string): DriverError {
    return new DriverError(
      'printer',
      'timeout',
      `${what}-timeout`,
      `${what} on ${this.path} did not finish in time`,
      'the printer stopped taking data: check its error light, then power-cycle it',
    );
  }

  private mapError(err: unknown, what: string): DriverError {
    if (err instanceof DriverError) return err;
    const code = (err as NodeJS.ErrnoException).code;
    const message = err instanceof Error ? err.message : String(err);
    switch (code) {
      case 'ENOSPC':
        return new DriverError(
          'printer',
          'device-fault',
          'paper-out',
          'printer is out of paper (the USB printer driver refused the data)',
          'load a new paper roll (58/80 mm thermal paper) and close the cover',
          { cause: err },
        );
      case 'ENOENT':
      case 'ENODEV':
      case 'ENXIO':
        return new DriverError(
          'printer',
          'disconnected',
          'no-device',
          `USB printer ${this.path} is not there`,
          'plug the printer USB cable in and switch the printer on; "ls /dev/usb/" should list lp0 (see docs/hardware.md for a stable udev name)',
          { cause: err },
        );
      case 'EACCES':
      case 'EPERM':
        return new DriverError(
          'printer',
          'disconnected',
          'permission',
          `no permission to write ${this.path}`,
          'add the kiosk user to the "lp" group (sudo usermod -aG lp kiosk) and log in again',
          { cause: err },
        );
      case 'EBUSY':
        return new DriverError(
          'printer',
          'busy',
          'busy',
          `${this.path} is in use (CUPS?)`,
          'stop CUPS from holding the printer: sudo systemctl disable --now cups',
          { cause: err },
        );
      default:
        return new DriverError(
          'printer',
          'disconnected',
          `${what}-failed`,
          `${what} ${this.path} failed: ${message}`,
          'check the USB cable and printer power',
          { cause: err },
        );
    }
  }
}
