import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** A maintenance PIN: 4-8 digits 1-9 (kiosk panels have number buttons 1-9, no 0). */
export const PIN_PATTERN = /^[1-9]{4,8}$/;

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** Throws a TypeError naming the field when the PIN cannot be entered on the kiosk's buttons. */
export function assertPin(pin: string, field = 'pin'): void {
  if (!PIN_PATTERN.test(pin))
    throw new TypeError(`${field}: must be 4-8 digits from 1 to 9 (the panel has no 0 button)`);
}

/** Hashes a PIN as `scrypt$N$r$p$salt$hash` (base64), the format of maintenance.pinHash. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  assertPin(pin);
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a PIN against a stored hash in constant time; false for malformed hashes. */
export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every((v) => Number.isInteger(v) && v > 0) || n > 1 << 20) return false;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const expected = Buffer.from(parts[5] as string, 'base64');
  if (expected.length === 0) return false;
  const actual = scryptSync(pin, salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}
