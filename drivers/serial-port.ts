import type { SerialPort } from 'serialport';
import { lazyRequire } from '../runtime/lazy-require.js';
import { DriverError } from '../runtime/errors.js';

const serialport = lazyRequire<typeof import('serialport')>('serialport');

export interface SerialOpenOptions {
  /** DriverError device name: `printer`, `scanner`, `buttons`. */
  device: string;
  path: string;
  baudRate: number;
}

/** Opens a serial port (real tty or pty), mapping OS errors to DriverErrors with hints. */
export async function openSerialPort(options: SerialOpenOptions): Promise<SerialPort> {
  const port = new (serialport().SerialPort)({
    path: options.path,
    baudRate: options.baudRate,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(serialOpenError(options, err)) : resolve()));
  });
  return port;
}

export function serialOpenError(options: SerialOpenOptions, err: Error): DriverError {
  const message = err.message;
  if (/ENOENT|No such file/i.test(message))
    return new DriverError(
      options.device,
      'disconnected',
      'no-device',
      `${options.device} serial port ${options.path} does not exist`,
      `plug the ${options.device} in and check its cable; list ports with "ls -l /dev/serial/by-id/" and set the stable name in config (see docs/hardware.md, udev rules)`,
      { cause: err },
    );
  if (/EACCES|Permission denied/i.test(message))
    return new DriverError(
      options.device,
      'disconnected',
      'permission',
      `no permission to open ${options.path}`,
      'add the kiosk user to the "dialout" group (sudo usermod -aG dialout kiosk) and log in again',
      { cause: err },
    );
  if (/EBUSY|Resource busy|lock/i.test(message))
    return new DriverError(
      options.device,
      'busy',
      'busy',
      `${options.path} is in use by another program`,
      `find it with "fuser ${options.path}" and stop it (often ModemManager: sudo systemctl disable --now ModemManager)`,
      { cause: err },
    );
  return new DriverError(
    options.device,
    'disconnected',
    'open-failed',
    `cannot open ${options.path}: ${message}`,
    'check the device path and cable; unplug and replug the device',
    { cause: err },
  );
}

/** Closes a port if open; never throws (close errors after an unplug are expected). */
export function closeSerialPort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}
