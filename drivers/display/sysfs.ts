import { readFile, writeFile } from 'node:fs/promises';
import { DriverError, errorMessage } from '../../runtime/errors.js';

/** Reads a sysfs attribute as trimmed text; throws DriverError naming the file and a hint. */
export async function readSysfs(device: string, path: string, hint: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DriverError(
      device,
      code === 'ENOENT' ? 'disconnected' : 'device-fault',
      code === 'ENOENT' ? 'no-sysfs' : 'sysfs-read',
      `cannot read ${path}: ${errorMessage(err)}`,
      hint,
      { cause: err },
    );
  }
}

/** Writes a sysfs attribute; permission problems get a hint about the video group / udev rule. */
export async function writeSysfs(device: string, path: string, value: string): Promise<void> {
  try {
    await writeFile(path, value);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DriverError(
      device,
      code === 'ENOENT' ? 'disconnected' : 'device-fault',
      code === 'EACCES' || code === 'EPERM' ? 'permission' : 'sysfs-write',
      `cannot write "${value}" to ${path}: ${errorMessage(err)}`,
      code === 'EACCES' || code === 'EPERM'
        ? `give the kiosk user write access (udev rule: SUBSYSTEM=="graphics|backlight", RUN+="/bin/chgrp video %S%p/blank %S%p/brightness %S%p/bl_power")`
        : `check that ${path} exists on this board`,
      { cause: err },
    );
  }
}
