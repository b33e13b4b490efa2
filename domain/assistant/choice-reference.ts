import { findPhrase, questionWords } from './question-text.js';

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
/** "The other one" of two, when one of them is in focus. */
const OTHER = [
  ['cai', 'kia'],
  ['cai', 'con', 'lai'],
  ['thu', 'tuc', 'kia'],
  ['thu', 'tuc', 'con', 'lai'],
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
 * The choice (0-based) a question refers to, when `count` choices are on screen (`current`: the
 * one in focus, for "cái kia"); undefined when it refers to none or to one that is not there.
 */
export function readChoiceReference(
  words: readonly string[],
  count: number,
  current?: number,
): number | undefined {
  if (count <= 0 || words.length === 0) return undefined;
  if (count === 2 && current !== undefined && OTHER.some((p) => findPhrase(words, p) >= 0))
    return 1 - current;
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

/** Words of a label that tell nothing apart: discourse, the question's frame. */
const FRAME = new Set(['thu', 'tuc', 'cho', 'cua', 'va', 'cac', 've', 'la', 'voi', 'o', 'tai', 'khi']);

/**
 * The choice a question names by what tells its label from the others: the label's words no
 * other label has, all of them said (at least three of a longer label): "gia hạn thì sao" for
 * "Gia hạn" among "Cấp mới", "Gia hạn", "Cấp lại"; "khai tử" for "Khai tử" beside "Xóa thường
 * trú", but not "thường trú" for "Xóa thường trú" ("xóa" unsaid). Undefined when the question
 * names none, or two as well.
 */
export function readChoiceNamed(words: readonly string[], labels: readonly string[]): number | undefined {
  if (labels.length < 2) return undefined;
  const said = new Set(words);
  const folded = labels.map((l) => new Set(questionWords(l).filter((w) => !FRAME.has(w))));
  const named = folded.flatMap((own, i) => {
    const distinct = [...own].filter((w) => !folded.some((o, j) => j !== i && o.has(w)));
    const hits = distinct.filter((w) => said.has(w)).length;
    return distinct.length > 0 && hits >= Math.min(3, distinct.length) ? [i] : [];
  });
  return named.length === 1 ? named[0] : undefined;
}
