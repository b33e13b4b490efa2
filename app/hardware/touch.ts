import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { createLogger } from '../../runtime/logger.js';
import { MockTouch } from '../../hardware-mocks/touch.js';
import { deviceSize } from '../../drivers/display/rotation.js';
import { unavailableDriver } from '../../drivers/unavailable.js';
import { EvdevTouch } from '../../drivers/touch/evdev.js';
import type { TouchEvent, TouchInput } from '../../drivers/touch/types.js';

/** A kiosk without a touch panel (buttons only). */
class NoTouch implements TouchInput {
  readonly kind = 'none';
  async open(): Promise<void> {}
  onTouch(_listener: (event: TouchEvent) => void): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}

export function createTouch(
  config: KioskConfig['input']['touch'],
  clock: Clock,
  display?: KioskConfig['display'],
): TouchInput {
  switch (config.driver) {
    case 'mock':
      return new MockTouch(clock);
    case 'none':
      return new NoTouch();
    case 'evdev': {
      const panel = display
        ? deviceSize(display.width, display.height, display.rotation)
        : { width: 800, height: 480 };
      const cal = config.calibration;
      return new EvdevTouch(
        {
          device: config.device,
          width: panel.width,
          height: panel.height,
          calibration: {
            ...cal,
            maxX: cal.maxX ?? (cal.swapXY ? panel.height : panel.width) - 1,
            maxY: cal.maxY ?? (cal.swapXY ? panel.width : panel.height) - 1,
          },
        },
        createLogger('touch'),
      );
    }
    default:
      return unavailableDriver('input.touch.driver', config.driver, ['mock', 'evdev', 'none']);
  }
}
