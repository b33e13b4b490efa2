import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeStatus } from '../drivers/printer/escpos-status.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { Listeners } from '../runtime/listeners.js';
import { parseCommand } from './escpos-commands.js';
import { decodeEscPos, type DecodedReceipt } from './escpos-decoder.js';

export interface MockReceiptOut extends DecodedReceipt {
  id: number;
  /** When the cut came (the firmware's clock). */
  at: number;
  raw: Uint8Array;
  /** False when the paper ran out (or the cover opened) part-way through. */
  complete: boolean;
  /** Where the PNG was written, when the printer has an output directory. */
  pngPath?: string;
}

/** How the mock answers DLE EOT: correctly, with line noise, or not at all. */
export type ReplyMode = 'normal' | 'garbage' | 'silent';

/**
 * The firmware of a mock thermal printer, independent of the link (pty, TCP). It parses the
 * ESC/POS stream command by command: DLE EOT requests are answered at once from the current
 * state, everything else is printed; GS V (cut) ends a receipt, decoded to a PNG. Fault
 * switches: paper near-end / out, `paperLeftBytes` or `paperLeftJobs` (roll runs out mid-job),
 * cover open, offline, cutter error, garbage or silent status replies. Keeps the last `keep`
 * receipts.
 */
export class PrinterFirmware {
  readonly receipts: MockReceiptOut[] = [];
  paper: 'ok' | 'near-end' | 'out' = 'ok';
  coverOpen = false;
  offline = false;
  cutterError = false;
  replies: ReplyMode = 'normal';
  /** Print bytes left on the roll; when it reaches 0 the paper is out. Undefined = endless. */
  paperLeftBytes: number | undefined;
  /**
   * Receipts the roll still has paper for; each receipt begun at 0 runs out half-way through the
   * bytes in hand (half a receipt comes out, then the paper is out). Undefined = endless.
   */
  paperLeftJobs: number | undefined;
  /** Every status request seen, in order (1-4). */
  readonly statusRequests: number[] = [];
  private pending = new Uint8Array(0);
  private job: number[] = [];
  private jobComplete = true;
  private nextId = 1;
  private readonly receiptListeners = new Listeners<MockReceiptOut>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly widthDots: number,
    private readonly outDir?: string,
    private readonly clock: Clock = systemClock,
    private readonly keep = Number.POSITIVE_INFINITY,
  ) {}

  onReceipt(listener: (receipt: MockReceiptOut) => void): () => void {
    return this.receiptListeners.add(listener);
  }

  /** Resolves with the next receipt (or rejects after timeoutMs). */
  nextReceipt(timeoutMs = 5000): Promise<MockReceiptOut> {
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

  get lastReceipt(): MockReceiptOut | undefined {
    return this.receipts[this.receipts.length - 1];
  }

  /** Resolves when every receipt PNG has been written. */
  flushed(): Promise<unknown> {
    return this.writes.catch(() => undefined);
  }

  /** Forgets a half-received command (the link dropped). */
  resetLink(): void {
    this.pending = new Uint8Array(0);
  }

  /** Bytes from the host; `reply` sends bytes back on the same link. */
  receive(chunk: Uint8Array, reply: (bytes: Uint8Array) => void): void {
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
        const byte = this.statusByte(command.n);
        if (byte !== undefined) reply(Uint8Array.of(byte));
      } else {
        if (this.job.length === 0 && this.paperLeftJobs !== undefined)
          this.paperLeftBytes = this.paperLeftJobs === 0 ? Math.floor((data.length - i) / 2) : undefined;
        this.consume(data.subarray(i, i + length));
        if (command.type === 'cut') this.finishReceipt();
      }
      i += length;
    }
    this.pending = data.slice(i);
  }

  private canPrint(): boolean {
    return this.paper !== 'out' && !this.coverOpen && !this.offline && !this.cutterError;
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
    const receipt: MockReceiptOut = { ...decoded, id: this.nextId++, at: this.clock.now(), raw, complete };
    this.receipts.push(receipt);
    if (this.receipts.length > this.keep) this.receipts.shift();
    if (complete && this.paperLeftJobs !== undefined && this.paperLeftJobs > 0) this.paperLeftJobs--;
    const outDir = this.outDir;
    if (outDir) {
      receipt.pngPath = join(outDir, `receipt-${receipt.id}.png`);
      this.writes = this.writes.then(() => writeFile(receipt.pngPath as string, decoded.png));
    }
    this.receiptListeners.emit(receipt);
  }

  private statusByte(n: number): number | undefined {
    if (this.replies === 'silent') return undefined;
    if (this.replies === 'garbage') return 0xff;
    const raw = encodeStatus({
      offline: this.offline,
      coverOpen: this.coverOpen,
      paper: this.paper,
      cutterError: this.cutterError,
    });
    return n === 1 ? raw.printer : n === 2 ? raw.offline : n === 3 ? raw.error : raw.paper;
  }
}
