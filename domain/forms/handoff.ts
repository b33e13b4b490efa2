import { sign, verify, type KeyObject } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { keyIdOf } from '../fleet/signing.js';
import type { FormValues } from './form-template.js';

/**
 * The counter-handoff QR: the filled form for the officer's scanner, compact and signed with the
 * kiosk's Ed25519 key. Text form: `KF1.<payload>.<signature>`, both base64url; the payload is
 * raw-deflated JSON `[1, deviceId, keyId, formId, formVersion, procedure, ticket, issuedAt, values]`
 * and the signature covers the "KF1.<payload>" text.
 */
export interface FormHandoff {
  deviceId: string;
  keyId: string;
  formId: string;
  formVersion: number;
  procedure: string;
  /** Queue ticket number, or "" when none was taken. */
  ticket: string;
  /** Seconds since 1970 (UTC). */
  issuedAt: number;
  values: FormValues;
}

const PREFIX = 'KF1.';
const FORMAT = 1;

export type HandoffDecode =
  | { ok: true; handoff: FormHandoff }
  | {
      ok: false;
      problem: 'not-handoff' | 'damaged' | 'unsupported' | 'unknown-key' | 'tampered';
      reason: string;
    };

export function encodeHandoff(h: Omit<FormHandoff, 'keyId'>, privateKey: KeyObject): string {
  const keyId = keyIdOf(privateKey);
  const json = JSON.stringify([
    FORMAT,
    h.deviceId,
    keyId,
    h.formId,
    h.formVersion,
    h.procedure,
    h.ticket,
    h.issuedAt,
    h.values,
  ]);
  const signed = PREFIX + deflateRawSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64url');
  return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Verifies and reads a handoff QR; every refusal says why, without throwing. */
export function decodeHandoff(text: string, trusted: ReadonlyMap<string, KeyObject>): HandoffDecode {
  const raw = text.trim();
  if (!raw.startsWith(PREFIX))
    return {
      ok: false,
      problem: 'not-handoff',
      reason: 'not a kiosk form QR (it does not start with "KF1.")',
    };
  const parts = raw.split('.');
  if (parts.length !== 3 || !B64URL.test(parts[1] ?? '') || !B64URL.test(parts[2] ?? ''))
    return { ok: false, problem: 'damaged', reason: 'truncated or damaged: expected KF1.<data>.<signature>' };
  const signature = Buffer.from(parts[2] ?? '', 'base64url');
  if (signature.length !== 64)
    return {
      ok: false,
      problem: 'damaged',
      reason: `truncated or damaged: the signature has ${signature.length} of 64 bytes`,
    };
  let fields: unknown;
  try {
    const inflated = inflateRawSync(Buffer.from(parts[1] ?? '', 'base64url'), { maxOutputLength: 64 * 1024 });
    fields = JSON.parse(inflated.toString('utf8'));
  } catch {
    return { ok: false, problem: 'damaged', reason: 'truncated or damaged: the form data does not unpack' };
  }
  if (!Array.isArray(fields) || fields[0] !== FORMAT)
    return {
      ok: false,
      problem: 'unsupported',
      reason: `format ${Array.isArray(fields) ? String(fields[0]) : '?'} is not supported (this decoder reads 1)`,
    };
  const [, deviceId, keyId, formId, formVersion, procedure, ticket, issuedAt, values] = fields as unknown[];
  const strings = [deviceId, keyId, formId, procedure, ticket].every((v) => typeof v === 'string');
  const valuesOk =
    typeof values === 'object' &&
    values !== null &&
    !Array.isArray(values) &&
    Object.values(values).every((v) => typeof v === 'string');
  if (!strings || typeof formVersion !== 'number' || typeof issuedAt !== 'number' || !valuesOk)
    return {
      ok: false,
      problem: 'damaged',
      reason: 'damaged: the form data does not have the handoff shape',
    };
  const key = trusted.get(keyId as string);
  if (!key)
    return {
      ok: false,
      problem: 'unknown-key',
      reason: `signed by key ${String(keyId)}, which is not a trusted kiosk key (trusted: ${[...trusted.keys()].join(', ') || 'none'})`,
    };
  const good = verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), key, signature);
  if (!good)
    return { ok: false, problem: 'tampered', reason: 'tampered: the signature does not match the content' };
  return {
    ok: true,
    handoff: {
      deviceId: deviceId as string,
      keyId: keyId as string,
      formId: formId as string,
      formVersion,
      procedure: procedure as string,
      ticket: ticket as string,
      issuedAt,
      values: values as FormValues,
    },
  };
}
