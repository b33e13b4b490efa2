import type { ScanRejectReason } from './types.js';

export type FramedRead = { ok: true; data: string } | { ok: false; reason: ScanRejectReason; length: number };

export interface LineFramerOptions {
  /** Longest accepted read in bytes; longer lines are dropped whole as `too-long`. Default 4096. */
  maxLength?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** C0 controls (except TAB), DEL and C1 controls never appear in a real barcode or QR payload. */
function hasControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if ((c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/**
 * Splits a scanner byte stream into reads at CR, LF or CRLF and validates each one: strict UTF-8,
 * no control bytes, at most `maxLength` bytes. Memory stays bounded whatever arrives: an
 * over-long line is counted, not kept. Pure: feed it Buffers split anywhere.
 */
export class LineFramer {
  private readonly maxLength: number;
  private chunks: Uint8Array[] = [];
  private size = 0;
  private overflow = 0;

  constructor(options: LineFramerOptions = {}) {
    this.maxLength = options.maxLength ?? 4096;
    if (!Number.isInteger(this.maxLength) || this.maxLength < 1)
      throw new TypeError(`maxLength: must be a positive whole number, got ${this.maxLength}`);
  }

  push(bytes: Uint8Array): FramedRead[] {
    const out: FramedRead[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b !== 0x0d && b !== 0x0a) continue;
      this.append(bytes.subarray(start, i));
      start = i + 1;
      const read = this.take();
      if (read) out.push(read);
    }
    this.append(bytes.subarray(start));
    return out;
  }

  /** Drops a partial line (link lost mid-read). Returns it as a rejection when there was one. */
  reset(): FramedRead | undefined {
    const length = this.size + this.overflow;
    const reason = this.overflow > 0 ? 'too-long' : 'incomplete';
    this.chunks = [];
    this.size = 0;
    this.overflow = 0;
    return length > 0 ? { ok: false, reason, length } : undefined;
  }

  private append(part: Uint8Array): void {
    if (part.length === 0) return;
    if (this.overflow > 0 || this.size + part.length > this.maxLength) {
      this.overflow += this.size + part.length;
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(part.slice());
    this.size += part.length;
  }

  private take(): FramedRead | undefined {
    if (this.overflow > 0) {
      const length = this.overflow;
      this.overflow = 0;
      return { ok: false, reason: 'too-long', length };
    }
    if (this.size === 0) return undefined; // empty line between CR and LF
    const bytes = Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { ok: false, reason: 'invalid-utf8', length: bytes.length };
    }
    if (hasControl(text)) return { ok: false, reason: 'control-bytes', length: bytes.length };
    return { ok: true, data: text.normalize('NFC') };
  }
}
