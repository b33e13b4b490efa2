import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateFleetKeys } from '../../domain/fleet/signing.js';
import { runKiosk, tempDir } from '../helpers/sim-process.js';

const dir = tempDir('kiosk-form-handoff-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const kioskKey = generateFleetKeys();
const otherKey = generateFleetKeys();
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const priv = file('kiosk-private.pem', kioskKey.privatePem);
const pub = file('kiosk-public.pem', kioskKey.publicPem);
const otherPub = file('other-public.pem', otherKey.publicPem);

async function handoffQr(): Promise<string> {
  const r = await runKiosk([
    'form',
    'render',
    '--form',
    'khai-sinh',
    '--sample',
    '--out',
    join(dir, 'ks.pdf'),
    '--handoff',
    priv,
  ]);
  expect(r.code, r.stderr).toBe(0);
  const qr = r.stdout.trim().split('\n').at(-1) ?? '';
  expect(qr).toMatch(/^KF1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
  return qr;
}

describe('counter-handoff QR: kiosk form decode', () => {
  it('verifies the signature and prints the form; compact enough for one QR', async () => {
    const qr = await handoffQr();
    // A version-25 QR at error correction M holds 1,273 bytes of binary data.
    expect(qr.length).toBeLessThan(1273);
    const r = await runKiosk(['form', 'decode', qr, '--key', pub]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/TỜ KHAI ĐĂNG KÝ KHAI SINH \(mẫu khai-sinh v1\), thủ tục 1\.001193/);
    expect(r.stdout).toMatch(/signature verified/);
    expect(r.stdout).toContain('Họ, chữ đệm, tên người mẹ: Nguyễn Thị Hoa');
    const json = await runKiosk(['form', 'decode', qr, '--key', pub, '--json']);
    const parsed = JSON.parse(json.stdout) as { form: string; values: Record<string, string> };
    expect(parsed.form).toBe('khai-sinh');
    expect(parsed.values.treHoTen).toBe('Trần Minh Khang');
  });

  it('garbage, a truncated, a tampered or a stranger-signed QR: exit 1 with the reason', async () => {
    const qr = await handoffQr();
    const decode = (text: string, key = pub) => runKiosk(['form', 'decode', text, '--key', key]);
    const garbage = await decode('hello world');
    expect([garbage.code, garbage.stderr]).toEqual([1, expect.stringMatching(/not a kiosk form QR/)]);
    const truncated = await decode(qr.slice(0, qr.length - 20));
    expect([truncated.code, truncated.stderr]).toEqual([1, expect.stringMatching(/truncated or damaged/)]);
    const cut = await decode(qr.slice(0, Math.floor(qr.length / 2)));
    expect([cut.code, cut.stderr]).toEqual([1, expect.stringMatching(/truncated or damaged/)]);
    // Re-pack different values under the same signature.
    const [head, , sig] = qr.split('.');
    const { deflateRawSync, inflateRawSync } = await import('node:zlib');
    const fields = JSON.parse(
      inflateRawSync(Buffer.from(qr.split('.')[1] ?? '', 'base64url')).toString(),
    ) as unknown[];
    (fields[8] as Record<string, string>).treHoTen = 'Người Khác';
    const forged = `${head}.${deflateRawSync(Buffer.from(JSON.stringify(fields))).toString('base64url')}.${sig}`;
    const tampered = await decode(forged);
    expect([tampered.code, tampered.stderr]).toEqual([
      1,
      expect.stringMatching(/tampered: the signature does not match/),
    ]);
    const stranger = await decode(qr, otherPub);
    expect([stranger.code, stranger.stderr]).toEqual([1, expect.stringMatching(/not a trusted kiosk key/)]);
  });
});
