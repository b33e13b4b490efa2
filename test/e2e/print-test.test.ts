import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PtyPrinter } from '../../hardware-mocks/pty-printer.js';
import { tempDir, runKiosk, type CliResult } from '../helpers/sim-process.js';

const kiosk = (args: string[]): Promise<CliResult> => runKiosk(args, { env: { KIOSK_LOG_LEVEL: 'silent' } });

describe('kiosk print-test', () => {
  const dir = tempDir('print-test-');
  let printer: PtyPrinter;
  beforeAll(async () => {
    printer = new PtyPrinter({ dir, outDir: dir });
    await printer.start();
  });
  afterAll(async () => {
    await printer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the Vietnamese test page on a serial printer (pty) and reports status', async () => {
    const next = printer.nextReceipt(15_000);
    const r = await kiosk(['print-test', '--printer', `serial:${printer.path}@115200`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/status before: online, paper ok/);
    expect(r.stdout).toMatch(/printed: \d+ bytes/);
    const receipt = await next;
    expect(receipt.complete).toBe(true);
    expect(receipt.text).toContain('Ủy ban nhân dân xã Đông Hòa – Trung tâm Phục vụ hành chính công');
    expect(receipt.ops.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['raster', 'text', 'qr', 'barcode', 'cut']),
    );
  });

  it('fails with exit 1, the paper-out code and a hint when the printer has no paper', async () => {
    printer.paper = 'out';
    const r = await kiosk(['print-test', '--printer', `serial:${printer.path}`]);
    printer.paper = 'ok';
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/paper out/);
    expect(r.stderr).toMatch(/\[paper-out\]/);
    expect(r.stderr).toMatch(/fix: .*roll/);
  });

  it('writes the receipt PNG on the mock printer', async () => {
    const r = await kiosk(['print-test', '--printer', 'mock', '--mode', 'raster', '--out', dir]);
    expect(r.code).toBe(0);
    const file = /receipt: (.+\.png)/.exec(r.stdout)?.[1];
    expect(file && existsSync(file)).toBe(true);
  });

  it('rejects a malformed --printer spec naming the option', async () => {
    const r = await kiosk(['print-test', '--printer', 'parallel:/dev/lp0']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--printer: expected/);
  });
});
