import { ADMIN_ABBREVIATIONS, STOPWORDS } from './lexicon.js';
import { foldTokens } from './normalize.js';

/** Unigrams and bigrams of a folded token list; a bigram needs at least one non-stopword. */
export function termsOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    out.push(t);
    const next = tokens[i + 1];
    if (next !== undefined && !(STOPWORDS.has(t) && STOPWORDS.has(next))) out.push(`${t} ${next}`);
  }
  return out;
}

/** Drops "Thủ tục" / "TTHC", which open most names and say nothing about which procedure it is. */
function stripNamePrefix(words: string[]): string[] {
  if (words[0] === 'thu' && words[1] === 'tuc') return words.slice(2);
  if (words[0] === 'tthc') return words.slice(1);
  return words;
}

/** Where the qualifying part of a procedure name starts (matched on the accented text). */
const QUALIFIER = /\s(?:đối với|trong|theo|tại|cho|của|từ|khi|do|thuộc|bằng|nếu|để)\s|[,;:(–]|\s-\s/u;

/** The content words of a name's head: "Chứng thực chữ ký trong các giấy tờ" → chung thuc chu ky. */
export function nameHead(name: string): string[] {
  const lower = name.normalize('NFC').toLowerCase();
  const cut = QUALIFIER.exec(lower);
  const head = cut ? lower.slice(0, cut.index) : lower;
  const words = expandAbbreviations(stripNamePrefix(foldTokens(head)));
  return [...new Set(words.filter((w) => w !== '' && !STOPWORDS.has(w)))];
}

/** Replaces official abbreviations ("bhxh") by their words, as queries are expanded the same way. */
export function expandAbbreviations(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const full = ADMIN_ABBREVIATIONS[t];
    if (full) out.push(...full.split(' '));
    else out.push(t);
  }
  return out;
}
