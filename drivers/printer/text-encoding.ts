import { lazyRequire } from '../../runtime/lazy-require.js';

const iconv = lazyRequire<typeof import('iconv-lite')>('iconv-lite');

/** Text-mode character sets the kiosk can print. Raster is the default; these are options. */
export type TextCodePage = 'wpc1258' | 'pc437';

/** ESC t numbers on Epson-compatible printers; some clones differ (config printer.codePageNumber). */
export const DEFAULT_CODE_PAGE_NUMBER: Record<TextCodePage, number> = { wpc1258: 52, pc437: 0 };

const ICONV_NAME: Record<TextCodePage, string> = { wpc1258: 'windows1258', pc437: 'cp437' };

/** Vietnamese tone marks; CP1258 has them only as combining characters. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Windows-1258 spells Vietnamese as a base letter (with its circumflex, breve or horn) followed by
 * a combining tone mark: "ế" becomes "ê" + U+0301. Letters with no CP1258 form become "?".
 */
export function toCp1258Form(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const decomposed = ch.normalize('NFD');
    const tones = decomposed.match(TONE_MARKS)?.join('') ?? '';
    out += decomposed.replace(TONE_MARKS, '').normalize('NFC') + tones;
  }
  return out;
}

/** Encodes text for ESC/POS text mode in the given code page. Control characters are dropped. */
export function encodeText(text: string, codePage: TextCodePage): Uint8Array {
  // Control bytes inside text would be read by the printer as commands.
  const clean = Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('');
  const prepared = codePage === 'wpc1258' ? toCp1258Form(clean) : clean.normalize('NFC');
  return new Uint8Array(iconv().encode(prepared, ICONV_NAME[codePage]));
}

/** Decodes printer text bytes back to NFC text (used by the mock printer). */
export function decodeText(bytes: Uint8Array, codePage: TextCodePage): string {
  return iconv().decode(Buffer.from(bytes), ICONV_NAME[codePage]).normalize('NFC');
}

/** The code page an ESC t number selects, for the decoder; undefined when unknown. */
export function codePageFromNumber(n: number): TextCodePage | undefined {
  if (n === DEFAULT_CODE_PAGE_NUMBER.wpc1258) return 'wpc1258';
  if (n === 0) return 'pc437';
  return undefined;
}
