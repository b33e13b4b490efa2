import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockButtons } from '../../hardware-mocks/buttons.js';
import type { ButtonTiming } from '../../drivers/buttons/button-logic.js';
import { FirmataButtons } from '../../drivers/buttons/firmata-buttons.js';
import { GpioButtons } from '../../drivers/buttons/gpio-buttons.js';
import type { ButtonInput } from '../../drivers/buttons/types.js';

export function buttonTiming(config: KioskConfig['input']['buttons']): ButtonTiming {
  return {
    debounceMs: config.debounceMs,
    longPressMs: config.longPressMs,
    repeatDelayMs: config.repeatDelayMs,
    repeatIntervalMs: config.repeatIntervalMs,
    repeat: new Set(config.repeat),
    activeLow: config.activeLow,
  };
}

export function createButtons(config: KioskConfig['input']['buttons'], clock: Clock): ButtonInput {
  switch (config.driver) {
    case 'mock':
      return new MockButtons(clock);
    case 'gpio':
      return new GpioButtons(
        {
          sysfsRoot: config.sysfsRoot,
          chipLabel: config.gpioChip,
          pins: config.pins,
          leds: config.leds,
          timing: buttonTiming(config),
        },
        clock,
      );
    case 'firmata':
      return new FirmataButtons(
        {
          path: config.port,
          baudRate: config.baudRate,
          pins: config.pins,
          leds: config.leds,
          pullUp: config.pullUp,
          timing: buttonTiming(config),
        },
        clock,
      );
  }
}
