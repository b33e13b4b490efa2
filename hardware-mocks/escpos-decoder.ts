import { createCanvas } from '@napi-rs/canvas';

/** What a mock printer made of one job: the paper as an image plus what it understood. */
export interface DecodedReceipt {
  width: number;
  height: number;
  /** PNG of the printed paper. */
  png: Buffer;
  cut: boolean;
  /** Commands the decoder did not understand, as hex, for test diagnostics. */
  unknown: string[];
}

/**
 * Decodes the ESC/POS subset the kiosk emits (init, raster GS v 0, feed, cut, line feeds) into an
 * image, like the paper that would come out of an 80/58 mm printer.
 */
export function decodeEscPos(bytes: Uint8Array, widthDots: number): DecodedReceipt {
  const rows: Uint8Array[] = [];
  const blank = (): Uint8Array => new Uint8Array(widthDots);
  const unknown: string[] = [];
  let cut = false;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0x1b && bytes[i + 1] === 0x40) i += 2;
    else if (b === 0x1b && bytes[i + 1] === 0x64) {
      for (let n = 0; n < (bytes[i + 2] ?? 0) * 24; n++) rows.push(blank());
      i += 3;
    } else if (b === 0x1d && bytes[i + 1] === 0x56) {
      const m = bytes[i + 2] ?? 0;
      if (m === 65 || m === 66) {
        for (let n = 0; n < (bytes[i + 3] ?? 0); n++) rows.push(blank());
        i += 4;
      } else i += 3;
      cut = true;
    } else if (b === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const xBytes = (bytes[i + 4] ?? 0) | ((bytes[i + 5] ?? 0) << 8);
      const yRows = (bytes[i + 6] ?? 0) | ((bytes[i + 7] ?? 0) << 8);
      let p = i + 8;
      for (let y = 0; y < yRows; y++) {
        const row = blank();
        for (let x = 0; x < Math.min(widthDots, xBytes * 8); x++) {
          if (((bytes[p + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0) row[x] = 1;
        }
        rows.push(row);
        p += xBytes;
      }
      i = p;
    } else if (b === 0x0a) {
      for (let n = 0; n < 24; n++) rows.push(blank());
      i += 1;
    } else {
      unknown.push(b.toString(16).padStart(2, '0'));
      i += 1;
    }
  }
  const height = Math.max(1, rows.length);
  const canvas = createCanvas(widthDots, height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(widthDots, height);
  img.data.fill(255);
  rows.forEach((row, y) => {
    for (let x = 0; x < widthDots; x++) {
      if (row[x]) {
        const o = (y * widthDots + x) * 4;
        img.data[o] = img.data[o + 1] = img.data[o + 2] = 0;
      }
    }
  });
  ctx.putImageData(img, 0, 0);
  return { width: widthDots, height, png: canvas.toBuffer('image/png'), cut, unknown };
}
