import { Writable } from 'node:stream';
import { composeKiosk, type Kiosk } from '../../../app/compose.js';
import { startKiosk } from '../../../app/lifecycle.js';
import type { ButtonId } from '../../../drivers/buttons/types.js';
import { MockButtons } from '../../../hardware-mocks/buttons.js';
import { MockPrinter } from '../../../hardware-mocks/printer.js';
import type { Clock } from '../../../runtime/clock.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { configureLogging } from '../../../runtime/logger.js';

export interface LogLine {
  /** pino's level label: 'info', 'warn', 'error', ... */
  level: string;
  msg: string;
  ns?: string;
  [key: string]: unknown;
}

export interface InProcessKiosk {
  kiosk: Kiosk;
  /** Every log line of this kiosk (pino JSON, parsed). */
  lines: LogLine[];
  printer: MockPrinter;
  buttons: MockButtons;
  press(id: ButtonId): Promise<string | undefined>;
  screen(): string | undefined;
}

/** A kiosk on mock hardware in this process, its log collected; `raw` is merged into the config. */
export async function startInProcessKiosk(
  dataDir: string,
  raw: Record<string, unknown> = {},
  clock?: Clock,
): Promise<InProcessKiosk> {
  const lines: LogLine[] = [];
  configureLogging({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const text of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(text) as LogLine);
        done();
      },
    }),
  });
  const kiosk = composeKiosk(validateConfig({ ...raw, storage: { dataDir } }), clock ? { clock } : {});
  await startKiosk(kiosk);
  const { printer, buttons } = kiosk.drivers;
  if (!(printer instanceof MockPrinter) || !(buttons instanceof MockButtons))
    throw new TypeError('startInProcessKiosk: needs the mock printer and buttons');
  return {
    kiosk,
    lines,
    printer,
    buttons,
    async press(id) {
      kiosk.bus.emit('input.button', { id, action: 'press', at: kiosk.clock.now() });
      await kiosk.ui.settle();
      return kiosk.ui.current?.name;
    },
    screen: () => kiosk.ui.current?.name,
  };
}
