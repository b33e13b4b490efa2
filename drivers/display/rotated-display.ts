import type { Logger } from '../../runtime/logger.js';
import { deviceSize, rotatePixels, rotateRect, toLogical, type Rotation } from './rotation.js';
import type { DisplayDriver, DisplayInfo, Frame, Rect } from './types.js';

export interface RotatedDisplayOptions {
  /** The upright (logical) size the UI draws, config display.width/height. */
  width: number;
  height: number;
  /** How the panel is mounted, config display.rotation (clockwise). */
  rotation: Rotation;
}

/**
 * A display as the UI sees it: upright. Wraps the panel's driver and turns each presented frame
 * by `rotation` on its way to the panel, only where it is dirty (as LVGL's fbdev driver rotates in
 * software when the hardware cannot). Also maps touch points back to upright coordinates, and
 * keeps the panel-oriented image for screenshots.
 */
export class RotatedDisplay implements DisplayDriver {
  /** The panel-oriented image when mounted rotated (kept between frames, updated where dirty). */
  private buffer: Uint8ClampedArray | undefined;
  /** The last frame the panel took (the upright one at rotation 0). */
  private last: Frame | undefined;

  constructor(
    private readonly panel: DisplayDriver,
    private readonly options: RotatedDisplayOptions,
    private readonly log: Logger,
  ) {}

  get kind(): string {
    return this.panel.kind;
  }

  /** The panel's size (device pixels). */
  get deviceSize(): { width: number; height: number } {
    return deviceSize(this.options.width, this.options.height, this.options.rotation);
  }

  /** Opens the panel; the info is upright (width/height as the UI draws). */
  async open(): Promise<DisplayInfo> {
    const { width, height, rotation } = this.options;
    const device = this.deviceSize;
    const info = await this.panel.open();
    if (info.width !== device.width || info.height !== device.height) {
      this.log.warn(
        { display: info, configured: device },
        `display is ${info.width}x${info.height} but config expects ${device.width}x${device.height}; set display.width/height/rotation to match`,
      );
    }
    this.buffer = rotation === 0 ? undefined : new Uint8ClampedArray(device.width * device.height * 4);
    this.last = undefined;
    return { ...info, width, height };
  }

  /** Presents an upright frame; at 90/180/270 only the dirty parts are rotated and sent. */
  async present(frame: Frame, dirty: readonly Rect[]): Promise<void> {
    const { width, height, rotation } = this.options;
    if (!this.buffer || rotation === 0) {
      await this.panel.present(frame, dirty);
      this.last = frame;
      return;
    }
    if (frame.width !== width || frame.height !== height) {
      throw new TypeError(`frame: is ${frame.width}x${frame.height}, the UI draws ${width}x${height}`);
    }
    const rects = dirty.length ? dirty : [{ x: 0, y: 0, width, height }];
    for (const r of rects) rotatePixels(frame.data, width, height, this.buffer, r, rotation);
    const device: Frame = { ...this.deviceSize, data: this.buffer };
    await this.panel.present(
      device,
      dirty.map((r) => rotateRect(r, width, height, rotation)),
    );
    this.last = device;
  }

  setBlanked(blanked: boolean): Promise<void> {
    return this.panel.setBlanked(blanked);
  }

  /** Present only where the panel has a dimmable backlight. */
  get setBrightness(): ((fraction: number) => Promise<void>) | undefined {
    const set = this.panel.setBrightness;
    return set ? (fraction) => set.call(this.panel, fraction) : undefined;
  }

  close(): Promise<void> {
    return this.panel.close();
  }

  /** A touch point (panel pixels, as touch drivers report it) in upright screen coordinates. */
  toLogical(x: number, y: number): { x: number; y: number } {
    return toLogical(x, y, this.options.width, this.options.height, this.options.rotation);
  }

  /** A copy of the image the panel shows (device orientation), undefined before the first frame. */
  deviceFrame(): Frame | undefined {
    const last = this.last;
    return last
      ? { width: last.width, height: last.height, data: new Uint8ClampedArray(last.data) }
      : undefined;
  }
}
