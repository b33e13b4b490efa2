import { findPhrase } from './question-text.js';

/**
 * Ordinal references to the choices on screen: "cái thứ hai", "số 2", "cái đầu", "chọn 3",
 * "cái cuối", or just "2" / "hai". Words are folded (no diacritics).
 */

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  mot: 1,
  nhat: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};

/** Words that introduce an ordinal: "cái thứ hai", "số 2", "phương án 3", "chọn 1". */
const LEADS = ['cai thu', 'cai so', 'so', 'thu', 'chon', 'chon so', 'phuong an', 'muc', 'lua chon', 'cai'];
const FIRST = [
  ['cai', 'dau'],
  ['cai', 'dau', 'tien'],
  ['dau', 'tien'],
  ['thu', 'nhat'],
];
const LAST = [
  ['cai', 'cuoi'],
  ['cuoi', 'cung'],
  ['cai', 'cuoi', 'cung'],
];

function numberAt(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

/**
 * The choice (0-based) a question refers to, when `count` choices are on screen; undefined when
 * it refers to none or to one that is not there.
 */
export function readChoiceReference(words: readonly string[], count: number): number | undefined {
  if (count <= 0 || words.length === 0) return undefined;
  const inRange = (n: number | undefined): number | undefined =>
    n !== undefined && n >= 1 && n <= count ? n - 1 : undefined;
  // The whole answer is a number: "2", "hai", "số hai".
  if (words.length === 1) return inRange(numberAt(words[0]));
  for (const f of FIRST) if (findPhrase(words, f) >= 0) return 0;
  for (const l of LAST) if (findPhrase(words, l) >= 0) return count - 1;
  for (const lead of LEADS) {
    const phrase = lead.split(' ');
    const at = findPhrase(words, phrase);
    if (at < 0) continue;
    const n = inRange(numberAt(words[at + phrase.length]));
    if (n !== undefined) return n;
  }
  return undefined;
}
