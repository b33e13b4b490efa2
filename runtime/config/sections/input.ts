import { z } from 'zod';
import { intIn, oneOf, text } from '../schema-helpers.js';

const buttonId = oneOf(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'ok', 'back', 'up', 'down', 'help']);

export const inputSection = z
  .strictObject({
    buttons: z
      .strictObject({
        /** mock: simulator buttons; gpio: sysfs/libgpiod pins; firmata: a Firmata board over serial. */
        driver: oneOf(['mock', 'gpio', 'firmata']).default('mock'),
        /** Button id -> GPIO line offset (gpio) or board pin (firmata). */
        pins: z.record(text(), intIn(0, 1023)).default({}),
        activeLow: z.boolean().default(true),
        debounceMs: intIn(0, 1000).default(30),
        longPressMs: intIn(200, 10_000).default(1500),
        /** Serial port of the Firmata board. */
        port: text().default('/dev/ttyACM0'),
      })
      .prefault({}),
    touch: z
      .strictObject({
        driver: oneOf(['mock', 'evdev', 'none']).default('mock'),
        device: text().default('/dev/input/event0'),
      })
      .prefault({}),
    /** Names of the physical buttons shown in the preview page, in panel order. */
    panel: z.array(buttonId).default(['1', '2', '3', '4', 'up', 'down', 'ok', 'back']),
  })
  .prefault({});
