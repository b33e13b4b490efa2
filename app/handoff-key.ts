import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateFleetKeys } from '../domain/fleet/signing.js';
import { handoffKeySource, readHandoffKey } from '../domain/forms/handoff-key.js';
import type { Logger } from '../runtime/logger.js';

/**
 * The kiosk's handoff signing key (Ed25519): `forms.handoffKey` when set, else its own in the data
 * folder, made on first use with its public half beside it (the counter's `kiosk form decode --key`
 * trusts that file). A key that cannot be used is logged with the fix (as `kiosk doctor` reports
 * it), and no slip QR is signed until it is repaired.
 */
export function loadHandoffKey(
  configured: string,
  dataDir: string,
  log: Logger,
): () => KeyObject | undefined {
  let key: KeyObject | undefined;
  let failed = false;
  return () => {
    if (key || failed) return key;
    const source = handoffKeySource(configured, dataDir);
    try {
      if (source.own && source.publicPem && !existsSync(source.path)) {
        const made = generateFleetKeys();
        mkdirSync(dirname(source.path), { recursive: true });
        writeFileSync(`${source.publicPem}.tmp`, made.publicPem, { mode: 0o644 });
        renameSync(`${source.publicPem}.tmp`, source.publicPem);
        writeFileSync(`${source.path}.tmp`, made.privatePem, { mode: 0o600 });
        renameSync(`${source.path}.tmp`, source.path);
        log.info(
          { keyId: made.keyId, publicKey: source.publicPem },
          `made the counter-handoff key; give ${source.publicPem} to the counter (kiosk form decode --key)`,
        );
      }
    } catch (err) {
      failed = true;
      log.error(
        { err: err instanceof Error ? err.message : String(err), path: source.path },
        `counter-handoff key could not be made in ${source.path}: ${err instanceof Error ? err.message : String(err)}; check that storage.dataDir is writable (kiosk doctor)`,
      );
      return undefined;
    }
    const read = readHandoffKey(source.path, source.own);
    if (read.ok) {
      key = read.key;
      log.info({ keyId: read.keyId, path: source.path }, 'counter-handoff key loaded');
    } else {
      failed = true;
      log.error(
        { code: read.code, path: source.path },
        `counter-handoff key unusable (${read.code}): ${read.message}; ${read.hint}`,
      );
    }
    return key;
  };
}
