import type { Gpio } from 'onoff';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { DriverError } from '../../runtime/errors.js';

const onoff = lazyRequire<typeof import('onoff')>('onoff');

/** One exported sysfs GPIO line. Levels are electrical (0 = low), polarity is handled above. */
export interface GpioLine {
  read(): Promise<0 | 1>;
  /** Calls back on every edge with the new level. */
  watch(listener: (level: 0 | 1) => void): void;
  write(level: 0 | 1): Promise<void>;
  /** Stops watching and unexports the line. */
  release(): void;
}

export type GpioLineFactory = (sysfsNumber: number, direction: 'in' | 'out') => GpioLine;

/** Real lines through onoff (sysfs + epoll). The number must already include the chip base. */
export const onoffLines: GpioLineFactory = (sysfsNumber, direction) => {
  let gpio: Gpio;
  try {
    gpio =
      direction === 'in'
        ? new (onoff().Gpio)(sysfsNumber, 'in', 'both')
        : new (onoff().Gpio)(sysfsNumber, 'out');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DriverError(
      'buttons',
      'disconnected',
      code === 'EACCES' ? 'permission' : 'gpio-export',
      `cannot export GPIO ${sysfsNumber}: ${(err as Error).message}`,
      code === 'EACCES'
        ? 'add the kiosk user to the "gpio" group (sudo usermod -aG gpio kiosk) and log in again'
        : 'check the pin is not used by another driver (dtoverlay) or program: see /sys/kernel/debug/gpio',
      { cause: err },
    );
  }
  return {
    read: async () => ((await gpio.read()) === 1 ? 1 : 0),
    watch: (listener) =>
      gpio.watch((err, value) => {
        if (!err) listener(value === 1 ? 1 : 0);
      }),
    write: (level) => gpio.write(level),
    release: () => {
      gpio.unwatchAll();
      gpio.unexport();
    },
  };
};
