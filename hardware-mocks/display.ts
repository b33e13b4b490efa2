import { canvasLib } from '../runtime/canvas.js';
import type { DisplayDriver, DisplayInfo, Frame, Rect } from '../drivers/display/types.js';
import { Listeners } from '../runtime/listeners.js';

export interface PresentedFrame {
  seq: number;
  frame: Frame;
  dirty: readonly Rect[];
}

/** An in-memory screen: keeps the last frame, counts presents, can be unplugged. */
export class MockDisplay implements DisplayDriver {
  readonly kind = 'mock';
  private pixels: Uint8ClampedArray;
  private seq = 0;
  blanked = false;
  presents = 0;
  /** When true, open() and present() fail as if the panel were unplugged. */
  unplugged = false;
  private readonly frames = new Listeners<PresentedFrame>();

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8ClampedArray(width * height * 4);
  }

  async open(): Promise<DisplayInfo> {
    if (this.unplugged) throw new Error('mock display unplugged');
    return { width: this.width, height: this.height, format: 'rgba8888' };
  }

  async present(frame: Frame, dirty: readonly Rect[]): Promise<void> {
    if (this.unplugged) throw new Error('mock display unplugged');
    if (frame.width !== this.width || frame.height !== this.height) {
      throw new TypeError(`frame is ${frame.width}x${frame.height}, display is ${this.width}x${this.height}`);
    }
    this.pixels = new Uint8ClampedArray(frame.data);
    this.presents++;
    this.seq++;
    this.frames.emit({
      seq: this.seq,
      frame: { width: this.width, height: this.height, data: this.pixels },
      dirty,
    });
  }

  async setBlanked(blanked: boolean): Promise<void> {
    this.blanked = blanked;
  }

  async close(): Promise<void> {}

  onFrame(listener: (frame: PresentedFrame) => void): () => void {
    return this.frames.add(listener);
  }

  get frameSeq(): number {
    return this.seq;
  }

  /** The current screen content as PNG. */
  png(): Buffer {
    const canvas = canvasLib().createCanvas(this.width, this.height);
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(this.width, this.height);
    img.data.set(this.pixels);
    ctx.putImageData(img, 0, 0);
    return canvas.toBuffer('image/png');
  }

  reset(): void {
    this.pixels = new Uint8ClampedArray(this.width * this.height * 4);
    this.presents = 0;
    this.unplugged = false;
    this.blanked = false;
  }
}
