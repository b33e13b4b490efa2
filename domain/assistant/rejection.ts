import { findPhrase } from './question-text.js';

/**
 * The citizen saying the answer is not what they meant: "không phải", "không phải cái đó ạ",
 * "không đúng", "sai rồi", "nhầm rồi" (folded), with nothing else but particles and words
 * pointing at the answer. "còn nếu không phải thì sao" asks about a variant: not a rejection.
 */
const LEADS = [['khong', 'phai'], ['khong', 'dung'], ['sai'], ['nham'], ['khong']];

/** Words that may stand beside a rejection and change nothing. */
const BESIDE = new Set(
  (
    'a ah ak oi roi dau nhe nha ha cai nay do ay kia thu tuc viec the vay minh toi em anh chi ban ' +
    'y hoi muon la ma'
  ).split(' '),
);

export function readRejection(words: readonly string[]): boolean {
  for (const lead of LEADS) {
    if (findPhrase(words, lead) !== 0 && !(findPhrase(words, lead) === 1 && BESIDE.has(words[0] ?? '')))
      continue;
    const at = findPhrase(words, lead);
    const rest = [...words.slice(0, at), ...words.slice(at + lead.length)];
    if (rest.every((w) => BESIDE.has(w))) return true;
  }
  return false;
}
