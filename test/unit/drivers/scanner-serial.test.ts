import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineFramer } from '../../../drivers/scanner/line-framer.js';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.js';
import type { ScanEvent, ScanRejected } from '../../../drivers/scanner/types.js';
import { PtyScanner } from '../../../hardware-mocks/pty-scanner.js';
import { systemClock } from '../../../runtime/clock.js';
import { DriverError } from '../../../runtime/errors.js';
import { until } from '../../contracts/scanner.contract.js';
import { tempDir } from '../../helpers/sim-process.js';

const CCCD = '001099012345|012345678|Nguyễn Văn An|01011990|Nam|Thôn Đông, Xã Hòa Bình, Hà Nội|15062021';

describe('Scanner line framing', () => {
  it('gives the same reads whatever way the stream is split', () => {
    const stream = Buffer.from(`${CCCD}\r\nHS-1\n\r\nĐ-2\r`, 'utf8');
    for (let split = 0; split <= stream.length; split++) {
      const framer = new LineFramer();
      const reads = [...framer.push(stream.subarray(0, split)), ...framer.push(stream.subarray(split))];
      expect(reads).toEqual([
        { ok: true, data: CCCD },
        { ok: true, data: 'HS-1' },
        { ok: true, data: 'Đ-2' },
      ]);
    }
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const [read] = new LineFramer().push(Buffer.from('Nguye\u0302\u0303n\r', 'utf8'));
    expect(read).toEqual({ ok: true, data: 'Nguyễn' });
  });

  it('rejects invalid UTF-8, control bytes and over-long reads, keeping memory bounded', () => {
    const framer = new LineFramer({ maxLength: 1000 });
    expect(framer.push(Buffer.from([0xc3, 0x28, 0x0d]))).toEqual([
      { ok: false, reason: 'invalid-utf8', length: 2 },
    ]);
    expect(framer.push(Buffer.from('ab\x1bc\r'))).toEqual([
      { ok: false, reason: 'control-bytes', length: 4 },
    ]);
    const reads = [];
    for (let k = 0; k < 64; k++) reads.push(...framer.push(Buffer.alloc(1024, 0x41)));
    reads.push(...framer.push(Buffer.from('\rOK\r')));
    expect(reads).toEqual([
      { ok: false, reason: 'too-long', length: 65_536 },
      { ok: true, data: 'OK' },
    ]);
  });

  it('names the field for a bad maxLength', () => {
    expect(() => new LineFramer({ maxLength: 0 })).toThrow(/maxLength/);
  });
});

describe('Driver: serial scanner over a real pty (socat)', () => {
  let dir: string;
  let mock: PtyScanner;
  let scanner: SerialScanner;
  let scans: ScanEvent[];
  let rejects: ScanRejected[];

  beforeEach(async () => {
    dir = tempDir('scanner-pty-');
    mock = new PtyScanner(dir);
    await mock.start();
    scanner = new SerialScanner(
      { path: mock.path, baudRate: 9600, reconnectMs: 50, maxLength: 4096 },
      systemClock,
    );
    scans = [];
    rejects = [];
    scanner.onScan((e) => scans.push(e));
    scanner.onReject((e) => rejects.push(e));
    await scanner.open();
  });

  afterEach(async () => {
    await scanner.close();
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a CCCD QR read sent in small UART-sized chunks', async () => {
    await mock.scan(CCCD, 7);
    await until(() => scans.length === 1, 'CCCD scan');
    expect(scans[0]?.data).toBe(CCCD);
  });

  it('rejects each kind of garbage with a reason and then reads normally', async () => {
    await mock.garbage('invalid-utf8');
    await mock.garbage('control-bytes');
    await mock.garbage('too-long', 70_000);
    await mock.scan('HS-2026-000123');
    await until(() => scans.length === 1, 'good scan after garbage');
    expect(rejects.map((r) => r.reason)).toEqual(['invalid-utf8', 'control-bytes', 'too-long']);
    expect(scans.map((s) => s.data)).toEqual(['HS-2026-000123']);
    expect(scanner.counters.rejected).toBe(3);
  });

  it('reconnects by itself after the scanner is unplugged and plugged back', async () => {
    await mock.unplug();
    await until(() => !scanner.connected, 'disconnect noticed');
    await mock.plug();
    await until(() => scanner.connected, 'reconnect', 5000);
    await mock.scan('AFTER-REPLUG');
    await until(() => scans.length === 1, 'scan after replug');
    expect(scans[0]?.data).toBe('AFTER-REPLUG');
    expect(scanner.counters.reconnects).toBe(1);
  });

  it('notices an unplug in the middle of a read and drops the partial read', async () => {
    await mock.send(Buffer.from('001099012345|0123'));
    await new Promise((r) => setTimeout(r, 100)); // let the half read reach the driver
    await mock.unplug();
    await until(() => !scanner.connected, 'unplug noticed', 5000);
    await mock.plug();
    await until(() => scanner.connected, 'reconnect', 5000);
    await mock.scan('HS-2');
    await until(() => scans.length === 1, 'scan after replug');
    expect(scans.map((s) => s.data)).toEqual(['HS-2']);
    expect(rejects).toEqual([{ reason: 'incomplete', length: 17, at: expect.any(Number) }]);
  });

  it('fails open() with no-device and a hint when the port is missing', async () => {
    const missing = new SerialScanner({ path: `${dir}/none`, baudRate: 9600 }, systemClock);
    const err = await missing.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).code).toBe('no-device');
    expect((err as DriverError).hint).toMatch(/by-id/);
  });
});
