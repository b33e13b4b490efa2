import { canvasLib } from '../../runtime/canvas.js';
import { rename, writeFile } from 'node:fs/promises';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import type { DisplayDriver, DisplayInfo, Frame, Rect } from './types.js';

/** Encodes an RGBA frame as PNG. */
export function frameToPng(frame: Frame): Buffer {
  const canvas = canvasLib().createCanvas(frame.width, frame.height);
  const g = canvas.getContext('2d');
  const img = g.createImageData(frame.width, frame.height);
  img.data.set(frame.data);
  g.putImageData(img, 0, 0);
  return canvas.toBuffer('image/png');
}

/**
 * Saves every presented frame as a PNG file (replaced atomically), for headless kiosks whose
 * screen is watched remotely or for documentation. Blanking writes a black image.
 */
export class PngSnapshotDisplay implements DisplayDriver {
  readonly kind = 'png';
  blanked = false;
  private last: Frame | undefined;

  constructor(
    private readonly file: string,
    private readonly width: number,
    private readonly height: number,
  ) {}

  async open(): Promise<DisplayInfo> {
    return { width: this.width, height: this.height, format: 'rgba8888' };
  }

  async present(frame: Frame, _dirty: readonly Rect[]): Promise<void> {
    if (frame.width !== this.width || frame.height !== this.height) {
      throw new TypeError(
        `frame: is ${frame.width}x${frame.height}, the display is ${this.width}x${this.height}`,
      );
    }
    this.last = { width: frame.width, height: frame.height, data: new Uint8ClampedArray(frame.data) };
    if (!this.blanked) await this.save(this.last);
  }

  private async save(frame: Frame): Promise<void> {
    const tmp = `${this.file}.tmp`;
    try {
      await writeFile(tmp, frameToPng(frame));
      await rename(tmp, this.file);
    } catch (err) {
      throw new DriverError(
        this.file,
        'device-fault',
        'write-failed',
        `cannot write ${this.file}: ${errorMessage(err)}`,
        'check display.file points to a writable folder',
        { cause: err },
      );
    }
  }

  async setBlanked(blanked: boolean): Promise<void> {
    this.blanked = blanked;
    const black = {
      width: this.width,
      height: this.height,
      data: new Uint8ClampedArray(this.width * this.height * 4)
        .fill(255)
        .map((v, i) => (i % 4 === 3 ? v : 0)),
    };
    await this.save(blanked ? black : (this.last ?? black));
  }

  async close(): Promise<void> {}
}
