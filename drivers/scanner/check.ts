import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { ManualClock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { DriverError } from '../../runtime/errors.js';
import { passed, type CheckOptions, type CheckResult } from '../check-types.js';
import { runCheck } from '../run-check.js';
import { SerialScanner } from './serial-scanner.js';

/**
 * Serial scanners: opens and closes the port (present, permitted, not held by another program).
 * Keyboard-wedge scanners: checks the input device exists and is readable. A scanner has no
 * status to query, so a pass means "connected", not "reads well": scan a code to be sure.
 */
export function checkScanner(config: KioskConfig['scanner'], options?: CheckOptions): Promise<CheckResult> {
  const base = { id: 'scanner', device: 'scanner', driver: config.driver } as const;
  if (config.driver === 'none') return Promise.resolve(passed(base, 'no scanner configured'));
  if (config.driver === 'mock') return Promise.resolve(passed(base, 'simulator scanner'));
  if (config.driver === 'evdev') {
    return runCheck(base, options, async () => {
      try {
        await access(config.device, constants.R_OK);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new DriverError(
          'scanner',
          'disconnected',
          code === 'EACCES' ? 'permission' : 'no-device',
          code === 'EACCES'
            ? `no permission to read ${config.device}`
            : `scanner input device ${config.device} is not there`,
          code === 'EACCES'
            ? 'add the kiosk user to the "input" group (sudo usermod -aG input kiosk) and log in again'
            : 'plug the scanner in; find it with "ls -l /dev/input/by-id/" and set scanner.device',
        );
      }
      return passed(base, `keyboard-wedge scanner ${config.device} is readable`, { device: config.device });
    });
  }
  const scanner = new SerialScanner({ path: config.path, baudRate: config.baudRate }, new ManualClock());
  return runCheck(
    base,
    options,
    async () => {
      await scanner.open();
      return passed(base, `serial scanner ${config.path} is connected`, {
        path: config.path,
        baudRate: config.baudRate,
      });
    },
    () => scanner.close(),
  );
}
