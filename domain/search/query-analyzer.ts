import { composeVietnamese } from '../../runtime/text/vi-ime.js';
import { ABBREVIATIONS, MIN_TYPO_LENGTH, STOP_PHRASES, STOPWORDS, SYNONYMS } from './lexicon.js';
import { foldText } from './normalize.js';
import { termsOf } from './name-words.js';
import type { SearchIndex } from './search-index.js';

/** How a query word was understood. */
export type TokenSource = 'word' | 'abbreviation' | 'telex' | 'vni' | 'typo' | 'unknown';

export interface QueryToken {
  /** What the citizen typed (NFC, lower case). */
  raw: string;
  /** Folded words it stands for (several for an abbreviation or a typo with ties). */
  words: string[];
  source: TokenSource;
}

export interface AnalyzedQuery {
  tokens: QueryToken[];
  /** Index term (word or word pair) → weight. */
  terms: Map<string, number>;
  /** Terms that add evidence but are not part of what the query must match (loose pairs). */
  bonus: Set<string>;
  /** Content words the citizen typed (no stopwords), each with what explains it. */
  content: { word: string; alternatives: string[] }[];
}

const WEIGHT = {
  word: 1,
  abbreviation: 1,
  telex: 1,
  vni: 1,
  typo: 0.7,
  unknown: 1,
  synonym: 0.6,
  pair: 1,
  loosePair: 0.5,
};
/** How far apart (in words) two query words may be to form a loose pair. */
const WINDOW = 3;

/** The shape of a Vietnamese syllable without diacritics: initial consonants, vowels, final. */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;

function resolveToken(raw: string, index: SearchIndex): QueryToken {
  const folded = foldText(raw).replace(/\s+/g, '');
  const abbr = ABBREVIATIONS[folded];
  if (abbr) return { raw, words: abbr.split(' '), source: 'abbreviation' };
  if (index.vocabulary.has(folded) || STOPWORDS.has(folded) || /^\d+$/.test(folded)) {
    return { raw, words: [folded], source: 'word' };
  }
  const known = (w: string): boolean => index.vocabulary.has(w) || STOPWORDS.has(w) || w in ABBREVIATIONS;
  if (/^[a-z]+$/.test(raw)) {
    const telex = foldText(composeVietnamese(raw, 'telex'));
    if (telex !== folded && known(telex)) return { raw, words: [telex], source: 'telex' };
  }
  if (/^[a-z]+\d[a-z0-9]*$/.test(raw)) {
    const vni = foldText(composeVietnamese(raw, 'vni'));
    if (vni !== folded && known(vni)) return { raw, words: [vni], source: 'vni' };
  }
  // A well-formed syllable typed with its diacritics ("liệt") is a real word the catalog does not
  // use, not a typo; a malformed one ("tựhc") is a typo even with diacritics.
  const typedWithDiacritics = foldText(raw) !== raw.replace(/đ/g, 'd');
  if (folded.length >= MIN_TYPO_LENGTH && !(typedWithDiacritics && SYLLABLE.test(folded))) {
    const candidates = index.typos.candidates(folded);
    if (candidates.length > 0) {
      // Prefer the most common candidate: a typo usually lands near a frequent word.
      const best = candidates.sort((a, b) => index.idf(a) - index.idf(b)).slice(0, 3);
      return { raw, words: best, source: 'typo' };
    }
  }
  return { raw, words: [folded], source: 'unknown' };
}

/**
 * Reorders a typo's candidates so that one forming a catalog word pair with its neighbour comes
 * first ("ket hno" → "ket hon", not "ket nho").
 */
function preferCandidatesInContext(tokens: QueryToken[], index: SearchIndex): void {
  tokens.forEach((t, i) => {
    if (t.source !== 'typo' || t.words.length < 2) return;
    const prev = tokens[i - 1]?.words.at(-1);
    const next = tokens[i + 1]?.words[0];
    const pairs = (w: string): number =>
      (prev ? index.df(`${prev} ${w}`) : 0) + (next ? index.df(`${w} ${next}`) : 0);
    t.words = [...t.words].sort((a, b) => pairs(b) - pairs(a));
  });
}

/**
 * Word order: catalog word pairs formed by query words that are near each other but not
 * adjacent, or in the other order ("kết hôn đăng ký" still has "ký kết"), at a lower weight.
 */
function addLoosePairs(
  sequence: readonly string[],
  terms: Map<string, number>,
  bonus: Set<string>,
  index: SearchIndex,
): void {
  for (let i = 0; i < sequence.length; i++) {
    const a = sequence[i] ?? '';
    if (STOPWORDS.has(a)) continue;
    for (let j = Math.max(0, i - WINDOW); j <= Math.min(sequence.length - 1, i + WINDOW); j++) {
      const b = sequence[j] ?? '';
      if (j === i || j === i + 1 || STOPWORDS.has(b)) continue;
      const pair = `${a} ${b}`;
      if (!terms.has(pair) && index.has(pair)) {
        addTerm(terms, pair, WEIGHT.loosePair);
        bonus.add(pair);
      }
    }
  }
}

function findSequence(haystack: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const STOP_PHRASE_LIST = STOP_PHRASES.map((p) => p.split(' '));

/** Positions of `sequence` covered by a question phrase ("hồ sơ", "thủ tục"). */
function stopPhraseMask(sequence: readonly string[]): boolean[] {
  const mask = sequence.map(() => false);
  for (const phrase of STOP_PHRASE_LIST) {
    for (let i = 0; i + phrase.length <= sequence.length; i++) {
      if (phrase.every((w, k) => sequence[i + k] === w))
        for (let k = 0; k < phrase.length; k++) mask[i + k] = true;
    }
  }
  return mask;
}

const SYNONYM_LIST = SYNONYMS.map(([from, to]) => ({ from: from.split(' '), to: to.split(' ') }));

function addTerm(terms: Map<string, number>, term: string, weight: number): void {
  if (!term.includes(' ') && STOPWORDS.has(term)) return;
  terms.set(term, Math.max(terms.get(term) ?? 0, weight));
}

/** Splits, decodes (Telex/VNI), expands abbreviations and synonyms, fixes typos. */
export function analyzeQuery(query: string, index: SearchIndex): AnalyzedQuery {
  const raws = query
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((s) => s !== '');
  const tokens = raws.map((raw) => resolveToken(raw, index));
  preferCandidatesInContext(tokens, index);
  const terms = new Map<string, number>();
  // The main reading: the first word of each token, in order.
  const sequence: string[] = [];
  for (const t of tokens) {
    const w = t.source === 'typo' ? WEIGHT.typo : WEIGHT[t.source];
    if (t.source === 'typo') {
      for (const alt of t.words) addTerm(terms, alt, w / t.words.length);
      sequence.push(t.words[0] ?? '');
    } else sequence.push(...t.words);
  }
  // Question phrases ("hồ sơ", "thủ tục") split the query: no terms from them, no pairs across them.
  const mask = stopPhraseMask(sequence);
  const segments: string[][] = [[]];
  sequence.forEach((w, i) => {
    if (mask[i]) segments.push([]);
    else segments[segments.length - 1]?.push(w);
  });
  for (const term of segments.flatMap((seg) => termsOf(seg))) {
    const typo = tokens.some((t) => t.source === 'typo' && term.split(' ').includes(t.words[0] ?? ''));
    addTerm(terms, term, typo ? WEIGHT.typo : term.includes(' ') ? WEIGHT.pair : WEIGHT.word);
  }
  const kept = sequence.filter((_, i) => !mask[i]);
  const bonus = new Set<string>();
  addLoosePairs(kept, terms, bonus, index);
  const explainedBy = new Map<string, Set<string>>();
  for (const syn of SYNONYM_LIST) {
    const at = findSequence(sequence, syn.from);
    if (at < 0) continue;
    for (const term of termsOf(syn.to)) addTerm(terms, term, WEIGHT.synonym);
    for (const w of syn.from) {
      const set = explainedBy.get(w) ?? new Set<string>();
      for (const t of syn.to) set.add(t);
      explainedBy.set(w, set);
    }
  }
  const content = [...new Set(kept)]
    .filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w))
    .map((word) => ({ word, alternatives: [...(explainedBy.get(word) ?? [])] }));
  return { tokens, terms, bonus, content };
}
