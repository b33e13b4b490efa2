import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAudio } from '../../../drivers/audio/check.js';
import { checkButtons } from '../../../drivers/buttons/check.js';
import type { CheckResult } from '../../../drivers/check-types.js';
import { checkPrinter as checkPrinterWith } from '../../../drivers/printer/check.js';
import type { CheckOptions } from '../../../drivers/check-types.js';
import { createPrinter } from '../../../app/hardware.js';
import { ManualClock } from '../../../runtime/clock.js';
import type { KioskConfig } from '../../../runtime/config/schema.js';
import { checkScanner } from '../../../drivers/scanner/check.js';
import { PI4_KERNEL_66, writeFakeSysfsGpio } from '../../../hardware-mocks/fake-gpio.js';
import { FirmataBoardMock } from '../../../hardware-mocks/firmata-board.js';
import { PtyPrinter } from '../../../hardware-mocks/pty-printer.js';
import { PtyScanner } from '../../../hardware-mocks/pty-scanner.js';
import { TcpPrinter } from '../../../hardware-mocks/tcp-printer.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { tempDir } from '../../helpers/sim-process.js';

const dir = tempDir('checks-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The printer check on the driver the kiosk would build for `config`. */
const checkPrinter = (config: KioskConfig['printer'], options?: CheckOptions) =>
  checkPrinterWith(config, () => createPrinter(config, new ManualClock()), options);

function expectShape(r: CheckResult): void {
  expect(typeof r.id).toBe('string');
  expect(typeof r.message).toBe('string');
  expect(typeof r.title).toBe('string');
  expect(['ok', 'warn', 'fail', 'skip']).toContain(r.status);
  if (r.status === 'fail' || r.status === 'warn') expect(r.hint).toBeTruthy();
  expect(typeof r.detail?.driver).toBe('string');
  expect(() => JSON.stringify(r)).not.toThrow();
}

describe('Device self-checks (for kiosk doctor)', () => {
  it('printer: online, near end (warning), paper out (error) over a pty; refused over TCP', async () => {
    const mock = new PtyPrinter({ dir });
    await mock.start();
    const config = validateConfig({ printer: { driver: 'serial', path: mock.path, timeoutMs: 500 } }).printer;
    const ok = await checkPrinter(config);
    expectShape(ok);
    expect(ok).toMatchObject({
      id: 'printer',
      title: 'Printer',
      status: 'ok',
      detail: { driver: 'serial' },
    });
    mock.paper = 'near-end';
    expect(await checkPrinter(config)).toMatchObject({
      status: 'warn',
      code: 'paper-near-end',
    });
    mock.paper = 'out';
    const out = await checkPrinter(config);
    expectShape(out);
    expect(out).toMatchObject({ status: 'fail', code: 'paper-out' });
    await mock.stop();

    const tcp = new TcpPrinter();
    await tcp.start();
    const port = tcp.port;
    await tcp.stop();
    const refused = await checkPrinter(
      validateConfig({ printer: { driver: 'tcp', host: '127.0.0.1', port } }).printer,
    );
    expect(refused).toMatchObject({ status: 'fail', code: 'refused' });
  });

  it('printer: a printer that never answers fails within the time limit', async () => {
    const mock = new PtyPrinter({ dir, name: 'silent' });
    await mock.start();
    mock.replies = 'silent';
    const r = await checkPrinter(
      validateConfig({ printer: { driver: 'serial', path: mock.path, timeoutMs: 5000 } }).printer,
      {
        timeoutMs: 400,
      },
    );
    expect(r).toMatchObject({ status: 'fail', code: 'timeout' });
    await mock.stop();
  });

  it('scanner: serial present / missing, evdev missing', async () => {
    const mock = new PtyScanner(dir);
    await mock.start();
    expect(
      await checkScanner(validateConfig({ scanner: { driver: 'serial', path: mock.path } }).scanner),
    ).toMatchObject({
      status: 'ok',
    });
    await mock.stop();
    const missing = await checkScanner(
      validateConfig({ scanner: { driver: 'serial', path: mock.path } }).scanner,
    );
    expectShape(missing);
    expect(missing).toMatchObject({ status: 'fail', code: 'no-device' });
    const evdev = await checkScanner(
      validateConfig({ scanner: { driver: 'evdev', device: join(dir, 'event9') } }).scanner,
    );
    expect(evdev).toMatchObject({ status: 'fail', code: 'no-device' });
  });

  it('buttons: GPIO chip base 512 found; a pin off the chip is named', async () => {
    const root = join(dir, 'sys/class/gpio');
    writeFakeSysfsGpio(root, PI4_KERNEL_66);
    const good = await checkButtons(
      validateConfig({
        input: { buttons: { driver: 'gpio', sysfsRoot: root, pins: { ok: 17, back: 27 }, leds: { ok: 22 } } },
      }).input.buttons,
    );
    expect(good).toMatchObject({ status: 'ok', detail: { chip: 'pinctrl-bcm2711', base: 512 } });
    const bad = await checkButtons(
      validateConfig({ input: { buttons: { driver: 'gpio', sysfsRoot: root, pins: { ok: 70 } } } }).input
        .buttons,
    );
    expectShape(bad);
    expect(bad.message).toMatch(/input\.buttons\.pins\.ok/);
  });

  it('buttons: Firmata board handshake', async () => {
    const board = new FirmataBoardMock(dir);
    await board.start();
    const r = await checkButtons(
      validateConfig({ input: { buttons: { driver: 'firmata', port: board.path, pins: { ok: 2 } } } }).input
        .buttons,
    );
    expect(r).toMatchObject({ status: 'ok', detail: { firmware: 'StandardFirmata.ino 2.5' } });
    await board.stop();
  });

  it('audio: null PCM plays; a missing card fails with a hint', async () => {
    expect(
      await checkAudio(validateConfig({ audio: { driver: 'alsa', playbackDevice: 'null' } }).audio),
    ).toMatchObject({
      status: 'ok',
    });
    const missing = await checkAudio(
      validateConfig({ audio: { driver: 'alsa', playbackDevice: 'plughw:CARD=Nope' } }).audio,
    );
    expectShape(missing);
    expect(missing).toMatchObject({ status: 'fail', code: 'no-device' });
  });

  it('mock and none drivers pass as info', async () => {
    const config = validateConfig({});
    for (const r of [
      await checkPrinter(config.printer),
      await checkScanner(config.scanner),
      await checkButtons(config.input.buttons),
      await checkAudio(config.audio),
    ]) {
      expectShape(r);
      expect(r.status).toBe('ok');
    }
  });
});
