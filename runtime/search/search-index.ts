import type { Procedure } from '../catalog/procedure.js';
import { foldTokens } from './normalize.js';
import { ADMIN_ABBREVIATIONS, STOPWORDS } from './lexicon.js';
import { TypoIndex } from './typo.js';

/**
 * An inverted index over the folded words (unigrams) and adjacent word pairs (bigrams — most
 * Vietnamese words are two syllables: "khai sinh", "tạm trú") of each procedure, per field,
 * scored BM25F-style: a word in the name counts much more than one in the steps.
 */

export type FieldName = 'name' | 'result' | 'field' | 'documents' | 'steps' | 'conditions';

export interface FieldSpec {
  weight: number;
  /** BM25 length normalisation for this field (0 = none, 1 = full). */
  b: number;
}

export const FIELD_SPECS: Readonly<Record<FieldName, FieldSpec>> = {
  name: { weight: 6, b: 0.5 },
  result: { weight: 1.5, b: 0.5 },
  field: { weight: 1.5, b: 0.2 },
  documents: { weight: 0.6, b: 0.75 },
  steps: { weight: 0.25, b: 0.75 },
  conditions: { weight: 0.2, b: 0.75 },
};

const FIELDS = Object.keys(FIELD_SPECS) as FieldName[];
const TITLE_FIELDS: ReadonlySet<FieldName> = new Set(['name', 'result', 'field']);

/** Words that open most names and say nothing about which procedure it is. */
const NAME_PREFIX = /^(thu tuc|tthc)\s+/;

export interface Posting {
  doc: number;
  /** BM25F pseudo term frequency (field weights and length normalisation applied). */
  tf: number;
  /** True when the term is in the name, result or field (used for coverage). */
  title: boolean;
}

function fieldTexts(p: Procedure): Record<FieldName, string> {
  return {
    name: p.name,
    result: p.result,
    field: p.field,
    documents: p.documents.map((d) => d.name).join(' . '),
    steps: p.steps.join(' . '),
    conditions: p.conditions,
  };
}

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

export class SearchIndex {
  readonly docs: readonly Procedure[];
  readonly postings = new Map<string, Posting[]>();
  /** Unigrams that occur anywhere in the catalog. */
  readonly vocabulary = new Set<string>();
  readonly typos: TypoIndex;
  /** Distinct content words of each name (no stopwords), for name-precision scoring. */
  readonly nameWords: string[][] = [];
  private readonly k1 = 1.2;

  constructor(procedures: readonly Procedure[]) {
    this.docs = procedures;
    const perDoc: Map<string, Record<FieldName, number>>[] = [];
    const lengths: Record<FieldName, number[]> = {
      name: [],
      result: [],
      field: [],
      documents: [],
      steps: [],
      conditions: [],
    };
    procedures.forEach((p, doc) => {
      const counts = new Map<string, Record<FieldName, number>>();
      const texts = fieldTexts(p);
      for (const f of FIELDS) {
        let text = foldTokens(texts[f]).join(' ');
        if (f === 'name') text = text.replace(NAME_PREFIX, '');
        // Sentences and list items are separate: no bigram across " . ".
        const tokens = expandAbbreviations(text === '' ? [] : text.split(' '));
        lengths[f][doc] = tokens.length;
        if (f === 'name') this.nameWords[doc] = [...new Set(tokens.filter((t) => !STOPWORDS.has(t)))];
        for (const term of termsOf(tokens)) {
          let c = counts.get(term);
          if (!c) {
            c = { name: 0, result: 0, field: 0, documents: 0, steps: 0, conditions: 0 };
            counts.set(term, c);
          }
          c[f]++;
          if (!term.includes(' ')) this.vocabulary.add(term);
        }
      }
      perDoc[doc] = counts;
    });
    const avg = Object.fromEntries(
      FIELDS.map((f) => [f, lengths[f].reduce((s, n) => s + n, 0) / Math.max(1, procedures.length) || 1]),
    ) as Record<FieldName, number>;
    perDoc.forEach((counts, doc) => {
      for (const [term, c] of counts) {
        let tf = 0;
        let title = false;
        for (const f of FIELDS) {
          if (c[f] === 0) continue;
          const { weight, b } = FIELD_SPECS[f];
          const len = lengths[f][doc] ?? 0;
          tf += (weight * c[f]) / (1 - b + (b * len) / avg[f]);
          if (TITLE_FIELDS.has(f)) title = true;
        }
        let list = this.postings.get(term);
        if (!list) {
          list = [];
          this.postings.set(term, list);
        }
        list.push({ doc, tf, title });
      }
    });
    this.typos = new TypoIndex(this.vocabulary);
  }

  /** Inverse document frequency (BM25, always positive). */
  idf(term: string): number {
    const n = this.docs.length;
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The largest idf any term can have: what an unknown word is worth. */
  maxIdf(): number {
    return Math.log(1 + (this.docs.length + 0.5) / 0.5);
  }

  /** Saturated term frequency in [0, 1). */
  saturate(tf: number): number {
    return tf / (this.k1 + tf);
  }

  /** The posting of `term` for `doc`, if the procedure contains it (postings are sorted by doc). */
  posting(term: string, doc: number): Posting | undefined {
    const list = this.postings.get(term);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = list[mid] as Posting;
      if (p.doc === doc) return p;
      if (p.doc < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }
}
