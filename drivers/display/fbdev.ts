import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import { bytesPerPixel, formatForDepth } from './pixel-format.js';
import { RawFramebuffer } from './raw-framebuffer.js';
import { readSysfs, writeSysfs } from './sysfs.js';
import type { DisplayDriver, DisplayInfo, Frame, PixelFormat, Rect } from './types.js';

export interface FbdevOptions {
  /** The framebuffer device, e.g. /dev/fb0. */
  device: string;
  /** Its sysfs folder; default /sys/class/graphics/<fbN>. */
  sysfsDir?: string;
  /** Pixel format; 'auto' derives it from bits_per_pixel (16 rgb565le, 24 bgr888, 32 xrgb8888). */
  format?: PixelFormat | 'auto';
  /** A backlight folder (/sys/class/backlight/NAME) switched with bl_power when blanking. */
  backlightDir?: string;
}

/**
 * Linux fbdev panel: geometry from sysfs (virtual_size, bits_per_pixel, stride), pixels written
 * with pwrite at each dirty row's offset, blanking through sysfs `blank` (and the backlight's
 * `bl_power` when configured). Reads no ioctls, so it needs no native addon.
 */
export class FbdevDisplay implements DisplayDriver {
  readonly kind = 'fbdev';
  private fd: FileHandle | undefined;
  private fb: RawFramebuffer | undefined;
  private readonly sysfsDir: string;

  constructor(private readonly options: FbdevOptions) {
    this.sysfsDir = options.sysfsDir ?? join('/sys/class/graphics', basename(options.device));
  }

  /** The open framebuffer (for tests and benchmarks). */
  get framebuffer(): RawFramebuffer | undefined {
    return this.fb;
  }

  async open(): Promise<DisplayInfo> {
    if (this.fb) return this.info(this.fb);
    const dev = this.options.device;
    const hint = `is ${dev} the panel's framebuffer? check "ls ${this.sysfsDir}" and the display overlay in config.txt`;
    const size = await readSysfs(dev, join(this.sysfsDir, 'virtual_size'), hint);
    const m = /^(\d+),(\d+)$/.exec(size);
    if (!m)
      throw new DriverError(
        dev,
        'device-fault',
        'bad-geometry',
        `virtual_size is "${size}", expected "W,H"`,
        hint,
      );
    const width = Number(m[1]);
    const height = Number(m[2]);
    const depth = Number(await readSysfs(dev, join(this.sysfsDir, 'bits_per_pixel'), hint));
    const format =
      this.options.format && this.options.format !== 'auto' ? this.options.format : formatForDepth(depth);
    if (!format || bytesPerPixel(format) * 8 !== depth) {
      throw new DriverError(
        dev,
        'device-fault',
        'unsupported-format',
        `${dev} uses ${depth} bits per pixel${format ? `, but display.pixelFormat is ${format}` : ', which is not supported'}`,
        'set the panel to 16, 24 or 32 bpp (fbset -depth 16 or framebuffer_depth in config.txt) and match display.pixelFormat',
      );
    }
    let stride = width * (depth / 8);
    try {
      stride = Number(await readSysfs(dev, join(this.sysfsDir, 'stride'), hint));
    } catch {
      // Older kernels have no stride attribute: rows are packed.
    }
    if (!Number.isInteger(stride) || stride < width * (depth / 8)) {
      throw new DriverError(
        dev,
        'device-fault',
        'bad-geometry',
        `stride ${stride} is shorter than a row of ${width} px`,
        hint,
      );
    }
    try {
      const st = await stat(dev);
      if (st.isFile() && st.size < stride * height) {
        throw new Error(`is ${st.size} bytes, smaller than ${stride}x${height}`);
      }
      this.fd = await open(dev, 'r+');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DriverError(
        dev,
        code === 'ENOENT' ? 'disconnected' : 'device-fault',
        code === 'ENOENT' ? 'no-device' : code === 'EACCES' ? 'permission' : 'open-failed',
        `cannot open ${dev}: ${errorMessage(err)}`,
        code === 'EACCES'
          ? 'add the kiosk user to the "video" group (usermod -aG video kiosk) and log in again'
          : code === 'ENOENT'
            ? 'check the panel cable and that its driver is loaded (ls /dev/fb*), or set display.device'
            : hint,
        { cause: err },
      );
    }
    this.fb = new RawFramebuffer(this.fd, width, height, stride, format);
    await this.fb.load();
    return this.info(this.fb);
  }

  private info(fb: RawFramebuffer): DisplayInfo {
    return { width: fb.width, height: fb.height, format: fb.format };
  }

  async present(frame: Frame, dirty: readonly Rect[]): Promise<void> {
    if (!this.fb)
      throw new DriverError(this.options.device, 'device-fault', 'not-open', 'present() before open()');
    try {
      await this.fb.present(frame, dirty);
    } catch (err) {
      if (err instanceof TypeError) throw err;
      throw new DriverError(
        this.options.device,
        'device-fault',
        'write-failed',
        `writing to ${this.options.device} failed: ${errorMessage(err)}`,
        'the panel may have been unplugged; the kiosk retries on the next redraw',
        { cause: err },
      );
    }
  }

  async setBlanked(blanked: boolean): Promise<void> {
    // FB_BLANK_POWERDOWN (4) turns the panel off on most drivers; 0 unblanks.
    await writeSysfs(this.options.device, join(this.sysfsDir, 'blank'), blanked ? '4' : '0');
    if (this.options.backlightDir) {
      await writeSysfs(this.options.device, join(this.options.backlightDir, 'bl_power'), blanked ? '4' : '0');
    }
  }

  async setBrightness(fraction: number): Promise<void> {
    const dir = this.options.backlightDir;
    if (!dir) {
      throw new DriverError(
        this.options.device,
        'device-fault',
        'no-backlight',
        'dimming needs a backlight, but none is configured',
        "set display.backlight to the panel's /sys/class/backlight/NAME folder (ls /sys/class/backlight), or set display.dimAfterSeconds to 0",
      );
    }
    if (!(fraction >= 0 && fraction <= 1)) throw new TypeError(`fraction: must be 0..1, got ${fraction}`);
    const max = Number(
      await readSysfs(this.options.device, join(dir, 'max_brightness'), `check ${dir} exists`),
    );
    await writeSysfs(this.options.device, join(dir, 'brightness'), String(Math.round(max * fraction)));
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = undefined;
    this.fb = undefined;
    await fd?.close();
  }
}
