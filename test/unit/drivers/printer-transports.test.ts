import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPos } from '../../../drivers/printer/escpos.js';
import { EscPosPrinter } from '../../../drivers/printer/escpos-printer.js';
import { TcpTransport } from '../../../drivers/printer/tcp-transport.js';
import { UsbLpTransport } from '../../../drivers/printer/usb-lp-transport.js';
import { decodeEscPos } from '../../../hardware-mocks/escpos-decoder.js';
import { TcpPrinter } from '../../../hardware-mocks/tcp-printer.js';
import { DriverError } from '../../../runtime/errors.js';
import { tempDir } from '../../helpers/sim-process.js';
import { rejection } from '../../helpers/rejection.js';

const job = (): Uint8Array =>
  new EscPos().init().align('center').qr('https://example.vn/hs/1').feed(1).cut().bytes();

describe('Driver: printer over TCP 9100', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('reconnects after the printer drops the connection', async () => {
    const mock = new TcpPrinter();
    await mock.start();
    const printer = new EscPosPrinter(new TcpTransport('127.0.0.1', mock.port), {
      kind: 'tcp',
      widthDots: 576,
      timeoutMs: 1000,
    });
    cleanups.push(
      () => mock.stop(),
      () => printer.close(),
    );
    let next = mock.nextReceipt();
    await printer.print(job());
    expect((await next).ops).toContainEqual({ kind: 'qr', data: 'https://example.vn/hs/1', moduleSize: 6 });
    mock.dropClients();
    await new Promise((r) => setTimeout(r, 50));
    next = mock.nextReceipt();
    await printer.print(job());
    expect((await next).complete).toBe(true);
  });

  it('says "refused" with a hint when nothing listens on the port', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const printer = new EscPosPrinter(new TcpTransport('127.0.0.1', port), { kind: 'tcp', widthDots: 576 });
    const err = await rejection(printer.open(), DriverError);
    expect(err.code).toBe('refused');
    expect(err.hint).toMatch(/9100/);
  });

  it('times out status when the printer accepts but never answers', async () => {
    const mock = new TcpPrinter();
    await mock.start();
    mock.replies = 'silent';
    const printer = new EscPosPrinter(new TcpTransport('127.0.0.1', mock.port), {
      kind: 'tcp',
      widthDots: 576,
      timeoutMs: 300,
    });
    cleanups.push(
      () => mock.stop(),
      () => printer.close(),
    );
    const err = await rejection(printer.print(job()), DriverError);
    expect(err.kind).toBe('timeout');
    expect(err.code).toBe('no-status');
    expect(mock.receipts).toHaveLength(0);
  });
});

describe('Driver: USB printer class device (/dev/usb/lp0 as a file)', () => {
  it('writes jobs to the device file; status is marked as assumed', async () => {
    const dir = tempDir('usb-lp-');
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    const printer = new EscPosPrinter(new UsbLpTransport(path), { kind: 'usb', widthDots: 576 });
    await printer.print(job());
    await printer.print(job());
    expect(await printer.status()).toMatchObject({ online: true, source: 'assumed' });
    await printer.close();
    const decoded = decodeEscPos(readFileSync(path), 576);
    expect(decoded.ops.filter((o) => o.kind === 'qr')).toHaveLength(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns ENOSPC from the kernel (usblp paper out; /dev/full here) into paper-out', async () => {
    const printer = new EscPosPrinter(new UsbLpTransport('/dev/full'), { kind: 'usb', widthDots: 576 });
    const err = await rejection(printer.print(job()), DriverError);
    expect(err.kind).toBe('device-fault');
    expect(err.code).toBe('paper-out');
    expect(err.hint).toMatch(/roll/);
    await printer.close();
  });

  it('does not create a file when the device is missing', async () => {
    const dir = tempDir('usb-lp-');
    const path = join(dir, 'lp9');
    const printer = new EscPosPrinter(new UsbLpTransport(path), { kind: 'usb', widthDots: 576 });
    const err = await rejection(printer.open(), DriverError);
    expect(err.code).toBe('no-device');
    expect(err.hint).toMatch(/USB/);
    expect(existsSync(path)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
