/**
 * Vietnamese text normalisation for search: NFC, case folding, diacritic folding (đ/Đ and the
 * look-alikes U+00D0/U+00F0 included), independent of old/new tone placement (hoà = hòa).
 */

/** Letters that Unicode NFD does not decompose but citizens (and old fonts) use for đ/Đ. */
const D_LIKE = /[\u0110\u0111\u00D0\u00F0\u0189\u0256]/g;
const COMBINING = /[\u0300-\u036f]/g;

/** NFC with the đ look-alikes mapped to the real letter (U+00D0 Ð → Đ, U+00F0 ð → đ). */
export function toNfc(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00D0\u0189]/g, '\u0110')
    .replace(/[\u00F0\u0256]/g, '\u0111');
}

/** Removes every diacritic, keeps case: "Đăng ký" → "Dang ky", "hoà"/"hòa" → "hoa". */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(D_LIKE, (c) => (c === '\u0110' || c === '\u00D0' || c === '\u0189' ? 'D' : 'd'))
    .normalize('NFC');
}

/** Lower-case, diacritic-free, punctuation → space, collapsed whitespace. */
export function foldText(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded words of a text ("Đăng ký khai sinh!" → ["dang","ky","khai","sinh"]). */
export function foldTokens(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ');
}
