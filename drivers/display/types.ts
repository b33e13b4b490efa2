/** A rectangle in device pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Pixel layouts found on Linux framebuffers, with the bytes in memory and the ffmpeg -pix_fmt:
 * rgb565le: 16-bit little-endian R5G6B5 (rgb565le); rgb888: R,G,B (rgb24); bgr888: B,G,R (bgr24,
 * a 24 bpp fbdev); xrgb8888: B,G,R,X (bgr0, a 32 bpp fbdev); bgra8888: B,G,R,A (bgra);
 * rgba8888: R,G,B,A (rgba, the canvas itself).
 */
export type PixelFormat = 'rgb565le' | 'rgb888' | 'bgr888' | 'xrgb8888' | 'bgra8888' | 'rgba8888';

/** An RGBA8888 image, row-major, stride = width * 4. */
export interface Frame {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface DisplayInfo {
  /** Device pixels (after rotation has been applied by the UI). */
  width: number;
  height: number;
  format: PixelFormat;
}

/**
 * A screen the kiosk draws on. The UI renders RGBA frames in device orientation; the driver
 * converts them to the device's pixel format.
 *
 * Errors: open() throws DriverError('disconnected') when the device is missing, with a hint.
 */
export interface DisplayDriver {
  readonly kind: string;
  open(): Promise<DisplayInfo>;
  /** Copies the dirty parts of `frame` (all of it when `dirty` is empty) to the screen. */
  present(frame: Frame, dirty: readonly Rect[]): Promise<void>;
  /** Turns the backlight/panel off (true) or on (false). */
  setBlanked(blanked: boolean): Promise<void>;
  /** Sets the backlight to `fraction` (0..1) of its maximum; absent where there is no backlight control. */
  setBrightness?(fraction: number): Promise<void>;
  close(): Promise<void>;
}
