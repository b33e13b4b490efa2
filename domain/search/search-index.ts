import type { Procedure } from '../catalog/procedure.js';
import { runNow, type Steps } from '../../runtime/steps.js';
import { buildIndexData, docCount, updateIndexData, type IndexData } from './index-data.js';
import { MIN_TYPO_LENGTH } from './lexicon.js';
import { assemblePostings, type Postings } from './postings.js';
import { TypoIndex } from './typo.js';

export { FIELD_SPECS, type FieldName, type FieldSpec } from './index-fields.js';
export { expandAbbreviations, nameHead, termsOf } from './name-words.js';

/**
 * An inverted index over the folded words (unigrams) and adjacent word pairs (bigrams — most
 * Vietnamese words are two syllables: "khai sinh", "tạm trú") of each procedure, per field,
 * scored BM25F-style: a word in the name counts much more than one in the steps. Made by
 * buildSearchIndex, read back from a saved file (index-file.ts) or updated for a new catalog
 * version (updateSearchIndex); an index never changes once made.
 */

export interface Posting {
  doc: number;
  /** BM25F pseudo term frequency (field weights and length normalisation applied). */
  tf: number;
  /** True when the term is in the name, result or field (used for coverage). */
  title: boolean;
}

export class SearchIndex {
  private readonly k1 = 1.2;

  constructor(
    readonly docs: readonly Procedure[],
    /** What the index is made from (saved to disk, and kept for catalog updates). */
    readonly data: IndexData,
    private readonly postings: Postings,
    readonly typos: TypoIndex,
  ) {}

  /** Unigrams that occur anywhere in the catalog. */
  get vocabulary(): ReadonlySet<string> {
    return this.postings.vocabulary;
  }

  /** Distinct content words of each name (no stopwords), for name-precision scoring. */
  get nameWords(): readonly (readonly string[])[] {
    return this.data.nameWords;
  }

  /** Content words of each name's head, before qualifiers ("đối với ...", "trong ...", "(...)"). */
  get nameHeads(): readonly (readonly string[])[] {
    return this.data.nameHeads;
  }

  private span(term: string): { start: number; count: number } {
    const id = this.data.terms.termId(term);
    // Ids past this index's postings were numbered for a later catalog version: not in this one.
    if (id === undefined || id >= this.postings.spanCount.length) return { start: 0, count: 0 };
    return { start: this.postings.spanStart[id] as number, count: this.postings.spanCount[id] as number };
  }

  /** Number of procedures containing `term` (a word or a word pair). */
  df(term: string): number {
    const id = this.data.terms.termId(term);
    // Ids past this index's postings were numbered for a later catalog version: not in this one.
    return id === undefined || id >= this.postings.spanCount.length
      ? 0
      : (this.postings.spanCount[id] as number);
  }

  /** Calls `fn` for every procedure containing `term`, in document order. */
  eachPosting(term: string, fn: (doc: number, tf: number, title: boolean) => void): void {
    const { start, count } = this.span(term);
    const { docs, tf, title } = this.postings;
    for (let i = start; i < start + count; i++) fn(docs[i] as number, tf[i] as number, title[i] === 1);
  }

  /** Inverse document frequency (BM25, always positive). */
  idf(term: string): number {
    const n = this.docs.length;
    const df = this.df(term);
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

  /** The posting of `term` for `doc`, if the procedure contains it. */
  posting(term: string, doc: number): Posting | undefined {
    const at = this.locate(term, doc);
    if (at < 0) return undefined;
    const { tf, title } = this.postings;
    return { doc, tf: tf[at] as number, title: title[at] === 1 };
  }

  /**
   * Whether `term` is in `doc`'s name, result or field (true), elsewhere in it (false), or not
   * in it (undefined): the posting's `title` without making the posting (ranking asks this
   * thousands of times a question).
   */
  postingTitle(term: string, doc: number): boolean | undefined {
    const at = this.locate(term, doc);
    return at < 0 ? undefined : this.postings.title[at] === 1;
  }

  /** Where `doc`'s posting of `term` is in the postings (binary search), or -1. */
  private locate(term: string, doc: number): number {
    const id = this.data.terms.termId(term);
    if (id === undefined || id >= this.postings.spanCount.length) return -1;
    const { docs } = this.postings;
    let lo = this.postings.spanStart[id] as number;
    let hi = lo + (this.postings.spanCount[id] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = docs[mid] as number;
      if (d === doc) return mid;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  has(term: string): boolean {
    return this.df(term) > 0;
  }
}

/** The index over `procedures` from its data (built, updated or read from a saved file). */
export function* indexFromData(procedures: readonly Procedure[], data: IndexData): Steps<SearchIndex> {
  if (docCount(data) !== procedures.length)
    throw new TypeError(`index data: holds ${docCount(data)} procedures, the catalog ${procedures.length}`);
  const postings = yield* assemblePostings(data);
  yield;
  return new SearchIndex(procedures, data, postings, new TypoIndex(postings.vocabulary, MIN_TYPO_LENGTH));
}

/** Builds the index of a catalog step by step (see runInSlices). */
export function* buildSearchIndexSteps(procedures: readonly Procedure[]): Steps<SearchIndex> {
  const data = yield* buildIndexData(procedures);
  return yield* indexFromData(procedures, data);
}

/** Builds the index of a catalog at once. */
export function buildSearchIndex(procedures: readonly Procedure[]): SearchIndex {
  return runNow(buildSearchIndexSteps(procedures));
}

/**
 * The index of `next`, a new version of `index`'s catalog: only the procedures that are not the
 * very same objects as before are read (a catalog delta keeps the others); gives the same
 * results as buildSearchIndex(next).
 */
export function* updateSearchIndex(
  index: SearchIndex,
  next: readonly Procedure[],
): Steps<{ index: SearchIndex; read: number; kept: number }> {
  const { data, read, kept } = yield* updateIndexData(index.data, index.docs, next);
  return { index: yield* indexFromData(next, data), read, kept };
}
