import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ButtonTiming } from '../../../drivers/buttons/button-logic.js';
import { findGpioChip, listGpioChips } from '../../../drivers/buttons/gpio-chip.js';
import { GpioButtons } from '../../../drivers/buttons/gpio-buttons.js';
import type { ButtonEvent } from '../../../drivers/buttons/types.js';
import { FakeGpio, PI4_KERNEL_66, writeFakeSysfsGpio } from '../../../hardware-mocks/fake-gpio.js';
import { ManualClock, systemClock } from '../../../runtime/clock.js';
import { DriverError } from '../../../runtime/errors.js';
import { describeButtonsContract } from '../../contracts/buttons.contract.js';
import { tempDir } from '../../helpers/sim-process.js';

const timing: ButtonTiming = {
  debounceMs: 20,
  longPressMs: 1500,
  repeatDelayMs: 500,
  repeatIntervalMs: 150,
  repeat: new Set(['up', 'down']),
  activeLow: true,
};
const pins = { ok: 17, back: 27, '1': 5, '2': 6 };
const leds = { ok: 22 };

function fakeTree(chips = PI4_KERNEL_66): string {
  const root = join(tempDir('sysfs-'), 'class/gpio');
  writeFakeSysfsGpio(root, chips);
  return root;
}

describe('sysfs GPIO chip resolution', () => {
  it('finds the Pi header chip at base 512 (kernel >= 6.6) and lists all chips', async () => {
    const root = fakeTree();
    expect((await listGpioChips(root)).map((c) => c.base)).toEqual([512, 570]);
    expect(await findGpioChip(root)).toMatchObject({ label: 'pinctrl-bcm2711', base: 512, ngpio: 58 });
    expect(await findGpioChip(root, 'raspberrypi-exp-gpio')).toMatchObject({ base: 570 });
  });

  it('finds the Pi 5 RP1 chip and old kernels at base 0', async () => {
    expect(
      await findGpioChip(
        fakeTree([
          { label: 'pinctrl-rp1', base: 569, ngpio: 54 },
          { label: 'gpio-brcmstb@107d508500', base: 512, ngpio: 32 },
        ]),
      ),
    ).toMatchObject({ label: 'pinctrl-rp1', base: 569 });
    expect(await findGpioChip(fakeTree([{ label: 'pinctrl-bcm2835', base: 0, ngpio: 54 }]))).toMatchObject({
      base: 0,
    });
  });

  it('explains a wrong chip label and a missing sysfs', async () => {
    const err = await findGpioChip(fakeTree(), 'nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).message).toMatch(/pinctrl-bcm2711 \(base 512/);
    const missing = await findGpioChip('/nonexistent/gpio').catch((e: unknown) => e);
    expect((missing as DriverError).code).toBe('no-sysfs-gpio');
  });
});

describe('Driver: GPIO buttons on a fake sysfs tree', () => {
  it('exports pin + chip base, debounces, and lights the pressed button LED', async () => {
    const clock = new ManualClock();
    const gpio = new FakeGpio();
    const buttons = new GpioButtons(
      { sysfsRoot: fakeTree(), pins, leds, timing, lines: gpio.factory },
      clock,
    );
    const events: ButtonEvent[] = [];
    buttons.onButton((e) => events.push(e));
    await buttons.open();
    expect(buttons.chip?.base).toBe(512);
    expect([...gpio.exported].sort()).toEqual([517, 518, 529, 534, 539]);
    const step = async (ms: number) => {
      for (let t = 0; t < ms; t += 5) {
        clock.advance(5);
        await Promise.resolve();
        await Promise.resolve();
      }
    };
    gpio.set(529, 0); // press OK, with bounce
    await step(5);
    gpio.set(529, 1);
    await step(5);
    gpio.set(529, 0);
    await step(50);
    expect(gpio.level(534)).toBe(1); // LED of OK lit while held
    gpio.set(529, 1);
    await step(50);
    expect(gpio.level(534)).toBe(0);
    expect(events.map((e) => [e.id, e.action])).toEqual([['ok', 'press']]);

    gpio.set(539, 0); // hold BACK
    await step(1600);
    gpio.set(539, 1);
    await step(50);
    expect(events.map((e) => [e.id, e.action])).toEqual([
      ['ok', 'press'],
      ['back', 'long-press'],
    ]);
    await buttons.close();
    expect(gpio.isExported(529)).toBe(false);
  });

  it('blinks every LED while the kiosk needs a technician', async () => {
    const clock = new ManualClock();
    const gpio = new FakeGpio();
    const buttons = new GpioButtons(
      { sysfsRoot: fakeTree(), pins, leds: { ok: 22, back: 23 }, timing, lines: gpio.factory },
      clock,
    );
    await buttons.open();
    buttons.setAttention(true);
    const seen: string[] = [];
    for (let k = 0; k < 4; k++) {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(`${gpio.level(534)}${gpio.level(535)}`);
      clock.advance(500);
    }
    expect(seen).toEqual(['11', '00', '11', '00']);
    buttons.setAttention(false);
    await new Promise((r) => setTimeout(r, 5));
    expect([gpio.level(534), gpio.level(535)]).toEqual([0, 0]);
    await buttons.close();
  });

  it('rejects a pin beyond the chip, naming the config field, and releases what it exported', async () => {
    const gpio = new FakeGpio();
    const buttons = new GpioButtons(
      { sysfsRoot: fakeTree(), pins: { ok: 17, back: 99 }, leds: {}, timing, lines: gpio.factory },
      new ManualClock(),
    );
    await expect(buttons.open()).rejects.toThrow(/input\.buttons\.pins\.back: must be a line offset 0-57/);
    expect(gpio.isExported(529)).toBe(false);
    const bad = new GpioButtons(
      { sysfsRoot: fakeTree(), pins: { enter: 3 }, leds: {}, timing, lines: gpio.factory },
      new ManualClock(),
    );
    await expect(bad.open()).rejects.toThrow(/input\.buttons\.pins\.enter/);
  });
});

describeButtonsContract('GpioButtons (fake sysfs, base 512)', async () => {
  const root = fakeTree();
  const gpio = new FakeGpio();
  const buttons = new GpioButtons(
    { sysfsRoot: root, pins, leds, timing: { ...timing, debounceMs: 5 }, lines: gpio.factory },
    systemClock,
  );
  const pin = (id: string) => 512 + (pins as Record<string, number>)[id]!;
  return {
    buttons,
    click: async (id) => {
      gpio.set(pin(id), 0);
      await new Promise((r) => setTimeout(r, 40));
      gpio.set(pin(id), 1);
      await new Promise((r) => setTimeout(r, 40));
    },
    led: (id) => (id === 'ok' ? gpio.level(534) === 1 : undefined),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});
