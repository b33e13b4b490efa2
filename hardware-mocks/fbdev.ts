import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesPerPixel } from '../drivers/display/pixel-format.js';
import type { PixelFormat } from '../drivers/display/types.js';

export interface FakeFbdevOptions {
  width: number;
  height: number;
  bitsPerPixel: 16 | 24 | 32;
  /** Bytes per row; more than width * bpp/8 when the panel pads rows. */
  stride?: number;
  /** Byte the "video memory" starts filled with, to see what was written. */
  fill?: number;
  /** Leave out the stride attribute (older kernels). */
  noStride?: boolean;
  backlight?: boolean;
}

/**
 * A framebuffer as Linux presents it, in a temp folder: `sys/class/graphics/fb0/` with
 * virtual_size ("W,H"), bits_per_pixel, stride and blank, and `dev/fb0`, a regular file the size
 * of the video memory standing in for the device node. Optionally a backlight folder.
 */
export class FakeFbdev {
  readonly device: string;
  readonly sysfsDir: string;
  readonly backlightDir: string;
  readonly stride: number;

  constructor(
    readonly root: string,
    readonly options: FakeFbdevOptions,
  ) {
    this.device = join(root, 'dev', 'fb0');
    this.sysfsDir = join(root, 'sys', 'class', 'graphics', 'fb0');
    this.backlightDir = join(root, 'sys', 'class', 'backlight', 'panel');
    this.stride = options.stride ?? options.width * (options.bitsPerPixel / 8);
    mkdirSync(this.sysfsDir, { recursive: true });
    mkdirSync(join(root, 'dev'), { recursive: true });
    writeFileSync(join(this.sysfsDir, 'virtual_size'), `${options.width},${options.height}\n`);
    writeFileSync(join(this.sysfsDir, 'bits_per_pixel'), `${options.bitsPerPixel}\n`);
    if (!options.noStride) writeFileSync(join(this.sysfsDir, 'stride'), `${this.stride}\n`);
    writeFileSync(join(this.sysfsDir, 'blank'), '0\n');
    if (options.backlight) {
      mkdirSync(this.backlightDir, { recursive: true });
      writeFileSync(join(this.backlightDir, 'bl_power'), '0\n');
      writeFileSync(join(this.backlightDir, 'brightness'), '255\n');
      writeFileSync(join(this.backlightDir, 'max_brightness'), '255\n');
    }
    writeFileSync(this.device, Buffer.alloc(this.stride * options.height, options.fill ?? 0));
  }

  /** The video memory as it is now. */
  memory(): Buffer {
    return readFileSync(this.device);
  }

  /** Packed pixels (padding removed) in the panel's format, ready for ffmpeg. */
  packed(format: PixelFormat): Buffer {
    const mem = this.memory();
    const row = this.options.width * bytesPerPixel(format);
    const out = Buffer.alloc(row * this.options.height);
    for (let y = 0; y < this.options.height; y++)
      mem.copy(out, y * row, y * this.stride, y * this.stride + row);
    return out;
  }

  get blank(): string {
    return readFileSync(join(this.sysfsDir, 'blank'), 'utf8').trim();
  }

  get brightness(): string {
    return readFileSync(join(this.backlightDir, 'brightness'), 'utf8').trim();
  }

  get blPower(): string {
    return readFileSync(join(this.backlightDir, 'bl_power'), 'utf8').trim();
  }

  /** The panel disappears (cable pulled / driver unloaded). */
  unplug(): void {
    rmSync(this.device, { force: true });
    rmSync(this.sysfsDir, { recursive: true, force: true });
  }
}
