import { z } from 'zod';
import { intIn, oneOf, text } from '../schema-helpers.js';

export const displaySection = z
  .strictObject({
    /**
     * mock: in-memory (simulator); fbdev: Linux framebuffer; file: raw panel bytes written to a file;
     * png: each frame saved as a PNG file.
     */
    driver: oneOf(['mock', 'fbdev', 'file', 'png']).default('mock'),
    /** Panel pixel format; auto = from the framebuffer's bits_per_pixel (file driver: rgb565le). */
    pixelFormat: oneOf(['auto', 'rgb565le', 'rgb888', 'bgr888', 'xrgb8888', 'bgra8888', 'rgba8888']).default(
      'auto',
    ),
    /** sysfs folder of the framebuffer; default /sys/class/graphics/<fbN> of `device`. */
    sysfsDir: text().optional(),
    /** Backlight folder (/sys/class/backlight/NAME) switched off with bl_power when blanking. */
    backlight: text().optional(),
    /** Office hours "HH:MM-HH:MM" (device time zone); outside them the idle screen blanks after 30 s. */
    awakeHours: text()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
        error: (i) => `must be "HH:MM-HH:MM", got ${JSON.stringify(i.input)}`,
      })
      .optional(),
    /** Framebuffer device for the fbdev driver. */
    device: text().default('/dev/fb0'),
    /** Output file for the file driver. */
    file: text().default('frame.raw'),
    /** Logical screen size before rotation. */
    width: intIn(240, 4096).default(800),
    height: intIn(240, 4096).default(480),
    rotation: oneOf([0, 90, 180, 270]).default(0),
    theme: oneOf(['normal', 'large']).default('large'),
    /** Seconds without input before the session is cleared and home is shown. */
    idleTimeoutSeconds: intIn(10, 3600).default(60),
    /** Seconds without input before the backlight is blanked (0 = never). */
    blankAfterSeconds: intIn(0, 86_400).default(0),
    /** Seconds without input before the backlight is dimmed to dimPercent (0 = never; needs `backlight`). */
    dimAfterSeconds: intIn(0, 86_400).default(0),
    dimPercent: intIn(1, 100).default(30),
  })
  .prefault({});
