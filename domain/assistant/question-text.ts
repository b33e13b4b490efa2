import { ABBREVIATIONS } from '../search/lexicon.js';
import { foldText, toNfc } from '../search/normalize.js';

/**
 * A citizen's question as the assistant reads it: any input (10,000 characters, emoji, control
 * bytes, mixed scripts) becomes a short, clean line before analysis, so a turn costs bounded time.
 */

/** Longer questions are cut at a word boundary: no citizen question needs more. */
export const MAX_QUESTION_CHARS = 300;

/** Control characters, and symbols that are neither letters, digits nor sentence punctuation. */
const UNREADABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{So}\p{Sk}\p{Cn}]/gu;

/** NFC, no control bytes or emoji, spaces collapsed, at most MAX_QUESTION_CHARS characters. */
export function cleanQuestion(text: string): string {
  const flat = toNfc(String(text).slice(0, MAX_QUESTION_CHARS * 4))
    .replace(UNREADABLE, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (flat.length <= MAX_QUESTION_CHARS) return flat;
  const cut = flat.slice(0, MAX_QUESTION_CHARS);
  const space = cut.lastIndexOf(' ');
  return (space > MAX_QUESTION_CHARS / 2 ? cut.slice(0, space) : cut).trim();
}

/** Folded words with chat abbreviations spelled out ("phi bn" → phi bao nhieu). */
export function questionWords(text: string): string[] {
  const out: string[] = [];
  for (const w of foldText(text).split(' ')) {
    if (w === '') continue;
    const full = ABBREVIATIONS[w];
    if (full) out.push(...full.split(' '));
    else out.push(w);
  }
  return out;
}

/** Where `phrase` (folded words) occurs in `words`, or -1. */
export function findPhrase(words: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}
