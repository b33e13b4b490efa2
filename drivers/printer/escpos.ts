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
