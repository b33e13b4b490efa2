import { describe, expect, it } from 'vitest';
import {
  createAudio,
  createButtons,
  createDisplay,
  createMic,
  createPrinter,
  createScanner,
  createTouch,
  deviceFactories,
  simulatedHardware,
} from '../../../app/hardware.js';
import { ManualClock } from '../../../runtime/clock.js';
import { validateConfig } from '../../../runtime/config/load.js';

const clock = new ManualClock();

/** Every value each `config.*.driver` accepts, with the settings that driver needs. */
const cases = {
  display: {
    mock: {},
    fbdev: { device: '/dev/fb1' },
    file: { file: '/tmp/x.raw' },
    png: { file: '/tmp/x.png' },
  },
  buttons: { mock: {}, gpio: { pins: { ok: 17 } }, firmata: { port: '/dev/ttyACM0', pins: { ok: 2 } } },
  touch: { mock: {}, evdev: { device: '/dev/input/event0' }, none: {} },
  printer: {
    mock: {},
    serial: { path: '/dev/ttyUSB0' },
    usb: { path: '/dev/usb/lp0' },
    tcp: { host: '192.0.2.1' },
    none: {},
  },
  scanner: { mock: {}, serial: { path: '/dev/ttyACM1' }, evdev: { device: '/dev/input/event1' }, none: {} },
  audio: { mock: {}, alsa: {}, none: {} },
} as const;

function configWith(kind: keyof typeof cases, driver: string, extra: object) {
  const section = { driver, ...extra };
  if (kind === 'buttons') return validateConfig({ input: { buttons: section } });
  if (kind === 'touch') return validateConfig({ input: { touch: section } });
  return validateConfig({ [kind]: section });
}

describe('app/hardware.ts: config → driver', () => {
  it('maps every driver value of every device kind to a driver of that kind (mocks included)', () => {
    const seen: string[] = [];
    for (const [kind, drivers] of Object.entries(cases) as [keyof typeof cases, object][]) {
      for (const [driver, extra] of Object.entries(drivers)) {
        const devices = deviceFactories(configWith(kind, driver, extra as object), clock);
        expect(devices[kind]().kind, `${kind}.driver ${driver}`).toBe(driver);
        seen.push(`${kind}:${driver}`);
      }
    }
    expect(seen).toHaveLength(22);
  });

  it('each factory call builds a fresh, unopened driver', () => {
    const devices = deviceFactories(validateConfig({}), clock);
    expect(devices.printer()).not.toBe(devices.printer());
    expect(devices.display()).not.toBe(devices.display());
  });

  it('picks the microphone from audio.driver: arecord for alsa, the mock otherwise', () => {
    for (const [driver, kind] of [
      ['alsa', 'arecord'],
      ['mock', 'mock'],
      ['none', 'mock'],
    ] as const)
      expect(createMic(validateConfig({ audio: { driver } }).audio).kind).toBe(kind);
  });

  it('rejects a driver the schema does not know before any factory runs', () => {
    expect(() => validateConfig({ printer: { driver: 'cups' } })).toThrow(/printer\.driver/);
  });

  it('hands the simulator the mocks it drives, and nothing for real drivers', () => {
    const mocks = validateConfig({});
    const sim = simulatedHardware({
      display: createDisplay(mocks.display),
      printer: createPrinter(mocks.printer, clock),
      scanner: createScanner(mocks.scanner, clock),
    });
    expect(Object.keys(sim).sort()).toEqual(['display', 'printer', 'scanner']);
    const real = validateConfig({
      display: { driver: 'fbdev' },
      printer: { driver: 'tcp', host: '192.0.2.1' },
      scanner: { driver: 'none' },
    });
    expect(
      simulatedHardware({
        display: createDisplay(real.display),
        printer: createPrinter(real.printer, clock),
        scanner: createScanner(real.scanner, clock),
      }),
    ).toEqual({});
    // The other factories stay reachable one by one, as compose.ts uses them.
    expect(createButtons(mocks.input.buttons, clock).kind).toBe('mock');
    expect(createTouch(mocks.input.touch, clock, mocks.display).kind).toBe('mock');
    expect(createAudio(mocks.audio).kind).toBe('mock');
  });
});
