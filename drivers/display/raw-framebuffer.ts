import type { FileHandle } from 'node:fs/promises';
import { bytesPerPixel, clipRect, convertRect } from './pixel-format.js';
import type { Frame, PixelFormat, Rect } from './types.js';

/**
 * The dirty rects as blocks of rows, each with the columns any of its rects covers: rects whose
 * rows overlap or touch share a block (a focus ring's four strips are one block), merged and
 * sorted top to bottom.
 */
export function dirtyBlocks(rects: readonly Rect[]): Rect[] {
  const sorted = [...rects].sort((a, b) => a.y - b.y);
  const blocks: Rect[] = [];
  for (const r of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && r.y <= last.y + last.height) {
      const x = Math.min(last.x, r.x);
      const right = Math.max(last.x + last.width, r.x + r.width);
      last.height = Math.max(last.height, r.y + r.height - last.y);
      last.x = x;
      last.width = right - x;
    } else blocks.push({ ...r });
  }
  return blocks;
}

/**
 * Pixel memory of a panel behind a file descriptor (/dev/fbN or a regular file). Keeps a shadow
 * copy in the panel's format; a present converts only the dirty rects into it and writes only the
 * dirty rows, one write per block of rows, at their offsets (`stride` may include padding beyond
 * width * bpp).
 */
export class RawFramebuffer {
  readonly shadow: Buffer;
  /** Bytes written by the last present, and in total (for tests and benchmarks). */
  lastWrite = 0;
  totalWritten = 0;
  /** Write calls the last present made (one per block of dirty rows). */
  lastWrites = 0;

  constructor(
    private readonly fd: FileHandle,
    readonly width: number,
    readonly height: number,
    readonly stride: number,
    readonly format: PixelFormat,
  ) {
    if (stride < width * bytesPerPixel(format)) {
      throw new TypeError(
        `stride: must be at least ${width * bytesPerPixel(format)} for ${width} px of ${format}, got ${stride}`,
      );
    }
    this.shadow = Buffer.alloc(stride * height);
  }

  /** Reads what the panel shows now into the shadow, so rows written later keep their other pixels. */
  async load(): Promise<void> {
    await this.fd.read(this.shadow, 0, this.shadow.length, 0);
  }

  /** Converts and writes the dirty parts of `frame` (all of it when `dirty` is empty). */
  async present(frame: Frame, dirty: readonly Rect[]): Promise<void> {
    if (frame.width !== this.width || frame.height !== this.height) {
      throw new TypeError(
        `frame: is ${frame.width}x${frame.height}, the panel is ${this.width}x${this.height}`,
      );
    }
    const rects = (dirty.length > 0 ? dirty : [{ x: 0, y: 0, width: this.width, height: this.height }])
      .map((r) => clipRect(r, this.width, this.height))
      .filter((r): r is Rect => r !== undefined);
    for (const r of rects) convertRect(frame, r, this.format, this.shadow, this.stride);
    // One write per block of rows, from its first dirty byte to its last: the bytes between (the
    // rest of each row, from the shadow) are what the panel holds already. A syscall costs about
    // as much as copying 10-20 KB, so a narrow strip (a ring's side, the clock of a panel mounted
    // sideways) is far cheaper as one span than as a write per row; the rows are the same ones,
    // and rows are what fbdev's deferred I/O and DRM's fbdev emulation flush anyway. Asynchronous:
    // nothing on the input path waits for the disk synchronously.
    const bpp = bytesPerPixel(this.format);
    let written = 0;
    let writes = 0;
    for (const b of dirtyBlocks(rects)) {
      const from = b.y * this.stride + b.x * bpp;
      // A block reaching the right edge ends with its last row's padding: whole rows, as fbdev lays them.
      const to =
        b.x + b.width >= this.width
          ? (b.y + b.height) * this.stride
          : (b.y + b.height - 1) * this.stride + (b.x + b.width) * bpp;
      const { bytesWritten } = await this.fd.write(this.shadow, from, to - from, from);
      written += bytesWritten;
      writes++;
    }
    this.lastWrites = writes;
    this.lastWrite = written;
    this.totalWritten += written;
  }
}
