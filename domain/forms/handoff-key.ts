import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf } from '../fleet/signing.js';

/** Where the kiosk keeps the key it made for its counter-handoff QRs, and the public half. */
export function handoffKeyPaths(dataDir: string): { privatePem: string; publicPem: string } {
  return { privatePem: join(dataDir, 'handoff-key.pem'), publicPem: join(dataDir, 'handoff-key.pub.pem') };
}

/**
 * The handoff key the kiosk uses: `forms.handoffKey` when set (the technician's key, never made
 * or replaced by the kiosk), else the one it makes in the data folder on first use.
 */
export function handoffKeySource(
  configured: string,
  dataDir: string,
): { path: string; own: boolean; publicPem?: string } {
  if (configured) return { path: configured, own: false };
  const paths = handoffKeyPaths(dataDir);
  return { path: paths.privatePem, own: true, publicPem: paths.publicPem };
}

/** Why a handoff key cannot sign, with what the technician does about it. */
export interface HandoffKeyProblem {
  code: 'missing' | 'unreadable' | 'not-a-key' | 'wrong-type';
  message: string;
  hint: string;
}

export type HandoffKeyRead =
  { ok: true; key: KeyObject; keyId: string } | ({ ok: false } & HandoffKeyProblem);

const MAKE_ONE =
  'openssl genpkey -algorithm ed25519 -out handoff-key.pem (then give the counter: openssl pkey -in handoff-key.pem -pubout)';

/**
 * Reads an Ed25519 private key for signing handoff QRs. Never throws: a missing or unreadable
 * file, something that is not a PEM private key, or a key of another type (a TLS client key, a
 * public key) each come back with the fix. `own`: the kiosk's own key in the data folder (the fix
 * is to move it away and let the kiosk make a new one) rather than one named in forms.handoffKey.
 */
export function readHandoffKey(path: string, own: boolean): HandoffKeyRead {
  const where = own ? 'the kiosk key' : 'forms.handoffKey';
  const replace = own
    ? `move ${path} away and restart the kiosk (it makes a new key; give the counter the new handoff-key.pub.pem)`
    : `put an Ed25519 private key there, or empty forms.handoffKey to let the kiosk make its own; make one with ${MAKE_ONE}`;
  let pem: string;
  try {
    if (!statSync(path).isFile())
      return { ok: false, code: 'unreadable', message: `${where} ${path} is not a file`, hint: replace };
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return {
        ok: false,
        code: 'missing',
        message: `${where} ${path} does not exist`,
        hint: own
          ? 'the kiosk makes it on the first hand-in; check that storage.dataDir is writable'
          : `copy the key there (owner smart-kiosk, mode 0600) or empty forms.handoffKey; make one with ${MAKE_ONE}`,
      };
    return {
      ok: false,
      code: 'unreadable',
      message: `${where} ${path} cannot be read (${code ?? (err as Error).message})`,
      hint: `let the kiosk user read it: sudo chown smart-kiosk ${path} && sudo chmod 0600 ${path}`,
    };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    const isPublic = /-----BEGIN PUBLIC KEY-----/.test(pem);
    return {
      ok: false,
      code: 'not-a-key',
      message: isPublic
        ? `${where} ${path} holds a public key: the kiosk signs with the private half`
        : `${where} ${path} is not a PEM private key`,
      hint: isPublic ? `name the private key (the .pub.pem goes to the counter); ${replace}` : replace,
    };
  }
  if (key.asymmetricKeyType !== 'ed25519')
    return {
      ok: false,
      code: 'wrong-type',
      message: `${where} ${path} is a ${key.asymmetricKeyType ?? 'unknown'} key; the handoff QR is signed with Ed25519 (a TLS client key cannot be used)`,
      hint: replace,
    };
  return { ok: true, key, keyId: keyIdOf(key) };
}
