import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import {
  canonicalJson,
  generateFleetKeys,
  parsePrivateKey,
  parsePublicKeys,
  signDocument,
  verifyDocument,
} from '../../../domain/fleet/signing.js';

describe('Fleet: signing', () => {
  const keys = generateFleetKeys();
  const priv = parsePrivateKey(keys.privatePem);
  const trusted = parsePublicKeys(keys.publicPem);

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('a signed document verifies with the key id from kiosk keys gen', () => {
    const doc = signDocument({ hello: 'xin chào', n: 1 }, priv);
    expect(doc.keyId).toBe(keys.keyId);
    expect(verifyDocument(doc, trusted)).toEqual({ ok: true, keyId: keys.keyId });
  });

  it('any change to a signed field breaks the signature; key order does not', () => {
    const doc = signDocument({ a: 1, b: 'x' }, priv);
    expect(verifyDocument({ ...doc, b: 'y' }, trusted)).toMatchObject({ ok: false, code: 'bad-signature' });
    const reordered = { signature: doc.signature, b: 'x', keyId: doc.keyId, a: 1 };
    expect(verifyDocument(reordered, trusted).ok).toBe(true);
    expect(verifyDocument({ ...doc, signature: 'not base64 !!' }, trusted).ok).toBe(false);
  });

  it('a key that is not trusted is reported as unknown-key with the trusted ids', () => {
    const other = parsePrivateKey(generateFleetKeys().privatePem);
    const r = verifyDocument(signDocument({ a: 1 }, other), trusted);
    expect(r).toMatchObject({ ok: false, code: 'unknown-key' });
    expect(r.ok ? '' : r.message).toContain(keys.keyId);
  });

  it('a PEM file may hold several keys (rotation); non-Ed25519 keys are refused by name', () => {
    const second = generateFleetKeys();
    expect(parsePublicKeys(keys.publicPem + second.publicPem).size).toBe(2);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => parsePublicKeys(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(
      /fleet.fleetPublicKey: must hold Ed25519 keys, got rsa/,
    );
    expect(() => parsePublicKeys('garbage')).toThrow(/no "BEGIN PUBLIC KEY" block/);
    expect(() => parsePrivateKey('garbage', '--key')).toThrow(/--key: not a PEM private key/);
  });
});
