/**
 * Decodes Vietnamese typed with the Telex or VNI input methods but without an IME
 * ("ddawng kys" / "d9a8ng ky1" → "đăng ký"). Tones are placed with the new-style rule (hòa, thủy).
 */

export type ImeScheme = 'telex' | 'vni';

const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const; // none, sắc, huyền, hỏi, ngã, nặng
const TELEX_TONES: Record<string, number> = { s: 1, f: 2, r: 3, x: 4, j: 5, z: 0 };
const VNI_TONES: Record<string, number> = { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '0': 0 };
const VOWELS = 'aăâeêioôơuưy';
const MARKED = 'ăâêôơư';
const CIRCUMFLEX: Record<string, string> = { a: 'â', e: 'ê', o: 'ô' };
const HORN: Record<string, string> = { o: 'ơ', u: 'ư' };

interface WordState {
  letters: string[];
  tone: number | undefined;
}

function isVowel(c: string | undefined): boolean {
  return c !== undefined && VOWELS.includes(c.toLowerCase());
}

function lastVowelIndex(letters: string[], of?: string): number {
  for (let i = letters.length - 1; i >= 0; i--) {
    const c = (letters[i] ?? '').toLowerCase();
    if (of ? c === of : isVowel(c)) return i;
    // A modifier only reaches back over final consonants of the same syllable.
    if (of && isVowel(c)) return -1;
  }
  return -1;
}

function setLetter(letters: string[], i: number, lower: string): void {
  const old = letters[i] ?? '';
  letters[i] = old === old.toUpperCase() && old !== old.toLowerCase() ? lower.toUpperCase() : lower;
}

/** Indices of the last group of adjacent vowels ("nguoi" → the "uoi"). */
function lastVowelGroup(letters: string[]): number[] {
  let end = letters.length - 1;
  while (end >= 0 && !isVowel(letters[end])) end--;
  const group: number[] = [];
  for (let i = end; i >= 0 && isVowel(letters[i]); i--) group.unshift(i);
  return group;
}

/** Applies a horn (ơ/ư) in the last vowel group: "uo" becomes "ươ" as a pair, else the last o/u. */
function applyHorn(letters: string[]): boolean {
  const group = lastVowelGroup(letters);
  const lower = (i: number): string => (letters[i] ?? '').toLowerCase();
  for (let k = 0; k + 1 < group.length; k++) {
    const u = group[k] as number;
    const o = group[k + 1] as number;
    if (['u', 'ư'].includes(lower(u)) && ['o', 'ơ'].includes(lower(o))) {
      setLetter(letters, u, 'ư');
      setLetter(letters, o, 'ơ');
      return true;
    }
  }
  for (let k = group.length - 1; k >= 0; k--) {
    const i = group[k] as number;
    const horned = HORN[lower(i)];
    if (horned) {
      setLetter(letters, i, horned);
      return true;
    }
  }
  return false;
}

function hasVowel(letters: string[]): boolean {
  return letters.some((c) => isVowel(c));
}

function telexKey(state: WordState, ch: string): void {
  const { letters } = state;
  const lower = ch.toLowerCase();
  const prev = (letters[letters.length - 1] ?? '').toLowerCase();
  if (lower === 'd' && prev === 'd' && letters.length === 1) return setLetter(letters, 0, 'đ');
  if (CIRCUMFLEX[lower]) {
    const i = lastVowelIndex(letters, lower);
    if (i >= 0 && i >= letters.length - 2) return setLetter(letters, i, CIRCUMFLEX[lower] ?? lower);
  }
  if (lower === 'w') {
    const ia = lastVowelIndex(letters, 'a');
    if (ia >= 0) return setLetter(letters, ia, 'ă');
    if (applyHorn(letters)) return;
    letters.push(ch === 'W' ? 'Ư' : 'ư');
    return;
  }
  if (lower in TELEX_TONES && hasVowel(letters)) {
    state.tone = TELEX_TONES[lower];
    return;
  }
  letters.push(ch);
}

function vniKey(state: WordState, ch: string): void {
  const { letters } = state;
  if (ch in VNI_TONES && hasVowel(letters)) {
    state.tone = VNI_TONES[ch];
    return;
  }
  if (ch === '6') {
    for (let i = letters.length - 1; i >= 0; i--) {
      const c = (letters[i] ?? '').toLowerCase();
      if (CIRCUMFLEX[c]) return setLetter(letters, i, CIRCUMFLEX[c] ?? c);
    }
  } else if (ch === '7') {
    if (applyHorn(letters)) return;
  } else if (ch === '8') {
    const ia = lastVowelIndex(letters, 'a');
    if (ia >= 0) return setLetter(letters, ia, 'ă');
  } else if (ch === '9') {
    const id = letters.findIndex((c) => c.toLowerCase() === 'd');
    if (id >= 0) return setLetter(letters, id, 'đ');
  }
  letters.push(ch);
}

/** Index of the vowel that carries the tone (new-style placement). */
export function toneVowelIndex(letters: string[]): number {
  const word = letters.join('').toLowerCase();
  let start = 0;
  // "gi" and "qu" are consonants when a vowel follows.
  if ((word.startsWith('gi') || word.startsWith('qu')) && isVowel(word[2])) start = 2;
  while (start < letters.length && !isVowel(letters[start])) start++;
  let end = start;
  while (end < letters.length && isVowel(letters[end])) end++;
  if (start >= letters.length) {
    // "gì": the i of gi carries the tone.
    return word.startsWith('gi') ? 1 : -1;
  }
  for (let i = end - 1; i >= start; i--) if (MARKED.includes((letters[i] ?? '').toLowerCase())) return i;
  const size = end - start;
  if (end < letters.length || size === 1) return end - 1; // closed syllable: last vowel
  if (size === 2) return start; // hòa, thủy, mái, múa
  return start + 1; // khoái, khuya
}

function finish(state: WordState): string {
  const { letters, tone } = state;
  if (tone && tone > 0) {
    const i = toneVowelIndex(letters);
    if (i >= 0) letters[i] = `${letters[i] ?? ''}${TONE_MARKS[tone] ?? ''}`;
  }
  return letters.join('').normalize('NFC');
}

/** Decodes one word typed with `scheme`. Words without marks come back unchanged. */
export function decodeImeWord(word: string, scheme: ImeScheme): string {
  const state: WordState = { letters: [], tone: undefined };
  for (const ch of word) (scheme === 'telex' ? telexKey : vniKey)(state, ch);
  return finish(state);
}

/** Decodes a whole text word by word; spaces and punctuation are kept. */
export function decodeIme(text: string, scheme: ImeScheme): string {
  const wordRe = scheme === 'telex' ? /[A-Za-z]+/g : /[A-Za-z][A-Za-z0-9]*/g;
  return text.replace(wordRe, (w) => decodeImeWord(w, scheme));
}
