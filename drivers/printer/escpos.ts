/**
 * Builds ESC/POS byte sequences. Chain calls, then bytes():
 *   new EscPos().init().raster(image).feed(3).cut().bytes()
 */
export interface MonoImage {
  /** Width in dots (multiple of 8 is not required; rows are padded). */
  width: number;
  height: number;
  /** One byte per dot: non-zero = black. */
  dots: Uint8Array;
}

export class EscPos {
  private readonly parts: Uint8Array[] = [];

  private push(...bytes: number[]): this {
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }

  /** ESC @: reset the printer to defaults. */
  init(): this {
    return this.push(0x1b, 0x40);
  }

  /** Raw bytes (already encoded text, for example). */
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }

  /** ESC d n: print and feed n lines. */
  feed(lines = 1): this {
    return this.push(0x1b, 0x64, Math.max(0, Math.min(255, lines)));
  }

  /** GS V 66 n: feed n dots then partial cut. */
  cut(feedDots = 0): this {
    return this.push(0x1d, 0x56, 66, Math.max(0, Math.min(255, feedDots)));
  }

  /** GS v 0: print a raster bit image, in bands of at most 255 rows for old printers. */
  raster(image: MonoImage, bandRows = 255): this {
    const bytesPerRow = Math.ceil(image.width / 8);
    for (let top = 0; top < image.height; top += bandRows) {
      const rows = Math.min(bandRows, image.height - top);
      const header = [0x1d, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8];
      const body = new Uint8Array(bytesPerRow * rows);
      for (let y = 0; y < rows; y++) {
        for (let x = 0; x < image.width; x++) {
          if (image.dots[(top + y) * image.width + x]) body[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
        }
      }
      this.push(...header);
      this.parts.push(body);
    }
    return this;
  }

  /** ESC t n: select a character code table (WPC1258 is 52 on Epson-compatible printers). */
  codePage(n: number): this {
    return this.push(0x1b, 0x74, clampByte(n, 'codePage'));
  }

  /**
   * Text in the current code page, already encoded (see encodeText in text-encoding.ts).
   * Follow with newline() to print the line.
   */
  text(encoded: Uint8Array): this {
    return this.raw(encoded);
  }

  /** LF: print the buffered line and feed one line. */
  newline(): this {
    return this.push(0x0a);
  }

  /** ESC a n: 0 left, 1 centre, 2 right. */
  align(where: 'left' | 'center' | 'right'): this {
    return this.push(0x1b, 0x61, where === 'left' ? 0 : where === 'center' ? 1 : 2);
  }

  /** ESC E n: emphasised (bold) on/off. */
  bold(on: boolean): this {
    return this.push(0x1b, 0x45, on ? 1 : 0);
  }

  /** GS ! n: character size, 1-8 times in each direction. */
  size(width: number, height: number): this {
    if (!Number.isInteger(width) || width < 1 || width > 8)
      throw new TypeError(`size: width must be 1-8, got ${width}`);
    if (!Number.isInteger(height) || height < 1 || height > 8)
      throw new TypeError(`size: height must be 1-8, got ${height}`);
    return this.push(0x1d, 0x21, ((width - 1) << 4) | (height - 1));
  }

  /** GS ( K fn 49: print density, -6 (lighter) to +6 (darker). */
  density(level: number): this {
    if (!Number.isInteger(level) || level < -6 || level > 6)
      throw new TypeError(`density: must be a whole number from -6 to 6, got ${level}`);
    return this.push(0x1d, 0x28, 0x4b, 0x02, 0x00, 0x31, level & 0xff);
  }

  /**
   * GS ( k: a native QR code (model 2). `moduleSize` is dots per module (1-16); `ecc` the error
   * correction level. Data is UTF-8 bytes.
   */
  qr(data: string | Uint8Array, options: { moduleSize?: number; ecc?: 'L' | 'M' | 'Q' | 'H' } = {}): this {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data.normalize('NFC')) : data;
    if (bytes.length === 0) throw new TypeError('qr: data must not be empty');
    if (bytes.length > 7089) throw new TypeError(`qr: data must be at most 7089 bytes, got ${bytes.length}`);
    const moduleSize = options.moduleSize ?? 6;
    if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16)
      throw new TypeError(`qr: moduleSize must be 1-16, got ${moduleSize}`);
    const ecc = { L: 48, M: 49, Q: 50, H: 51 }[options.ecc ?? 'M'];
    const storeLength = bytes.length + 3;
    this.push(0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00); // fn 65: model 2
    this.push(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize); // fn 67: module size
    this.push(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, ecc); // fn 69: error correction
    this.push(0x1d, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30); // fn 80: store
    this.parts.push(bytes);
    return this.push(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30); // fn 81: print
  }

  /**
   * GS k m n d1..dn: a 1-D barcode with human-readable text below. CODE128 uses code set B
   * (printable ASCII); EAN13 takes 12 or 13 digits; CODE39 upper-case letters, digits, -. $/+%.
   */
  barcode(
    data: string,
    options: { system?: BarcodeSystem; height?: number; moduleWidth?: number; hri?: boolean } = {},
  ): this {
    const system = options.system ?? 'CODE128';
    checkBarcode(system, data);
    const height = options.height ?? 80;
    const moduleWidth = options.moduleWidth ?? 2;
    this.push(0x1d, 0x48, options.hri === false ? 0 : 2); // HRI below
    this.push(0x1d, 0x68, clampByte(height, 'barcode.height'));
    if (moduleWidth < 2 || moduleWidth > 6)
      throw new TypeError(`barcode: moduleWidth must be 2-6, got ${moduleWidth}`);
    this.push(0x1d, 0x77, moduleWidth);
    const ascii = Array.from(data, (c) => c.charCodeAt(0));
    const payload = system === 'CODE128' ? [0x7b, 0x42, ...ascii] : ascii; // "{B" selects code set B
    return this.push(0x1d, 0x6b, BARCODE_M[system], payload.length, ...payload);
  }

  /** DLE EOT n: real-time status request (1 printer, 2 offline cause, 3 error cause, 4 paper). */
  statusRequest(n: 1 | 2 | 3 | 4): this {
    return this.push(0x10, 0x04, n);
  }

  bytes(): Uint8Array {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
}

export type BarcodeSystem = 'CODE128' | 'EAN13' | 'CODE39';

/** GS k function B system numbers (m = 65..). */
export const BARCODE_M: Record<BarcodeSystem, number> = { EAN13: 67, CODE39: 69, CODE128: 73 };

function clampByte(n: number, field: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 255)
    throw new TypeError(`${field}: must be a whole number from 0 to 255, got ${n}`);
  return n;
}

function checkBarcode(system: BarcodeSystem, data: string): void {
  const ok =
    system === 'EAN13'
      ? /^\d{12,13}$/.test(data)
      : system === 'CODE39'
        ? /^[0-9A-Z\-. $/+%]{1,253}$/.test(data)
        : /^[\x20-\x7e]{1,253}$/.test(data);
  if (!ok) throw new TypeError(`barcode: data ${JSON.stringify(data)} cannot be encoded as ${system}`);
}

/** Thresholds an RGBA image into printer dots (luminance below `threshold` is black). */
export function toMonoImage(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  threshold = 160,
): MonoImage {
  const dots = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const a = (rgba[i * 4 + 3] ?? 255) / 255;
    const lum =
      (0.299 * (rgba[i * 4] ?? 255) + 0.587 * (rgba[i * 4 + 1] ?? 255) + 0.114 * (rgba[i * 4 + 2] ?? 255)) *
        a +
      255 * (1 - a);
    dots[i] = lum < threshold ? 1 : 0;
  }
  return { width, height, dots };
}
