import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateFleetKeys, keyIdOf, parsePrivateKey } from '../domain/fleet/signing.js';
import type { Logger } from '../runtime/logger.js';

/** Where the kiosk keeps the key that signs its counter-handoff QRs, and its public half. */
export function handoffKeyPaths(dataDir: string): { privatePem: string; publicPem: string } {
  return { privatePem: join(dataDir, 'handoff-key.pem'), publicPem: join(dataDir, 'handoff-key.pub.pem') };
}

/**
 * The kiosk's handoff signing key (Ed25519): read from the data folder, or made on first use with
 * its public half beside it (the counter's `kiosk form decode --key` trusts that file). A key that
 * cannot be read is logged with the fix, and no slip QR is signed until it is repaired.
 */
export function loadHandoffKey(dataDir: string, log: Logger): () => KeyObject | undefined {
  let key: KeyObject | undefined;
  let failed = false;
  return () => {
    if (key || failed) return key;
    const paths = handoffKeyPaths(dataDir);
    try {
      if (!existsSync(paths.privatePem)) {
        const made = generateFleetKeys();
        mkdirSync(dirname(paths.privatePem), { recursive: true });
        writeFileSync(`${paths.publicPem}.tmp`, made.publicPem, { mode: 0o644 });
        renameSync(`${paths.publicPem}.tmp`, paths.publicPem);
        writeFileSync(`${paths.privatePem}.tmp`, made.privatePem, { mode: 0o600 });
        renameSync(`${paths.privatePem}.tmp`, paths.privatePem);
        log.info(
          { keyId: made.keyId, publicKey: paths.publicPem },
          `made the counter-handoff key; give ${paths.publicPem} to the counter (kiosk form decode --key)`,
        );
      }
      key = parsePrivateKey(readFileSync(paths.privatePem, 'utf8'), paths.privatePem);
      createPrivateKey(key.export({ type: 'pkcs8', format: 'pem' }));
      log.info({ keyId: keyIdOf(key) }, 'counter-handoff key loaded');
    } catch (err) {
      failed = true;
      log.error(
        { err: err instanceof Error ? err.message : String(err), path: paths.privatePem },
        `counter-handoff key unusable: ${err instanceof Error ? err.message : String(err)}; move it away and restart (a new key is made; give the counter its .pub.pem)`,
      );
    }
    return key;
  };
}
