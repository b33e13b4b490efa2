import type { Steps } from '../../runtime/steps.js';
import type { Procedure } from '../catalog/procedure.js';
import { readerFor, type DocTerms } from './doc-reader.js';
import { FIELDS } from './index-fields.js';
import { IndexTerms } from './index-terms.js';

/**
 * What a search index is made from, and what is saved of it: the entries — one per (procedure,
 * field, term): the procedure's number (catalog order) and `count × 8 + field index` — grouped by
 * term id, in procedure then field order within a term; per procedure its field lengths and its
 * name's words; and the term table. An index is one such segment in catalog order, or (after
 * catalog deltas) two: see index-layout.ts. The BM25F weights are worked out when a search reads
 * a posting (search-index.ts).
 */
export interface IndexData {
  readonly terms: IndexTerms;
  /** Per term id: where its entries start; one more value, the end. */
  readonly firstOfTerm: Int32Array<ArrayBuffer>;
  readonly entryDoc: Int32Array<ArrayBuffer>;
  readonly entryInfo: Int32Array<ArrayBuffer>;
  /** Per procedure, FIELDS.length word counts. */
  readonly lengths: Int32Array<ArrayBuffer>;
  readonly nameWords: readonly (readonly string[])[];
  readonly nameHeads: readonly (readonly string[])[];
}

/** Procedures read between two pauses. */
const DOCS_PER_STEP = 4;
const F = FIELDS.length;

/** The number of procedures an index's data covers. */
export function docCount(data: IndexData): number {
  return data.nameHeads.length;
}

/** The entries of every procedure of a catalog, read from scratch. */
export function* buildIndexData(procedures: readonly Procedure[]): Steps<IndexData> {
  const terms = new IndexTerms();
  const reader = readerFor(terms);
  const read: DocTerms[] = [];
  for (let i = 0; i < procedures.length; i++) {
    read.push(reader.readDoc(procedures[i] as Procedure));
    if (i % DOCS_PER_STEP === DOCS_PER_STEP - 1) yield;
  }
  const docs = read.map((_, i) => i);
  const grouped = yield* groupNew(terms.size, read, docs);
  return {
    terms,
    ...grouped,
    lengths: joinLengths(read.map((d) => d.lengths)),
    nameWords: read.map((d) => d.nameWords),
    nameHeads: read.map((d) => d.nameHead),
  };
}

export type Grouped = Pick<IndexData, 'firstOfTerm' | 'entryDoc' | 'entryInfo'>;

/** Groups procedures' entries by term (a stable counting sort: procedure then field order kept). */
export function* groupNew(
  termCount: number,
  read: readonly DocTerms[],
  docs: readonly number[],
): Steps<Grouped> {
  const firstOfTerm = new Int32Array(termCount + 1);
  let total = 0;
  for (const d of read) {
    const terms = d.terms;
    for (let e = 0; e < terms.length; e++) {
      const next = (terms[e] as number) + 1;
      firstOfTerm[next] = (firstOfTerm[next] as number) + 1;
    }
    total += terms.length;
  }
  for (let t = 0; t < termCount; t++)
    firstOfTerm[t + 1] = (firstOfTerm[t + 1] as number) + (firstOfTerm[t] as number);
  const fill = firstOfTerm.slice(0, termCount);
  const entryDoc = new Int32Array(total);
  const entryInfo = new Int32Array(total);
  for (let i = 0; i < read.length; i++) {
    scatterDoc(read[i] as DocTerms, docs[i] as number, fill, entryDoc, entryInfo);
    if (i % 64 === 63) yield;
  }
  return { firstOfTerm, entryDoc, entryInfo };
}

function scatterDoc(
  d: DocTerms,
  doc: number,
  fill: Int32Array,
  entryDoc: Int32Array,
  entryInfo: Int32Array,
): void {
  const { terms, info } = d;
  for (let e = 0; e < terms.length; e++) {
    const t = terms[e] as number;
    const at = fill[t] as number;
    fill[t] = at + 1;
    entryDoc[at] = doc;
    entryInfo[at] = info[e] as number;
  }
}

/**
 * The old entries of kept procedures (renumbered by `remap`, which keeps their order; -1: gone)
 * and the new ones, per term in procedure order: each term's two lists are merged.
 */
export function* mergeEntries(old: IndexData, remap: Int32Array, fresh: Grouped): Steps<Grouped> {
  const termCount = fresh.firstOfTerm.length - 1;
  let kept = 0;
  for (let e = 0; e < old.entryDoc.length; e++) if ((remap[old.entryDoc[e] as number] as number) >= 0) kept++;
  yield;
  const m: Merge = {
    old,
    remap,
    fresh,
    firstOfTerm: new Int32Array(termCount + 1),
    entryDoc: new Int32Array(kept + fresh.entryDoc.length),
    entryInfo: new Int32Array(kept + fresh.entryDoc.length),
    n: 0,
  };
  for (let t = 0; t < termCount;) {
    t = mergeTerms(m, t, termCount);
    yield;
  }
  m.firstOfTerm[termCount] = m.n;
  return { firstOfTerm: m.firstOfTerm, entryDoc: m.entryDoc, entryInfo: m.entryInfo };
}

interface Merge {
  old: IndexData;
  remap: Int32Array;
  fresh: Grouped;
  firstOfTerm: Int32Array<ArrayBuffer>;
  entryDoc: Int32Array<ArrayBuffer>;
  entryInfo: Int32Array<ArrayBuffer>;
  n: number;
}

/** Entries merged between two pauses (about). */
const MERGE_SLICE = 1 << 16;

/** Merges the entries of terms from `from` on, about MERGE_SLICE of them; returns the next term. */
function mergeTerms(m: Merge, from: number, termCount: number): number {
  const { old, remap, fresh, firstOfTerm, entryDoc, entryInfo } = m;
  const oldTerms = old.firstOfTerm.length - 1;
  const oldDoc = old.entryDoc;
  const oldInfo = old.entryInfo;
  let n = m.n;
  let t = from;
  for (; t < termCount && n - m.n < MERGE_SLICE; t++) {
    firstOfTerm[t] = n;
    let a = t < oldTerms ? (old.firstOfTerm[t] as number) : 0;
    const aEnd = t < oldTerms ? (old.firstOfTerm[t + 1] as number) : 0;
    let b = fresh.firstOfTerm[t] as number;
    const bEnd = fresh.firstOfTerm[t + 1] as number;
    while (a < aEnd || b < bEnd) {
      // skip entries of procedures that left or changed
      while (a < aEnd && (remap[oldDoc[a] as number] as number) < 0) a++;
      const da = a < aEnd ? (remap[oldDoc[a] as number] as number) : -1;
      const db = b < bEnd ? (fresh.entryDoc[b] as number) : -1;
      if (da < 0 && db < 0) break;
      if (db < 0 || (da >= 0 && da < db)) {
        entryDoc[n] = da;
        entryInfo[n++] = oldInfo[a++] as number;
      } else {
        entryDoc[n] = db;
        entryInfo[n++] = fresh.entryInfo[b++] as number;
      }
    }
  }
  m.n = n;
  return t;
}

function joinLengths(parts: readonly Int32Array[]): Int32Array<ArrayBuffer> {
  const out = new Int32Array(parts.length * F);
  parts.forEach((l, i) => out.set(l, i * F));
  return out;
}
