import type { PrinterTransport } from '../drivers/printer/transport.js';
import { DriverError } from '../runtime/errors.js';
import { Listeners } from '../runtime/listeners.js';
import type { PrinterFirmware } from './printer-firmware.js';

/**
 * A printer cable in memory: the bytes the driver writes go straight into a PrinterFirmware, and
 * its DLE EOT replies come back as data, so the real EscPosPrinter runs unchanged in the
 * simulator and in tests. `unplugged` pulls the cable: an open link drops (the driver sees a
 * disconnect) and open() fails with `no-device` until it is plugged back in.
 */
export class MemoryTransport implements PrinterTransport {
  readonly bidirectional = true;
  readonly description = 'simulator (in-memory link)';
  private connected = false;
  private pulled = false;
  private readonly data = new Listeners<Uint8Array>();
  private readonly disconnects = new Listeners<string>();

  constructor(private readonly firmware: PrinterFirmware) {}

  get isOpen(): boolean {
    return this.connected;
  }

  get unplugged(): boolean {
    return this.pulled;
  }

  set unplugged(pulled: boolean) {
    this.pulled = pulled;
    if (!pulled || !this.connected) return;
    this.connected = false;
    this.firmware.resetLink();
    this.disconnects.emit('cable pulled');
  }

  async open(_timeoutMs: number): Promise<void> {
    if (this.pulled)
      throw new DriverError(
        'printer',
        'disconnected',
        'no-device',
        'printer is not connected',
        'plug the printer cable in and switch the printer on',
      );
    this.connected = true;
  }

  async write(bytes: Uint8Array, _timeoutMs: number): Promise<void> {
    if (!this.connected)
      throw new DriverError('printer', 'disconnected', 'not-open', `${this.description} is not open`);
    this.firmware.receive(bytes, (reply) => this.data.emit(reply));
  }

  transferMs(_bytes: number): number {
    return 0;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onDisconnect(listener: (reason: string) => void): () => void {
    return this.disconnects.add(listener);
  }

  async close(): Promise<void> {
    if (this.connected) this.firmware.resetLink();
    this.connected = false;
  }
}
