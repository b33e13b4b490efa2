import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ButtonTiming } from '../../../drivers/buttons/button-logic.js';
import { FirmataButtons } from '../../../drivers/buttons/firmata-buttons.js';
import type { ButtonEvent } from '../../../drivers/buttons/types.js';
import { FirmataBoardMock, PIN_MODES } from '../../../hardware-mocks/firmata-board.js';
import { systemClock } from '../../../runtime/clock.js';
import { DriverError } from '../../../runtime/errors.js';
import { describeButtonsContract, type ButtonsHarness } from '../../contracts/buttons.contract.js';
import { until } from '../../contracts/scanner.contract.js';
import { tempDir } from '../../helpers/sim-process.js';

const timing: ButtonTiming = {
  debounceMs: 5,
  longPressMs: 300,
  repeatDelayMs: 500,
  repeatIntervalMs: 150,
  repeat: new Set(['up', 'down']),
  activeLow: true,
};
const pins = { ok: 2, back: 3, '1': 4, '2': 5, help: 6 };
const leds = { ok: 13 };

async function board(): Promise<{ dir: string; mock: FirmataBoardMock }> {
  const dir = tempDir('firmata-');
  const mock = new FirmataBoardMock(dir);
  await mock.start();
  return { dir, mock };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Driver: Firmata button panel over a real pty (mock StandardFirmata)', () => {
  it('handshakes, sets pull-ups, reports presses and long-presses, drives the LED, reconnects', async () => {
    const { dir, mock } = await board();
    const buttons = new FirmataButtons(
      {
        path: mock.path,
        baudRate: 57_600,
        pins,
        leds,
        pullUp: true,
        timing,
        reconnectMs: 50,
        heartbeatMs: 300,
      },
      systemClock,
    );
    const events: ButtonEvent[] = [];
    buttons.onButton((e) => events.push(e));
    try {
      await buttons.open();
      expect(buttons.firmware).toBe('StandardFirmata.ino 2.5');
      await until(
        () => mock.modes.get(2) === PIN_MODES.PULLUP && mock.modes.get(13) === PIN_MODES.OUTPUT,
        'pin modes',
      );
      await sleep(50);
      mock.press(2);
      await until(() => mock.outputs.get(13) === 1, 'OK LED lit while held');
      mock.release(2);
      await until(() => events.length === 1, 'press');
      expect(events[0]).toMatchObject({ id: 'ok', action: 'press' });
      await until(() => mock.outputs.get(13) === 0, 'OK LED off after release');

      mock.press(6);
      await until(() => events.length === 2, 'long press');
      mock.release(6);
      expect(events[1]).toMatchObject({ id: 'help', action: 'long-press' });

      await mock.unplug();
      await until(() => !buttons.connected, 'unplug noticed');
      await mock.plug();
      await until(() => buttons.connected, 'reconnected', 5000);
      await sleep(50);
      mock.press(3);
      await sleep(30);
      mock.release(3);
      await until(() => events.length === 3, 'press after reconnect');
      expect(events[2]).toMatchObject({ id: 'back', action: 'press' });
    } finally {
      await buttons.close();
      await mock.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says to upload StandardFirmata when the board does not answer', async () => {
    const { dir, mock } = await board();
    mock.firmata = false;
    const buttons = new FirmataButtons(
      { path: mock.path, baudRate: 57_600, pins, leds, pullUp: true, timing, readyTimeoutMs: 700 },
      systemClock,
    );
    const err = await buttons.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).code).toBe('no-firmata');
    expect((err as DriverError).hint).toMatch(/StandardFirmata/);
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});

describeButtonsContract('FirmataButtons (mock board over pty)', async (): Promise<ButtonsHarness> => {
  const { dir, mock } = await board();
  const buttons = new FirmataButtons(
    { path: mock.path, baudRate: 57_600, pins, leds, pullUp: true, timing },
    systemClock,
  );
  return {
    buttons,
    click: async (id) => {
      await sleep(30); // reports switched on after open
      const pin = (pins as Record<string, number>)[id]!;
      mock.press(pin);
      await sleep(40);
      mock.release(pin);
      await sleep(40);
    },
    led: (id) => (id === 'ok' ? mock.outputs.get(13) === 1 : undefined),
    cleanup: async () => {
      await mock.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
