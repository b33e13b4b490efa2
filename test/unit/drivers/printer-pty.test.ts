import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPos } from '../../../drivers/printer/escpos.js';
import { EscPosPrinter } from '../../../drivers/printer/escpos-printer.js';
import { SerialTransport } from '../../../drivers/printer/serial-transport.js';
import { encodeText } from '../../../drivers/printer/text-encoding.js';
import { PtyPrinter } from '../../../hardware-mocks/pty-printer.js';
import { DriverError } from '../../../runtime/errors.js';
import { tempDir } from '../../helpers/sim-process.js';
import { rejection } from '../../helpers/rejection.js';

function ticketJob(): Uint8Array {
  return new EscPos()
    .init()
    .codePage(52)
    .align('center')
    .text(encodeText('Phiếu số thứ tự', 'wpc1258'))
    .newline()
    .qr('A-012')
    .barcode('A012')
    .feed(2)
    .cut()
    .bytes();
}

describe('Driver: ESC/POS printer over a real pty (socat)', () => {
  let dir: string;
  let mock: PtyPrinter;
  let printer: EscPosPrinter;

  beforeEach(async () => {
    dir = tempDir('printer-pty-');
    mock = new PtyPrinter({ dir, outDir: dir });
    await mock.start();
    printer = new EscPosPrinter(new SerialTransport(mock.path, 115_200), {
      kind: 'serial',
      widthDots: 576,
      timeoutMs: 500,
    });
  });

  afterEach(async () => {
    await printer.close();
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('polls DLE EOT 1-4 and prints a Vietnamese text/QR/barcode receipt', async () => {
    const next = mock.nextReceipt();
    await printer.print(ticketJob());
    const receipt = await next;
    expect(receipt.complete).toBe(true);
    expect(receipt.cut).toBe(true);
    expect(receipt.text).toContain('Phiếu số thứ tự');
    expect(receipt.ops).toContainEqual({ kind: 'qr', data: 'A-012', moduleSize: 6 });
    expect(receipt.ops).toContainEqual({ kind: 'barcode', system: 'CODE128', data: 'A012', valid: true });
    expect(receipt.unknown).toEqual([]);
    // before the job and after it
    expect(mock.statusRequests).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('reports status from the device, including paper near end', async () => {
    expect(await printer.status()).toMatchObject({
      online: true,
      paper: 'ok',
      coverOpen: false,
      source: 'device',
    });
    mock.paper = 'near-end';
    expect(await printer.status()).toMatchObject({ online: true, paper: 'near-end' });
    mock.coverOpen = true;
    expect(await printer.status()).toMatchObject({ online: false, coverOpen: true });
  });

  it('refuses a job when paper is out, with code and hint, and prints nothing', async () => {
    mock.paper = 'out';
    const err = await rejection(printer.print(ticketJob()), DriverError);
    expect(err.kind).toBe('device-fault');
    expect(err.code).toBe('paper-out');
    expect(err.hint).toMatch(/roll/);
    expect(mock.receipts).toHaveLength(0);
  });

  it('fails the job when the roll runs out mid-ticket', async () => {
    mock.paperLeftBytes = 40;
    const err = await rejection(printer.print(ticketJob()), DriverError);
    expect(err.code).toBe('paper-out');
    expect(err.message).toMatch(/while printing/);
    expect(mock.receipts.every((r) => !r.complete)).toBe(true);
  });

  it('refuses with cover-open and cutter fault', async () => {
    mock.coverOpen = true;
    expect((await rejection(printer.print(ticketJob()), DriverError)).code).toBe('cover-open');
    mock.coverOpen = false;
    mock.cutterError = true;
    expect((await rejection(printer.print(ticketJob()), DriverError)).code).toBe('fault');
  });

  it('rejects garbage status replies and times out on silence', async () => {
    mock.replies = 'garbage';
    const bad = await rejection(printer.status(), DriverError);
    expect(bad.code).toBe('bad-status');
    expect(bad.hint).toMatch(/baud/);
    mock.replies = 'silent';
    const silent = await rejection(printer.status(), DriverError);
    expect(silent.kind).toBe('timeout');
    mock.replies = 'normal';
    expect((await printer.status()).online).toBe(true);
  });

  it('survives unplug: clear error while gone, prints again after replug', async () => {
    await printer.open();
    await mock.unplug();
    const err = await rejection(printer.print(ticketJob()), DriverError);
    expect(['disconnected', 'timeout']).toContain(err.kind);
    await mock.plug();
    const next = mock.nextReceipt();
    await printer.print(ticketJob());
    expect((await next).complete).toBe(true);
  });

  it('fails open() with no-device and a hint when the tty does not exist', async () => {
    const missing = new EscPosPrinter(new SerialTransport(`${dir}/nope`, 9600), {
      kind: 'serial',
      widthDots: 576,
    });
    const err = await rejection(missing.open(), DriverError);
    expect(err.code).toBe('no-device');
    expect(err.hint).toMatch(/by-id/);
  });
});
