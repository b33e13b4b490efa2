import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { bytesPerPixel, clipRect, convertRect } from './pixel-format.js';
import type { Frame, PixelFormat, Rect } from './types.js';

/** Row ranges [start, end) covered by `rects`, merged and sorted. */
export function dirtyRows(rects: readonly Rect[]): [number, number][] {
  const spans = rects.map((r): [number, number] => [r.y, r.y + r.height]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/**
 * Pixel memory of a panel behind a file descriptor (/dev/fbN or a regular file). Keeps a shadow
 * copy in the panel's format; a present converts only the dirty rects into it and writes only the
 * dirty rows (or, for narrow rects, the dirty part of each row) at their offsets (`stride` may
 * include padding beyond width * bpp).
 */
export class RawFramebuffer {
  readonly shadow: Buffer;
  /** Bytes written by the last present, and in total (for tests and benchmarks). */
  lastWrite = 0;
  totalWritten = 0;

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
    // Wide rects go out as whole row blocks (one write each); narrow ones (a clock, or a strip of
    // a panel mounted sideways) as one short write per row at the rect's columns.
    const bpp = bytesPerPixel(this.format);
    const isNarrow = (r: Rect): boolean => r.width * bpp * 4 <= this.stride;
    const blocks = dirtyRows(rects.filter((r) => !isNarrow(r)));
    let written = 0;
    for (const [start, end] of blocks) {
      const from = start * this.stride;
      const bytes = (end - start) * this.stride;
      const { bytesWritten } = await this.fd.write(this.shadow, from, bytes, from);
      written += bytesWritten;
    }
    const inBlock = (y: number): boolean => blocks.some(([a, b]) => y >= a && y < b);
    for (const r of rects.filter(isNarrow)) {
      const offsetX = r.x * bpp;
      const length = r.width * bpp;
      for (let y = r.y; y < r.y + r.height; y++) {
        if (inBlock(y)) continue;
        const from = y * this.stride + offsetX;
        written += writeSync(this.fd.fd, this.shadow, from, length, from);
      }
    }
    this.lastWrite = written;
    this.totalWritten += written;
  }
}
