import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc16, readTlv } from '../helpers/emv-qr.js';
import { runKiosk, tempDir } from '../helpers/sim-process.js';

const dir = tempDir('kiosk-fee-qr-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configFile = join(dir, 'kiosk.yaml');
writeFileSync(
  configFile,
  'payment:\n  bankBin: "970436"\n  accountNumber: "0123456789"\n  accountName: UBND XA HAI HAU\n',
);

describe('kiosk fee qr', () => {
  it('the VietQR payload for a fee: NAPAS GUID, BIN, account, amount in đồng, content, valid CRC', async () => {
    const r = await runKiosk([
      'fee',
      'qr',
      '--procedure',
      '1.001612',
      '--ticket',
      'A-012',
      '--config',
      configFile,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const payload = r.stdout.trim();
    expect(payload.slice(-4)).toBe(crc16(payload.slice(0, -4)));
    const top = readTlv(payload);
    expect(top.get('00')).toBe('01');
    expect(top.get('01')).toBe('12');
    expect(top.get('53')).toBe('704');
    // The in-person fee (the kiosk's citizens pay at the centre), as the catalog parsed it.
    expect(top.get('54')).toBe('50000');
    expect(top.get('58')).toBe('VN');
    const merchant = readTlv(top.get('38') ?? '');
    expect(merchant.get('00')).toBe('A000000727');
    expect(merchant.get('02')).toBe('QRIBFTTA');
    const beneficiary = readTlv(merchant.get('01') ?? '');
    expect([beneficiary.get('00'), beneficiary.get('01')]).toEqual(['970436', '0123456789']);
    expect(readTlv(top.get('62') ?? '').get('08')).toBe('1.001612 A-012');
  });

  it('a tampered payload fails the CRC', async () => {
    const r = await runKiosk(['fee', 'qr', '--procedure', '2.000635', '--config', configFile]);
    expect(r.code, r.stderr).toBe(0);
    const payload = r.stdout.trim();
    expect(readTlv(payload).get('54')).toBe('8000');
    const tampered = payload.replace('54048000', '54049000');
    expect(tampered).not.toBe(payload);
    expect(tampered.slice(-4)).not.toBe(crc16(tampered.slice(0, -4)));
  });

  it('exit 1 when the procedure is free or the account is not set', async () => {
    const free = await runKiosk(['fee', 'qr', '--procedure', '1.001193', '--config', configFile]);
    expect(free.code).toBe(1);
    expect(free.stderr).toMatch(/free of charge \(miễn phí\)/);
    const noAccount = await runKiosk(['fee', 'qr', '--procedure', '1.001612']);
    expect(noAccount.code).toBe(1);
    expect(noAccount.stderr).toMatch(/payment\.bankBin and payment\.accountNumber are not set/);
    const unknown = await runKiosk(['fee', 'qr', '--procedure', '9.999999', '--config', configFile]);
    expect(unknown.code).toBe(1);
  });
});
