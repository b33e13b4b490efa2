import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DriverError } from '../../runtime/errors.js';

export interface GpioChip {
  /** Directory name, e.g. gpiochip512. */
  name: string;
  label: string;
  /** First sysfs GPIO number of this chip (0 on old kernels, 512 on Pi kernels >= 6.6). */
  base: number;
  ngpio: number;
}

/** Labels of the chips that carry the 40-pin header on Raspberry Pi boards, newest first. */
export const PI_HEADER_LABELS = ['pinctrl-rp1', 'pinctrl-bcm2712', 'pinctrl-bcm2711', 'pinctrl-bcm2835'];

/** Lists the GPIO chips under a sysfs GPIO root (/sys/class/gpio, or a fake tree in tests). */
export async function listGpioChips(sysfsRoot: string): Promise<GpioChip[]> {
  let entries: string[];
  try {
    entries = await readdir(sysfsRoot);
  } catch (err) {
    throw new DriverError(
      'buttons',
      'disconnected',
      'no-sysfs-gpio',
      `cannot read ${sysfsRoot}: ${(err as Error).message}`,
      'this kernel has no sysfs GPIO (CONFIG_GPIO_SYSFS); use a Firmata button panel or a kernel with sysfs GPIO enabled',
      { cause: err },
    );
  }
  const chips: GpioChip[] = [];
  for (const name of entries.filter((e) => /^gpiochip\d+$/.test(e))) {
    const read = async (file: string): Promise<string> =>
      (await readFile(join(sysfsRoot, name, file), 'utf8')).trim();
    try {
      const [label, base, ngpio] = await Promise.all([read('label'), read('base'), read('ngpio')]);
      chips.push({ name, label, base: Number(base), ngpio: Number(ngpio) });
    } catch {
      // a chip that vanished while listing, or an unreadable one: skip it
    }
  }
  return chips.sort((a, b) => a.base - b.base);
}

/**
 * Picks the chip the button pins are on: the one whose label is `label` when given, otherwise the
 * Raspberry Pi header chip, otherwise the chip with the lowest base.
 */
export async function findGpioChip(sysfsRoot: string, label?: string): Promise<GpioChip> {
  const chips = await listGpioChips(sysfsRoot);
  const labels = chips.map((c) => `${c.label} (base ${c.base}, ${c.ngpio} lines)`).join(', ') || 'none';
  if (label) {
    const chip = chips.find((c) => c.label === label);
    if (chip) return chip;
    throw new DriverError(
      'buttons',
      'disconnected',
      'no-gpio-chip',
      `no GPIO chip labelled "${label}" under ${sysfsRoot}; found: ${labels}`,
      'set input.buttons.gpioChip to one of the labels found, or leave it empty to pick the Raspberry Pi header chip',
    );
  }
  for (const wanted of PI_HEADER_LABELS) {
    const chip = chips.find((c) => c.label === wanted);
    if (chip) return chip;
  }
  const first = chips[0];
  if (first) return first;
  throw new DriverError(
    'buttons',
    'disconnected',
    'no-gpio-chip',
    `no GPIO chips under ${sysfsRoot}`,
    'check the board has GPIO enabled (dtparam / device tree) and that /sys/class/gpio exists',
  );
}

/** The sysfs GPIO number for a line offset on a chip; TypeError naming the pin when out of range. */
export function sysfsNumber(chip: GpioChip, offset: number, field: string): number {
  if (!Number.isInteger(offset) || offset < 0 || offset >= chip.ngpio)
    throw new TypeError(
      `${field}: must be a line offset 0-${chip.ngpio - 1} on ${chip.label}, got ${JSON.stringify(offset)}`,
    );
  return chip.base + offset;
}
