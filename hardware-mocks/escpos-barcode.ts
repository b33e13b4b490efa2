import { lazyRequire } from '../runtime/lazy-require.js';

interface EncodedPart {
  /** "1" = bar module, "0" = space module. */
  data: string;
}
type EncoderClass = new (
  data: string,
  options: Record<string, unknown>,
) => { valid(): boolean; encode(): EncodedPart | EncodedPart[] };

// jsbarcode's pattern encoders are CommonJS with no types; loaded on the first barcode printed.
const jsbarcode = lazyRequire<{ default: Record<string, EncoderClass | undefined> }>(
  'jsbarcode/bin/barcodes/index.js',
);

/** GS k system numbers (function A 0-6 and function B 65-73) to names. */
const SYSTEMS: Record<number, string> = {
  0: 'UPC',
  1: 'UPCE',
  2: 'EAN13',
  3: 'EAN8',
  4: 'CODE39',
  5: 'ITF',
  6: 'codabar',
  65: 'UPC',
  66: 'UPCE',
  67: 'EAN13',
  68: 'EAN8',
  69: 'CODE39',
  70: 'ITF',
  71: 'codabar',
  72: 'CODE93',
  73: 'CODE128',
};

export interface DecodedBarcode {
  system: string;
  /** The human-readable text (CODE128 code-set prefix removed). */
  text: string;
  /** "1" bar / "0" space modules; empty when the printer would reject the data. */
  modules: string;
}

/** Decodes GS k data the way a printer does, into the bar pattern it would print. */
export function decodeBarcode(m: number, data: Uint8Array): DecodedBarcode {
  const system = SYSTEMS[m] ?? `unknown-${m}`;
  let text = Buffer.from(data).toString('latin1');
  let encoderName = system;
  if (system === 'CODE128') {
    // Data starts with a code set selector: {A, {B or {C (pairs of digits as byte values 0-99).
    const set = text.startsWith('{') ? text[1] : 'B';
    const body = text.startsWith('{') ? data.subarray(2) : data;
    if (set === 'C') {
      text = Array.from(body, (b) => String(b).padStart(2, '0')).join('');
      encoderName = 'CODE128C';
    } else {
      text = Buffer.from(body).toString('latin1');
      encoderName = set === 'A' ? 'CODE128A' : 'CODE128B';
    }
  }
  const Encoder = jsbarcode().default[encoderName];
  if (!Encoder) return { system, text, modules: '' };
  const encoder = new Encoder(text, {});
  if (!encoder.valid()) return { system, text, modules: '' };
  const encoded = encoder.encode();
  const modules = Array.isArray(encoded) ? encoded.map((p) => p.data).join('') : encoded.data;
  return { system, text, modules };
}
