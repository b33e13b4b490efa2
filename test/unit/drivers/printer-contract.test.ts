import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EscPos } from '../../../drivers/printer/escpos.js';
import { DriverError } from '../../../runtime/errors.js';
import { EscPosPrinter } from '../../../drivers/printer/escpos-printer.js';
import { SerialTransport } from '../../../drivers/printer/serial-transport.js';
import { TcpTransport } from '../../../drivers/printer/tcp-transport.js';
import { MockPrinter } from '../../../hardware-mocks/printer.js';
import type { PrinterFirmware } from '../../../hardware-mocks/printer-firmware.js';
import { PtyPrinter } from '../../../hardware-mocks/pty-printer.js';
import { TcpPrinter } from '../../../hardware-mocks/tcp-printer.js';
import { ManualClock } from '../../../runtime/clock.js';
import { describePrinterContract } from '../../contracts/printer.contract.js';
import { tempDir } from '../../helpers/sim-process.js';

function observe(firmware: PrinterFirmware) {
  return async () => {
    const last = firmware.lastReceipt;
    return last ? { cut: last.cut, count: firmware.receipts.length } : { cut: false, count: 0 };
  };
}

describePrinterContract('MockPrinter (in-process)', async () => {
  const printer = new MockPrinter(576, new ManualClock());
  return {
    printer,
    lastPrinted: async () => ({ cut: printer.lastReceipt?.cut ?? false, count: printer.receipts.length }),
    setPaperOut: (out) => (printer.paperOut = out),
    cleanup: () => printer.close(),
  };
});

describePrinterContract('EscPosPrinter + serial over socat pty', async () => {
  const dir = tempDir('printer-contract-');
  const mock = new PtyPrinter({ dir });
  await mock.start();
  const printer = new EscPosPrinter(new SerialTransport(mock.path, 115_200), {
    kind: 'serial',
    widthDots: 576,
    timeoutMs: 1000,
  });
  return {
    printer,
    lastPrinted: async () => {
      await new Promise((r) => setTimeout(r, 30)); // let the last bytes cross the pty
      return observe(mock)();
    },
    setPaperOut: (out) => (mock.paper = out ? 'out' : 'ok'),
    cleanup: async () => {
      await printer.close();
      await mock.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describePrinterContract('EscPosPrinter + TCP (port 0)', async () => {
  const mock = new TcpPrinter(384);
  await mock.start();
  const printer = new EscPosPrinter(new TcpTransport('127.0.0.1', mock.port), {
    kind: 'tcp',
    widthDots: 384,
    timeoutMs: 1000,
  });
  return {
    printer,
    lastPrinted: async () => {
      await new Promise((r) => setTimeout(r, 30));
      return observe(mock)();
    },
    setPaperOut: (out) => (mock.paper = out ? 'out' : 'ok'),
    cleanup: async () => {
      await printer.close();
      await mock.stop();
    },
  };
});

const realPath = process.env.KIOSK_TEST_PRINTER;
describe.skipIf(!realPath)(
  'real printer contract (skipped: set KIOSK_TEST_PRINTER=/dev/ttyUSB0 and KIOSK_TEST_PRINTER_BAUD to run it on hardware)',
  () => {
    describePrinterContract(`real serial printer ${realPath}`, async () => {
      const printer = new EscPosPrinter(
        new SerialTransport(realPath as string, Number(process.env.KIOSK_TEST_PRINTER_BAUD ?? 115_200)),
        { kind: 'serial', widthDots: 576, timeoutMs: 3000 },
      );
      return { printer, cleanup: () => printer.close() };
    });
  },
);

describe('MockPrinter faults', () => {
  it('runs out of paper mid-job: half a receipt, paper-out "while printing", then refuses', async () => {
    const printer = new MockPrinter(576, new ManualClock());
    printer.paperLeftJobs = 1;
    const job = new EscPos().init().qr('A-1').feed(2).cut().bytes();
    await printer.print(job);
    const err = await printer.print(job).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).code).toBe('paper-out');
    expect((err as DriverError).message).toMatch(/while printing/);
    expect(printer.receipts.map((r) => r.complete)).toEqual([true, false]);
    expect(((await printer.print(job).catch((e: unknown) => e)) as DriverError).message).toBe(
      'printer is out of paper',
    );
  });

  it('reports cutter fault and offline with the driver codes', async () => {
    const printer = new MockPrinter(384, new ManualClock());
    printer.fault = true;
    expect(((await printer.print(new Uint8Array(1)).catch((e: unknown) => e)) as DriverError).code).toBe(
      'fault',
    );
    printer.fault = false;
    printer.offline = true;
    expect(((await printer.print(new Uint8Array(1)).catch((e: unknown) => e)) as DriverError).code).toBe(
      'offline',
    );
  });

  it('is the real ESC/POS driver: the firmware sees its DLE EOT polls and receives the job bytes', async () => {
    const printer = new MockPrinter(576, new ManualClock(1_000));
    expect(printer).toBeInstanceOf(EscPosPrinter);
    const job = new EscPos().init().qr('A-001').feed(1).cut().bytes();
    await printer.print(job);
    // One poll of DLE EOT 1-4 before the job and one after it.
    expect(printer.firmware.statusRequests).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(printer.receipts).toHaveLength(1);
    expect(printer.lastReceipt).toMatchObject({ complete: true, cut: true, at: 1_000 });
    expect(Buffer.from(printer.lastReceipt!.raw)).toEqual(Buffer.from(job));
    expect(printer.lastReceipt!.ops).toContainEqual(expect.objectContaining({ kind: 'qr', data: 'A-001' }));
  });

  it('near end and paper out are separate switches; reloading paper keeps the near-end warning', async () => {
    const printer = new MockPrinter(576, new ManualClock());
    printer.nearEnd = true;
    expect((await printer.status()).paper).toBe('near-end');
    printer.paperOut = true;
    expect((await printer.status()).paper).toBe('out');
    printer.paperOut = false;
    expect((await printer.status()).paper).toBe('near-end');
    printer.nearEnd = false;
    expect(await printer.status()).toMatchObject({ paper: 'ok', online: true, coverOpen: false });
    printer.coverOpen = true;
    expect(((await printer.print(new Uint8Array(1)).catch((e: unknown) => e)) as DriverError).code).toBe(
      'cover-open',
    );
  });

  it('unplugged: open and status fail with no-device; plugged back in, the driver reopens the link', async () => {
    const printer = new MockPrinter(576, new ManualClock());
    await printer.open();
    printer.unplugged = true;
    const err = (await printer.status().catch((e: unknown) => e)) as DriverError;
    expect(err).toBeInstanceOf(DriverError);
    expect(err).toMatchObject({
      kind: 'disconnected',
      code: 'no-device',
      message: 'printer is not connected',
    });
    expect(((await printer.open().catch((e: unknown) => e)) as DriverError).code).toBe('no-device');
    printer.unplugged = false;
    expect((await printer.status()).online).toBe(true);
    await printer.print(new EscPos().init().cut().bytes());
    expect(printer.receipts).toHaveLength(1);
  });

  it('paperLeftJobs counts whole receipts; a new count after a run-out starts a fresh roll', async () => {
    const printer = new MockPrinter(576, new ManualClock());
    const job = new EscPos().init().qr('B-2').feed(2).cut().bytes();
    printer.paperLeftJobs = 0;
    expect(((await printer.print(job).catch((e: unknown) => e)) as DriverError).code).toBe('paper-out');
    printer.paperOut = false;
    printer.paperLeftJobs = 2;
    await printer.print(job);
    await printer.print(job);
    expect(((await printer.print(job).catch((e: unknown) => e)) as DriverError).code).toBe('paper-out');
    expect(printer.receipts.map((r) => r.complete)).toEqual([false, true, true, false]);
    printer.paperOut = false;
    printer.paperLeftJobs = undefined;
    for (let n = 0; n < 3; n++) await printer.print(job);
    expect(printer.receipts.slice(-3).every((r) => r.complete)).toBe(true);
  });
});
