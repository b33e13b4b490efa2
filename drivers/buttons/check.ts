import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { DriverError } from '../../runtime/errors.js';
import { failed, passed, type CheckOptions, type CheckResult } from '../check-types.js';
import { runCheck } from '../run-check.js';
import { buttonTiming } from './button-logic.js';
import { FirmataButtons } from './firmata-buttons.js';
import { findGpioChip, sysfsNumber } from './gpio-chip.js';
import { isButtonId } from './types.js';

/**
 * GPIO: finds the chip (base offset), checks every configured pin and LED fits on it and that
 * /sys/class/gpio/export is writable; it does not export lines (the kiosk may hold them).
 * Firmata: opens the board, waits for the StandardFirmata handshake, closes it.
 */
export function checkButtons(
  config: KioskConfig['input']['buttons'],
  options?: CheckOptions,
): Promise<CheckResult> {
  const base = { id: 'buttons', device: 'buttons', driver: config.driver } as const;
  if (config.driver === 'mock') return Promise.resolve(passed(base, 'simulator buttons'));
  const mapped = Object.keys(config.pins).length;
  if (mapped === 0)
    return Promise.resolve(
      failed(
        base,
        'fail',
        'no-pins',
        'no button pins configured',
        'set input.buttons.pins, e.g. { "ok": 17, "back": 27 }',
      ),
    );
  for (const id of [...Object.keys(config.pins), ...Object.keys(config.leds)])
    if (!isButtonId(id))
      return Promise.resolve(
        failed(
          base,
          'fail',
          'bad-config',
          `"${id}" in input.buttons is not a button id`,
          'use 1-9, ok, back, up, down or help',
        ),
      );
  if (config.driver === 'gpio') {
    return runCheck(base, options, async () => {
      const chip = await findGpioChip(config.sysfsRoot, config.gpioChip || undefined);
      for (const [id, pin] of Object.entries(config.pins)) sysfsNumber(chip, pin, `input.buttons.pins.${id}`);
      for (const [id, pin] of Object.entries(config.leds)) sysfsNumber(chip, pin, `input.buttons.leds.${id}`);
      try {
        await access(join(config.sysfsRoot, 'export'), constants.W_OK);
      } catch {
        throw new DriverError(
          'buttons',
          'disconnected',
          'permission',
          `cannot write ${join(config.sysfsRoot, 'export')}`,
          'add the kiosk user to the "gpio" group (sudo usermod -aG gpio kiosk) and log in again',
        );
      }
      return passed(base, `${mapped} buttons on ${chip.label} (base ${chip.base})`, {
        chip: chip.label,
        base: chip.base,
        ngpio: chip.ngpio,
        buttons: mapped,
        leds: Object.keys(config.leds).length,
      });
    });
  }
  const panel = new FirmataButtons(
    {
      path: config.port,
      baudRate: config.baudRate,
      pins: config.pins,
      leds: config.leds,
      pullUp: config.pullUp,
      timing: buttonTiming(config),
      heartbeatMs: 0,
      readyTimeoutMs: Math.max(500, (options?.timeoutMs ?? 3000) - 200),
    },
    new ManualClock(),
  );
  return runCheck(
    base,
    options,
    async () => {
      await panel.open();
      return passed(
        base,
        `Firmata panel on ${config.port} answers (${panel.firmware ?? 'unknown firmware'})`,
        {
          port: config.port,
          firmware: panel.firmware ?? null,
          buttons: mapped,
        },
      );
    },
    () => panel.close(),
  );
}
