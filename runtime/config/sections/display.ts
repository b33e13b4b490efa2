import { z } from 'zod';
import { intIn, oneOf, text } from '../schema-helpers.js';

export const displaySection = z
  .strictObject({
    /** mock: in-memory (simulator); fbdev: Linux framebuffer; file: raw frames written to a file. */
    driver: oneOf(['mock', 'fbdev', 'file']).default('mock'),
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
  })
  .prefault({});
