import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyIdOf } from '../../domain/fleet/signing.js';
import { handoffKeySource, readHandoffKey } from '../../domain/forms/handoff-key.js';
import type { CheckResult } from '../../runtime/check-result.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import type { DoctorCheck } from './types.js';

/**
 * The key that signs the counter-handoff QR (docs/forms.md): `forms.handoffKey`, or the kiosk's
 * own in the data folder. A key that is missing, unreadable, not a private key or not Ed25519
 * fails with the fix (the kiosk prints no slip until then); a private key others can read, or the
 * kiosk's own key without its public half for the counter, is a warning.
 */
export function handoffKeyCheck(config: Pick<KioskConfig, 'forms' | 'storage'>): DoctorCheck {
  const base = { id: 'handoff-key', title: 'Counter-handoff key' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      const source = handoffKeySource(config.forms.handoffKey, resolve(config.storage.dataDir));
      const detail = { path: source.path, configured: !source.own };
      if (source.own && !existsSync(source.path))
        return {
          ...base,
          status: 'ok',
          message: `not made yet: the kiosk makes ${source.path} on the first hand-in`,
          detail,
        };
      const read = readHandoffKey(source.path, source.own);
      if (!read.ok)
        return { ...base, status: 'fail', code: read.code, message: read.message, hint: read.hint, detail };
      const found = { ...detail, keyId: read.keyId };
      const mode = statSync(source.path).mode & 0o777;
      if (mode & 0o077)
        return {
          ...base,
          status: 'warn',
          code: 'permissions',
          message: `${source.path} (key ${read.keyId}) can be read by other users (mode ${mode.toString(8)})`,
          hint: `sudo chmod 0600 ${source.path}`,
          detail: found,
        };
      if (source.publicPem) {
        const pub = source.publicPem;
        let pubId: string | undefined;
        try {
          pubId = keyIdOf(createPublicKey(readFileSync(pub, 'utf8')));
        } catch {
          pubId = undefined;
        }
        if (pubId !== read.keyId)
          return {
            ...base,
            status: 'warn',
            code: 'public-key',
            message: pubId
              ? `${pub} is key ${pubId}, not the signing key ${read.keyId}: the counter would refuse the slips`
              : `${pub} (the public half for the counter) is missing or unreadable`,
            hint: `write it again: openssl pkey -in ${source.path} -pubout -out ${pub}; give it to the counter (kiosk form decode --key)`,
            detail: found,
          };
      }
      return {
        ...base,
        status: 'ok',
        message: `Ed25519 key ${read.keyId}${source.own ? ` (the counter trusts ${source.publicPem ?? ''})` : ` (${source.path})`}`,
        detail: found,
      };
    },
  };
}
