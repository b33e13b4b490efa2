import type { Procedure } from '../catalog/procedure.js';
import { runNow, type Steps } from '../../runtime/steps.js';
import { fieldNorms, IN_TITLE } from './field-norms.js';
import { buildIndexData, docCount, type IndexData } from './index-data.js';
import { FIELDS } from './index-fields.js';
import { flatten, singleLayout, updateLayout, type IndexLayout } from './index-layout.js';
import { TypoIndex } from './typo.js';

export { FIELD_SPECS, type FieldName, type FieldSpec } from './index-fields.js';
export { expandAbbreviations, nameHead, termsOf } from './name-words.js';

/**
 * An inverted index over the folded words (unigrams) and adjacent word pairs (bigrams — most
 * Vietnamese words are two syllables: "khai sinh", "tạm trú") of each procedure, per field,
 * scored BM25F-style: a word in the name counts much more than one in the steps. Made by
 * buildSearchIndex, read back from a saved file (index-file.ts) or updated for a new catalog
 * version (updateSearchIndex, which touches only what the changed procedures hold); an index
 * never changes once made. A posting's weight is worked out when it is read, from its entries
 * (count per field) and the catalog's field norms: no weight is stored that a delta would change.
 */

export interface Posting {
  doc: number;
  /** BM25F pseudo term frequency (field weights and length normalisation applied). */
  tf: number;
  /** True when the term is in the name, result or field (used for coverage). */
  title: boolean;
}

/** The words of an index's catalog. */
export interface Vocabulary {
  has(word: string): boolean;
}

const F = FIELDS.length;

export class SearchIndex {
  private readonly k1 = 1.2;

  constructor(
    readonly docs: readonly Procedure[],
    private readonly layout: IndexLayout,
    /** Per (procedure, field): one occurrence's BM25F weight (field-norms.ts). */
    private readonly norms: Float64Array,
    readonly typos: TypoIndex,
    /** Words (not pairs) with at least one posting. */
    readonly vocabulary: Vocabulary,
  ) {}

  /** Distinct content words of each name (no stopwords), for name-precision scoring. */
  get nameWords(): readonly (readonly string[])[] {
    return this.layout.nameWords;
  }

  /** Content words of each name's head, before qualifiers ("đối với ...", "trong ...", "(...)"). */
  get nameHeads(): readonly (readonly string[])[] {
    return this.layout.nameHeads;
  }

  /** What the index is made from as one segment in catalog order (what is saved); see dataSteps. */
  get data(): IndexData {
    return runNow(this.dataSteps());
  }

  /** The data step by step (after deltas it is merged from the base and the overlay). */
  dataSteps(): Steps<IndexData> {
    return flatten(this.layout);
  }

  /** The layout behind the index, for updateSearchIndex. */
  get parts(): IndexLayout {
    return this.layout;
  }

  /** The term id, when this index's catalog has the term. */
  private id(term: string): number | undefined {
    const id = this.layout.terms.termId(term);
    // Ids past this index's counts were numbered for a later catalog version: not in this one.
    return id === undefined || id >= this.layout.docFrequency.length ? undefined : id;
  }

  /** Number of procedures containing `term` (a word or a word pair). */
  df(term: string): number {
    const id = this.id(term);
    return id === undefined ? 0 : (this.layout.docFrequency[id] as number);
  }

  /** Calls `fn` for every procedure containing `term` (by segment: not in catalog order). */
  eachPosting(term: string, fn: (doc: number, tf: number, title: boolean) => void): void {
    const id = this.id(term);
    if (id === undefined) return;
    const { segments, positionOf } = this.layout;
    const norms = this.norms;
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s] as IndexData;
      if (id >= seg.firstOfTerm.length - 1) continue;
      const at = positionOf[s] as Int32Array;
      const { entryDoc, entryInfo } = seg;
      const end = seg.firstOfTerm[id + 1] as number;
      let k = seg.firstOfTerm[id] as number;
      while (k < end) {
        const local = entryDoc[k] as number;
        const doc = at[local] as number;
        if (doc < 0) {
          while (k < end && entryDoc[k] === local) k++;
          continue;
        }
        let tf = 0;
        let title = 0;
        for (; k < end && entryDoc[k] === local; k++) {
          const info = entryInfo[k] as number;
          const f = info & 7;
          const norm = norms[doc * F + f] as number;
          // Added once per occurrence, as a running sum over the text would.
          for (let c = info >> 3; c > 0; c--) tf += norm;
          title |= IN_TITLE[f] as number;
        }
        // Weights have float precision (what the postings held when they were stored).
        fn(doc, Math.fround(tf), title === 1);
      }
    }
  }

  /**
   * Adds `scale × saturate(tf)` of every procedure containing `term` to `scores[doc]`: what
   * eachPosting with that callback does, without a call per posting (ranking's inner loop).
   */
  addScores(term: string, scale: number, scores: Float64Array): void {
    const id = this.id(term);
    if (id === undefined) return;
    const { segments, positionOf } = this.layout;
    const norms = this.norms;
    const k1 = this.k1;
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s] as IndexData;
      if (id >= seg.firstOfTerm.length - 1) continue;
      const at = positionOf[s] as Int32Array;
      const { entryDoc, entryInfo } = seg;
      const end = seg.firstOfTerm[id + 1] as number;
      let k = seg.firstOfTerm[id] as number;
      while (k < end) {
        const local = entryDoc[k] as number;
        const doc = at[local] as number;
        const row = doc * F;
        let tf = 0;
        for (; k < end && entryDoc[k] === local; k++) {
          const info = entryInfo[k] as number;
          const norm = norms[row + (info & 7)] as number;
          for (let c = info >> 3; c > 0; c--) tf += norm;
        }
        if (doc < 0) continue;
        const w = Math.fround(tf);
        scores[doc] = (scores[doc] as number) + scale * (w / (k1 + w));
      }
    }
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
    const id = this.id(term);
    const at = id === undefined ? -1 : this.locate(id, doc);
    if (at < 0) return undefined;
    const seg = this.segmentOf(doc);
    const { entryDoc, entryInfo } = seg;
    const end = seg.firstOfTerm[(id as number) + 1] as number;
    let tf = 0;
    let title = 0;
    for (let k = at; k < end && entryDoc[k] === entryDoc[at]; k++) {
      const info = entryInfo[k] as number;
      const f = info & 7;
      const norm = this.norms[doc * F + f] as number;
      for (let c = info >> 3; c > 0; c--) tf += norm;
      title |= IN_TITLE[f] as number;
    }
    return { doc, tf: Math.fround(tf), title: title === 1 };
  }

  /**
   * Whether `term` is in `doc`'s name, result or field (true), elsewhere in it (false), or not
   * in it (undefined): the posting's `title` without making the posting (ranking asks this
   * thousands of times a question).
   */
  postingTitle(term: string, doc: number): boolean | undefined {
    const id = this.id(term);
    const at = id === undefined ? -1 : this.locate(id, doc);
    if (at < 0) return undefined;
    const seg = this.segmentOf(doc);
    const { entryDoc, entryInfo } = seg;
    const end = seg.firstOfTerm[(id as number) + 1] as number;
    for (let k = at; k < end && entryDoc[k] === entryDoc[at]; k++)
      if (IN_TITLE[(entryInfo[k] as number) & 7] === 1) return true;
    return false;
  }

  private segmentOf(doc: number): IndexData {
    return this.layout.segments[this.layout.segmentAt[doc] as number] as IndexData;
  }

  /**
   * Where `doc`'s first entry of term `id` is in its segment (binary search: a term's entries
   * are in procedure order there, a procedure's in field order), or -1.
   */
  private locate(id: number, doc: number): number {
    if (!(doc >= 0 && doc < this.docs.length)) return -1;
    const seg = this.segmentOf(doc);
    if (id >= seg.firstOfTerm.length - 1) return -1;
    const local = this.layout.localAt[doc] as number;
    const { entryDoc } = seg;
    let lo = seg.firstOfTerm[id] as number;
    let hi = (seg.firstOfTerm[id + 1] as number) - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = entryDoc[mid] as number;
      if (d < local) lo = mid + 1;
      else {
        if (d === local) found = mid;
        hi = mid - 1;
      }
    }
    return found;
  }

  has(term: string): boolean {
    return this.df(term) > 0;
  }
}

/** The index over `procedures` from its layout. */
function indexOver(procedures: readonly Procedure[], layout: IndexLayout): SearchIndex {
  const { terms, docFrequency } = layout;
  const vocabulary: Vocabulary = {
    has: (word) => {
      const id = word.includes(' ') ? undefined : terms.termId(word);
      return id !== undefined && id < docFrequency.length && (docFrequency[id] as number) > 0;
    },
  };
  return new SearchIndex(
    procedures,
    layout,
    fieldNorms(layout.lengths),
    new TypoIndex(terms.typos(), vocabulary),
    vocabulary,
  );
}

/** The index over `procedures` from its data (built or read from a saved file). */
export function* indexFromData(procedures: readonly Procedure[], data: IndexData): Steps<SearchIndex> {
  if (docCount(data) !== procedures.length)
    throw new TypeError(`index data: holds ${docCount(data)} procedures, the catalog ${procedures.length}`);
  const layout = yield* singleLayout(data);
  yield;
  return indexOver(procedures, layout);
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
 * very same objects as before are read (a catalog delta keeps the others), and only their terms'
 * counts change; gives the same results as buildSearchIndex(next). A catalog that keeps none of
 * the procedures is built afresh (over a new term table).
 */
export function* updateSearchIndex(
  index: SearchIndex,
  next: readonly Procedure[],
): Steps<{ index: SearchIndex; read: number; kept: number }> {
  const old = new Set(index.docs);
  if (!next.some((p) => old.has(p)))
    return { index: yield* buildSearchIndexSteps(next), read: next.length, kept: 0 };
  const { layout, read, kept } = yield* updateLayout(index.parts, index.docs, next);
  yield;
  return { index: indexOver(next, layout), read, kept };
}
