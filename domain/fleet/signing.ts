import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * Ed25519 signatures over canonical JSON. A signed document carries `keyId` and `signature`
 * (base64); the signature covers every other field, serialised with sorted keys.
 */
export interface Signed {
  keyId: string;
  signature: string;
}

/** JSON with object keys sorted at every level and no whitespace: the bytes that are signed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('cannot sign a non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Short stable id of a public key: first 16 hex digits of sha256 over its DER (SPKI) bytes. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function generateFleetKeys(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** Parses an Ed25519 private key (PKCS#8 PEM). Throws TypeError naming `field`. */
export function parsePrivateKey(pem: string, field = 'key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new TypeError(`${field}: not a PEM private key (${(err as Error).message})`, { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new TypeError(
      `${field}: must be an Ed25519 key (make one with "kiosk keys gen"), got ${key.asymmetricKeyType}`,
    );
  return key;
}

/** Parses every Ed25519 public key in a PEM file (several keys allow rotation). */
export function parsePublicKeys(pem: string, field = 'fleet.fleetPublicKey'): Map<string, KeyObject> {
  const blocks = pem.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) throw new TypeError(`${field}: no "BEGIN PUBLIC KEY" block found`);
  const keys = new Map<string, KeyObject>();
  for (const block of blocks) {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== 'ed25519')
      throw new TypeError(`${field}: must hold Ed25519 keys, got ${key.asymmetricKeyType}`);
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

/** Returns `doc` with keyId and signature added. */
export function signDocument<T extends object>(doc: T, privateKey: KeyObject): T & Signed {
  const keyId = keyIdOf(privateKey);
  const body = { ...doc, keyId } as Record<string, unknown>;
  delete body.signature;
  const signature = sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('base64');
  return { ...(body as T), keyId, signature };
}

export type VerifyResult =
  { ok: true; keyId: string } | { ok: false; code: 'unknown-key' | 'bad-signature'; message: string };

/** Checks a signed document against the trusted keys. */
export function verifyDocument(doc: object, keys: ReadonlyMap<string, KeyObject>): VerifyResult {
  const { signature, ...body } = doc as Record<string, unknown>;
  const keyId = body.keyId;
  if (typeof keyId !== 'string' || typeof signature !== 'string')
    return { ok: false, code: 'bad-signature', message: 'keyId and signature are required' };
  const key = keys.get(keyId);
  if (!key)
    return {
      ok: false,
      code: 'unknown-key',
      message: `signed by key ${keyId}, which is not in fleet.fleetPublicKey (trusted: ${[...keys.keys()].join(', ') || 'none'})`,
    };
  let good: boolean;
  try {
    good = verify(null, Buffer.from(canonicalJson(body)), key, Buffer.from(signature, 'base64'));
  } catch {
    good = false;
  }
  return good
    ? { ok: true, keyId }
    : { ok: false, code: 'bad-signature', message: `signature does not match the content (key ${keyId})` };
}
