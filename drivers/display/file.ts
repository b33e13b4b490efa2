import { open, type FileHandle } from 'node:fs/promises';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import { bytesPerPixel } from './pixel-format.js';
import { RawFramebuffer } from './raw-framebuffer.js';
import type { DisplayDriver, DisplayInfo, Frame, PixelFormat, Rect } from './types.js';

export interface FileDisplayOptions {
  file: string;
  width: number;
  height: number;
  format: PixelFormat;
}

/**
 * Writes the panel's bytes to a regular file (packed rows, no padding), exactly what fbdev would
 * receive: decode it with `ffmpeg -f rawvideo -pix_fmt <fmt> -s WxH -i FILE`. Blanking is kept
 * in memory (`blanked`).
 */
export class FileDisplay implements DisplayDriver {
  readonly kind = 'file';
  blanked = false;
  private fd: FileHandle | undefined;
  private fb: RawFramebuffer | undefined;

  constructor(private readonly options: FileDisplayOptions) {}

  get framebuffer(): RawFramebuffer | undefined {
    return this.fb;
  }

  async open(): Promise<DisplayInfo> {
    const { file, width, height, format } = this.options;
    if (!this.fb) {
      const stride = width * bytesPerPixel(format);
      try {
        this.fd = await open(file, 'w+');
        await this.fd.truncate(stride * height);
      } catch (err) {
        throw new DriverError(
          file,
          'device-fault',
          'open-failed',
          `cannot create ${file}: ${errorMessage(err)}`,
          'check display.file points to a writable folder',
          { cause: err },
        );
      }
      this.fb = new RawFramebuffer(this.fd, width, height, stride, format);
    }
    return { width, height, format };
  }

  async present(frame: Frame, dirty: readonly Rect[]): Promise<void> {
    if (!this.fb)
      throw new DriverError(this.options.file, 'device-fault', 'not-open', 'present() before open()');
    await this.fb.present(frame, dirty);
  }

  async setBlanked(blanked: boolean): Promise<void> {
    this.blanked = blanked;
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = undefined;
    this.fb = undefined;
    await fd?.close();
  }
}
