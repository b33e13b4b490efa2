import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadHandoffKey } from '../../../app/handoff-key.js';
import { generateFleetKeys } from '../../../domain/fleet/signing.js';
import { decodeHandoff, encodeHandoff } from '../../../domain/forms/handoff.js';
import { parsePublicKeys } from '../../../domain/fleet/signing.js';
import type { CheckResult } from '../../../runtime/check-result.js';
import { configSchema } from '../../../runtime/config/schema.js';
import { handoffKeyCheck } from '../../../technician/doctor/handoff-key-check.js';
import { tempDir } from '../../helpers/sim-process.js';

/** A logger whose lines the test reads. */
function recordingLog(): { log: pino.Logger; lines: () => string } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines: () => text };
}

const check = async (handoffKey: string, dataDir: string): Promise<CheckResult> =>
  (await handoffKeyCheck(configSchema.parse({ forms: { handoffKey }, storage: { dataDir } })).run(
    new AbortController().signal,
  )) as CheckResult;

const handoff = {
  deviceId: 'kiosk-1',
  formId: 'khai-sinh',
  formVersion: 1,
  procedure: '1.001193',
  ticket: 'A-012',
  issuedAt: 1_764_000_000,
  values: { treHoTen: 'Trần Minh Khang' },
};

describe('Counter-handoff key: forms.handoffKey or the kiosk’s own, and its doctor check (#15)', () => {
  it('signs with the key named in forms.handoffKey, and never makes or replaces it', () => {
    const dir = tempDir('kiosk-handoff-key-');
    const keys = generateFleetKeys();
    const file = join(dir, 'handoff.pem');
    writeFileSync(file, keys.privatePem, { mode: 0o600 });
    const dataDir = join(dir, 'data');
    const key = loadHandoffKey(file, dataDir, recordingLog().log)();
    expect(key).toBeDefined();
    const qr = encodeHandoff(handoff, key as NonNullable<typeof key>);
    const read = decodeHandoff(qr, parsePublicKeys(keys.publicPem));
    expect(read.ok && read.handoff.values).toEqual(handoff.values);
    // The kiosk made nothing of its own beside it.
    expect(existsSync(join(dataDir, 'handoff-key.pem'))).toBe(false);

    // Named but missing: no key (no slip), a logged cause with the fix, and nothing made there.
    const missing = join(dir, 'gone.pem');
    const rec = recordingLog();
    expect(loadHandoffKey(missing, dataDir, rec.log)()).toBeUndefined();
    expect(existsSync(missing)).toBe(false);
    expect(rec.lines()).toContain('counter-handoff key unusable (missing)');
    expect(rec.lines()).toContain('openssl genpkey -algorithm ed25519');
  });

  it('without forms.handoffKey the kiosk makes its own in the data folder, with the public half', () => {
    const dataDir = join(tempDir('kiosk-handoff-own-'), 'data');
    const key = loadHandoffKey('', dataDir, recordingLog().log)();
    expect(key?.asymmetricKeyType).toBe('ed25519');
    const pub = parsePublicKeys(readFileSync(join(dataDir, 'handoff-key.pub.pem'), 'utf8'));
    expect(decodeHandoff(encodeHandoff(handoff, key as NonNullable<typeof key>), pub).ok).toBe(true);
  });

  it('doctor: missing, unreadable, a public key, a TLS (EC/RSA) key, garbage: each fails with its fix', async () => {
    const dir = tempDir('kiosk-handoff-doctor-');
    const dataDir = join(dir, 'data');
    const write = (name: string, text: string): string => {
      const p = join(dir, name);
      writeFileSync(p, text, { mode: 0o600 });
      return p;
    };
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const fleet = generateFleetKeys();
    const folder = join(dir, 'a-folder.pem');
    mkdirSync(folder);
    const cases: [string, string, RegExp, RegExp][] = [
      [join(dir, 'nowhere.pem'), 'missing', /does not exist/, /openssl genpkey -algorithm ed25519/],
      [folder, 'unreadable', /is not a file/, /Ed25519 private key/],
      [write('pub.pem', fleet.publicPem), 'not-a-key', /holds a public key/, /private key/],
      [
        write('tls.key', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
        'wrong-type',
        /is a ec key.*TLS client key cannot be used/,
        /openssl genpkey/,
      ],
      [
        write('rsa.key', rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
        'wrong-type',
        /is a rsa key/,
        /forms\.handoffKey/,
      ],
      [write('garbage.pem', 'not a key at all\n'), 'not-a-key', /not a PEM private key/, /openssl genpkey/],
    ];
    for (const [path, code, message, hint] of cases) {
      const r = await check(path, dataDir);
      expect(r, path).toMatchObject({ id: 'handoff-key', status: 'fail', code });
      expect(r.message).toMatch(message);
      expect(r.hint).toMatch(hint);
    }
  });

  it('doctor: a good key passes with its id; readable by others or without its public half warns', async () => {
    const dir = tempDir('kiosk-handoff-doctor-ok-');
    const dataDir = join(dir, 'data');
    // The kiosk's own key, not made yet: fine (made on the first hand-in).
    expect(await check('', dataDir)).toMatchObject({ status: 'ok', message: /not made yet/ });
    const key = loadHandoffKey('', dataDir, recordingLog().log)();
    const own = await check('', dataDir);
    expect(own).toMatchObject({ status: 'ok', message: /^Ed25519 key [0-9a-f]{16} \(the counter trusts/ });
    writeFileSync(join(dataDir, 'handoff-key.pub.pem'), generateFleetKeys().publicPem);
    expect(await check('', dataDir)).toMatchObject({
      status: 'warn',
      code: 'public-key',
      message: /the counter would refuse the slips/,
      hint: /openssl pkey -in .* -pubout/,
    });
    expect(key).toBeDefined();

    const file = join(dir, 'handoff.pem');
    writeFileSync(file, generateFleetKeys().privatePem);
    chmodSync(file, 0o644);
    expect(await check(file, dataDir)).toMatchObject({
      status: 'warn',
      code: 'permissions',
      hint: `sudo chmod 0600 ${file}`,
    });
    chmodSync(file, 0o600);
    expect(await check(file, dataDir)).toMatchObject({ status: 'ok', detail: { configured: true } });
  });
});
