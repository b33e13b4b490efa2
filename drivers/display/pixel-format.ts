import { endianness } from 'node:os';
import type { Frame, PixelFormat, Rect } from './types.js';

const LITTLE_ENDIAN = endianness() === 'LE';

/** Bytes one pixel takes in `format`. */
export function bytesPerPixel(format: PixelFormat): number {
  switch (format) {
    case 'rgb565le':
      return 2;
    case 'rgb888':
    case 'bgr888':
      return 3;
    case 'xrgb8888':
    case 'bgra8888':
    case 'rgba8888':
      return 4;
  }
}

/** The format a Linux framebuffer uses for a bit depth (little-endian, red in the high bits). */
export function formatForDepth(bitsPerPixel: number): PixelFormat | undefined {
  if (bitsPerPixel === 16) return 'rgb565le';
  if (bitsPerPixel === 24) return 'bgr888';
  if (bitsPerPixel === 32) return 'xrgb8888';
  return undefined;
}

/** The ffmpeg `-pix_fmt` that decodes the bytes of `format`. */
export function ffmpegPixFmt(format: PixelFormat): string {
  const map: Record<PixelFormat, string> = {
    rgb565le: 'rgb565le',
    rgb888: 'rgb24',
    bgr888: 'bgr24',
    xrgb8888: 'bgr0',
    bgra8888: 'bgra',
    rgba8888: 'rgba',
  };
  return map[format];
}

/** Clips `rect` to the frame; undefined when nothing is left. */
export function clipRect(rect: Rect, width: number, height: number): Rect | undefined {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(height, Math.ceil(rect.y + rect.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

/**
 * Converts the pixels of `rect` from the RGBA frame into `dst`, a buffer laid out like the panel
 * (`stride` bytes per row, pixel (x, y) at y * stride + x * bpp). Alpha is ignored (frames are
 * opaque). The rect must lie inside the frame (see clipRect).
 */
export function convertRect(
  frame: Frame,
  rect: Rect,
  format: PixelFormat,
  dst: Uint8Array,
  stride: number,
): void {
  const src = frame.data;
  const sw = frame.width;
  const bpp = bytesPerPixel(format);
  const { x, y, width, height } = rect;
  // Read pixels as little-endian 32-bit words (R | G<<8 | B<<16 | A<<24) when aligned: ~4x faster.
  const src32 =
    LITTLE_ENDIAN && src.byteOffset % 4 === 0
      ? new Uint32Array(src.buffer, src.byteOffset, src.length >> 2)
      : undefined;
  const dst32 =
    bpp === 4 && dst.byteOffset % 4 === 0 && stride % 4 === 0
      ? new Uint32Array(dst.buffer, dst.byteOffset, dst.length >> 2)
      : undefined;
  const dst16 =
    bpp === 2 && dst.byteOffset % 2 === 0 && stride % 2 === 0
      ? new Uint16Array(dst.buffer, dst.byteOffset, dst.length >> 1)
      : undefined;
  for (let row = y; row < y + height; row++) {
    let s = (row * sw + x) * 4;
    let d = row * stride + x * bpp;
    const end = s + width * 4;
    if (src32 && dst16 && format === 'rgb565le') {
      let si = s >> 2;
      let di = d >> 1;
      const se = end >> 2;
      for (; si < se; si++, di++) {
        const w = src32[si]!;
        dst16[di] = ((w & 0xf8) << 8) | ((w & 0xfc00) >> 5) | ((w >> 19) & 0x1f);
      }
      continue;
    }
    if (src32 && dst32 && (format === 'xrgb8888' || format === 'bgra8888' || format === 'rgba8888')) {
      let si = s >> 2;
      let di = d >> 2;
      const se = end >> 2;
      if (format === 'rgba8888') for (; si < se; si++, di++) dst32[di] = src32[si]! | 0xff000000;
      else
        for (; si < se; si++, di++) {
          const w = src32[si]!;
          dst32[di] = ((w & 0xff) << 16) | (w & 0xff00) | ((w >> 16) & 0xff) | 0xff000000;
        }
      continue;
    }
    switch (format) {
      case 'rgb565le':
        for (; s < end; s += 4, d += 2) {
          const v = ((src[s]! & 0xf8) << 8) | ((src[s + 1]! & 0xfc) << 3) | (src[s + 2]! >> 3);
          dst[d] = v & 0xff;
          dst[d + 1] = v >> 8;
        }
        break;
      case 'rgb888':
        for (; s < end; s += 4, d += 3) {
          dst[d] = src[s]!;
          dst[d + 1] = src[s + 1]!;
          dst[d + 2] = src[s + 2]!;
        }
        break;
      case 'bgr888':
        for (; s < end; s += 4, d += 3) {
          dst[d] = src[s + 2]!;
          dst[d + 1] = src[s + 1]!;
          dst[d + 2] = src[s]!;
        }
        break;
      case 'xrgb8888':
      case 'bgra8888':
        for (; s < end; s += 4, d += 4) {
          dst[d] = src[s + 2]!;
          dst[d + 1] = src[s + 1]!;
          dst[d + 2] = src[s]!;
          dst[d + 3] = 0xff;
        }
        break;
      case 'rgba8888':
        for (; s < end; s += 4, d += 4) {
          dst[d] = src[s]!;
          dst[d + 1] = src[s + 1]!;
          dst[d + 2] = src[s + 2]!;
          dst[d + 3] = 0xff;
        }
        break;
    }
  }
}

/** Converts a whole frame to tightly packed bytes of `format` (what `kiosk render` writes). */
export function convertFrame(frame: Frame, format: PixelFormat): Buffer {
  const stride = frame.width * bytesPerPixel(format);
  const out = Buffer.alloc(stride * frame.height);
  convertRect(frame, { x: 0, y: 0, width: frame.width, height: frame.height }, format, out, stride);
  return out;
}
