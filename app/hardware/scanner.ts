import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockScanner } from '../../hardware-mocks/scanner.js';
import { defaultRecordSize } from '../../drivers/touch/evdev-parser.js';
import { EvdevScanner } from '../../drivers/scanner/evdev-scanner.js';
import { NoScanner } from '../../drivers/scanner/no-scanner.js';
import { SerialScanner } from '../../drivers/scanner/serial-scanner.js';
import type { Scanner } from '../../drivers/scanner/types.js';

export function createScanner(config: KioskConfig['scanner'], clock: Clock): Scanner {
  switch (config.driver) {
    case 'mock':
      return new MockScanner(clock);
    case 'serial':
      return new SerialScanner(
        { path: config.path, baudRate: config.baudRate, maxLength: config.maxLength },
        clock,
      );
    case 'evdev':
      return new EvdevScanner(
        {
          device: config.device,
          layout: config.layout,
          eventSize: defaultRecordSize(),
          maxLength: config.maxLength,
          burstMaxGapMs: config.burstMaxGapMs,
        },
        clock,
      );
    case 'none':
      return new NoScanner();
  }
}
