import { z } from 'zod';
import { intIn, oneOf, text } from '../schema-helpers.js';
import { BUTTON_IDS } from '../button-ids.js';

const buttonId = oneOf(BUTTON_IDS);

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
        /** Firmata board baud rate (StandardFirmata uses 57600). */
        baudRate: intIn(9600, 921_600).default(57_600),
        /** Button id -> GPIO line offset / board pin of the LED in or next to the button. */
        leds: z.record(text(), intIn(0, 1023)).default({}),
        /** Firmata: enable the board's internal pull-ups (buttons wired to GND). */
        pullUp: z.boolean().default(true),
        /** Buttons that auto-repeat while held (others give one long-press). */
        repeat: z.array(buttonId).default(['up', 'down']),
        repeatDelayMs: intIn(100, 5000).default(500),
        repeatIntervalMs: intIn(30, 2000).default(150),
        /** gpio: label of the GPIO chip; empty = the Raspberry Pi header chip. */
        gpioChip: text().default(''),
        /** gpio: sysfs GPIO directory (tests point it at a fake tree). */
        sysfsRoot: text().default('/sys/class/gpio'),
      })
      .prefault({}),
    touch: z
      .strictObject({
        driver: oneOf(['mock', 'evdev', 'none']).default('mock'),
        device: text().default('/dev/input/event0'),
        /**
         * Raw axis ranges of the panel (evtest shows them as Min/Max); default: the display's pixels.
         * swapXY/invertX/invertY fix panels mounted differently from the display.
         */
        calibration: z
          .strictObject({
            minX: intIn(-65_536, 65_535).default(0),
            maxX: intIn(-65_535, 65_536).optional(),
            minY: intIn(-65_536, 65_535).default(0),
            maxY: intIn(-65_535, 65_536).optional(),
            swapXY: z.boolean().default(false),
            invertX: z.boolean().default(false),
            invertY: z.boolean().default(false),
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * The physical buttons fitted, in panel order (the preview page shows them; `kiosk doctor
     * --interactive` asks for each). The default matches the six home entries plus navigation.
     */
    panel: z.array(buttonId).default(['1', '2', '3', '4', '5', '6', 'up', 'down', 'ok', 'back', 'help']),
  })
  .prefault({});
