import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBusyIppPrinter } from '../helpers/busy-ipp-printer.js';
import { startIppPrinter, type TestIppPrinter } from '../helpers/ipp-printer.js';
import { freePort } from '../helpers/mosquitto.js';
import { runKiosk } from '../helpers/sim-process.js';

let printer: TestIppPrinter;
beforeAll(async () => {
  printer = await startIppPrinter();
});
afterAll(async () => {
  await printer?.stop();
});

describe('kiosk form print (real IPP printer: ippeveprinter)', () => {
  it('sends the filled form as a PDF job; the printer received the Vietnamese text', async () => {
    const r = await runKiosk(['form', 'print', '--form', 'khai-sinh', '--sample', '--printer', printer.uri]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/job \d+ accepted \(TỜ KHAI ĐĂNG KÝ KHAI SINH/);
    const [job] = await printer.waitForJobs(1);
    if (!job) throw new Error('no job');
    const text = execFileSync('pdftotext', [job.file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    expect(text).toContain('Nguyễn Thị Hoa');
    expect(text).toContain('Bệnh viện Đa khoa huyện Hải Hậu');
  });

  it('bad data is refused before anything is printed', async () => {
    const before = printer.jobs().length;
    const data = join(printer.spool, '..', `bad-${process.pid}.json`);
    writeFileSync(data, JSON.stringify({ nuHoTen: '  ' }));
    const r = await runKiosk([
      'form',
      'print',
      '--form',
      'ket-hon',
      '--data',
      data,
      '--printer',
      printer.uri,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nuHoTen \(Họ, chữ đệm, tên\): Vui lòng điền mục này\./);
    expect(printer.jobs().length).toBe(before);
  });

  it('a printer busy with another job is tried again, saying so, until it takes the job', async () => {
    const busy = await startBusyIppPrinter();
    try {
      busy.busyFor(2);
      const r = await runKiosk(['form', 'print', '--form', 'khai-tu', '--sample', '--printer', busy.uri]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /server-error-busy \(Currently printing another job\.\); trying again in 200 ms/,
      );
      expect(r.stderr).toMatch(/trying again in 400 ms/);
      expect(r.stdout).toMatch(/job 1 accepted \(TỜ KHAI ĐĂNG KÝ KHAI TỬ/);
      expect(busy.jobs.map((j) => j.accepted)).toEqual([false, false, true]);
    } finally {
      await busy.stop();
    }
  });

  it('a printer that refuses or is not there: exit 1 with the cause and the fix', async () => {
    const refused = await runKiosk([
      'form',
      'print',
      '--form',
      'khai-tu',
      '--sample',
      '--printer',
      `ipp://localhost:${printer.port}/ipp/no-such-queue`,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused: client-error-not-found .*\[refused\]/);
    const port = await freePort();
    const gone = await runKiosk([
      'form',
      'print',
      '--form',
      'khai-tu',
      '--sample',
      '--printer',
      `ipp://127.0.0.1:${port}/ipp/print`,
    ]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(
      /no printer answers at .*ECONNREFUSED.*\[unreachable\]\n {2}fix: check that the A4 printer is on/,
    );
    const bad = await runKiosk(['form', 'print', '--form', 'khai-tu', '--sample', '--printer', 'lpd://x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/must start with ipp:\/\//);
  });
});
