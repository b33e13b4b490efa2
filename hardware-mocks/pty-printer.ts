import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SerialPort } from 'serialport';
import { encodeStatus } from '../drivers/printer/escpos-status.js';
import { closeSerialPort, openSerialPort } from '../drivers/serial-port.js';
import { Listeners } from '../runtime/listeners.js';
import { parseCommand } from './escpos-commands.js';
import { decodeEscPos, type DecodedReceipt } from './escpos-decoder.js';
import { PtyPair } from './pty-pair.js';

export interface PtyReceipt extends DecodedReceipt {
  id: number;
  raw: Uint8Array;
  /** False when the paper ran out (or the cover opened) part-way through. */
  complete: boolean;
  /** Where the PNG was written, when the printer has an output directory. */
  pngPath?: string;
}

export interface PtyPrinterOptions {
  /** Directory for the pty links (and receipt PNGs unless outDir is given). */
  dir: string;
  widthDots?: number;
  /** Writes each receipt as receipt-<id>.png here. */
  outDir?: string;
  name?: string;
}

/** How the mock answers DLE EOT: correctly, with line noise, or not at all. */
export type ReplyMode = 'normal' | 'garbage' | 'silent';

/**
 * A thermal printer at the far end of a real pty (socat). It parses the ESC/POS stream command
 * by command like firmware does: DLE EOT requests are answered at once from the current state,
 * everything else is printed; GS V (cut) ends a receipt, decoded to a PNG. Fault switches:
 * paper near-end / out, `paperLeftBytes` (roll runs out mid-job), cover open, offline, cutter
 * error, garbage or silent status replies, and unplug() (socat killed).
 */
export class PtyPrinter {
  readonly pair: PtyPair;
  readonly widthDots: number;
  readonly receipts: PtyReceipt[] = [];
  paper: 'ok' | 'near-end' | 'out' = 'ok';
  coverOpen = false;
  offline = false;
  cutterError = false;
  replies: ReplyMode = 'normal';
  /** Print bytes left on the roll; when it reaches 0 the paper is out. Undefined = endless. */
  paperLeftBytes: number | undefined;
  /** Every status request seen, in order (1-4). */
  readonly statusRequests: number[] = [];
  private port: SerialPort | undefined;
  private pending = new Uint8Array(0);
  private job: number[] = [];
  private jobComplete = true;
  private nextId = 1;
  private readonly receiptListeners = new Listeners<PtyReceipt>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PtyPrinterOptions) {
    this.pair = new PtyPair(options.dir, options.name ?? 'printer');
    this.widthDots = options.widthDots ?? 576;
  }

  /** The path the driver opens (config printer.path). */
  get path(): string {
    return this.pair.devicePath;
  }

  async start(): Promise<void> {
    await this.pair.plug();
    this.port = await openSerialPort({ device: 'mock-printer', path: this.pair.mockPath, baudRate: 115_200 });
    this.port.on('data', (chunk: Buffer) => this.receive(new Uint8Array(chunk)));
    this.port.on('error', () => this.port?.destroy());
  }

  /** Pulls the cable: the driver's port errors/closes; state and receipts are kept. */
  async unplug(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port) await closeSerialPort(port);
    await this.pair.unplug();
    this.pending = new Uint8Array(0);
  }

  /** Plugs the cable back in at the same path. */
  async plug(): Promise<void> {
    await this.start();
  }

  onReceipt(listener: (receipt: PtyReceipt) => void): () => void {
    return this.receiptListeners.add(listener);
  }

  /** Resolves with the next receipt (or rejects after timeoutMs). */
  nextReceipt(timeoutMs = 5000): Promise<PtyReceipt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`mock printer got no complete receipt within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onReceipt((r) => {
        clearTimeout(timer);
        off();
        resolve(r);
      });
    });
  }

  get lastReceipt(): PtyReceipt | undefined {
    return this.receipts[this.receipts.length - 1];
  }

  async stop(): Promise<void> {
    await this.writes.catch(() => undefined);
    await this.unplug();
  }

  private canPrint(): boolean {
    return this.paper !== 'out' && !this.coverOpen && !this.offline && !this.cutterError;
  }

  private receive(chunk: Uint8Array): void {
    const data = new Uint8Array(this.pending.length + chunk.length);
    data.set(this.pending);
    data.set(chunk, this.pending.length);
    let i = 0;
    for (;;) {
      const parsed = parseCommand(data, i);
      if (!parsed) break;
      const { command, length } = parsed;
      if (command.type === 'status-request') {
        this.statusRequests.push(command.n);
        this.reply(command.n);
      } else {
        this.consume(data.subarray(i, i + length));
        if (command.type === 'cut') this.finishReceipt();
      }
      i += length;
    }
    this.pending = data.slice(i);
  }

  private consume(bytes: Uint8Array): void {
    if (!this.canPrint()) {
      // A stopped printer discards data; the receipt in progress is spoiled.
      if (this.job.length > 0) this.jobComplete = false;
      return;
    }
    let take = bytes.length;
    if (this.paperLeftBytes !== undefined) {
      take = Math.min(take, this.paperLeftBytes);
      this.paperLeftBytes -= take;
      if (this.paperLeftBytes <= 0) {
        this.paper = 'out';
        if (take < bytes.length) this.jobComplete = false;
      }
    }
    for (let k = 0; k < take; k++) this.job.push(bytes[k] as number);
  }

  private finishReceipt(): void {
    if (this.job.length === 0) return;
    const raw = Uint8Array.from(this.job);
    const complete = this.jobComplete && this.canPrint();
    this.job = [];
    this.jobComplete = true;
    const decoded = decodeEscPos(raw, this.widthDots);
    const receipt: PtyReceipt = { ...decoded, id: this.nextId++, raw, complete };
    this.receipts.push(receipt);
    const outDir = this.options.outDir;
    if (outDir) {
      receipt.pngPath = join(outDir, `receipt-${receipt.id}.png`);
      this.writes = this.writes.then(() => writeFile(receipt.pngPath as string, decoded.png));
    }
    this.receiptListeners.emit(receipt);
  }

  private reply(n: number): void {
    if (this.replies === 'silent' || !this.port) return;
    let byte: number;
    if (this.replies === 'garbage') byte = 0xff;
    else {
      const raw = encodeStatus({
        offline: this.offline,
        coverOpen: this.coverOpen,
        paper: this.paper,
        cutterError: this.cutterError,
      });
      byte = n === 1 ? raw.printer : n === 2 ? raw.offline : n === 3 ? raw.error : raw.paper;
    }
    this.port.write(Buffer.of(byte));
  }
}
