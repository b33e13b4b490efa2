import type { Steps } from '../../runtime/steps.js';
import type { Procedure } from '../catalog/procedure.js';
import { DocReader, type DocTerms } from './doc-reader.js';
import { FIELDS } from './index-fields.js';
import { IndexTerms } from './index-terms.js';

/**
 * What a search index is made from, and what is saved of it: the entries — one per (procedure,
 * field, term): the procedure's number (catalog order) and `count × 8 + field index` — grouped by
 * term id, in procedure then field order within a term; per procedure its field lengths and its
 * name's words; and the term table. The postings (BM25F weights, postings.ts) are worked out from
 * it. A catalog update takes out the entries of the procedures it changes and merges in theirs.
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
  const reader = new DocReader(terms);
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

/**
 * The data for `next`, a new version of the catalog `data` was made from (`docs`, in its order):
 * procedures that are the very same objects keep their entries, the others are read and merged
 * in. The term table is shared (it only grows), so the result is what buildIndexData(next) gives
 * up to the numbering of the terms.
 */
export function* updateIndexData(
  data: IndexData,
  docs: readonly Procedure[],
  next: readonly Procedure[],
): Steps<{ data: IndexData; read: number; kept: number }> {
  const before = new Map<Procedure, number>();
  docs.forEach((p, i) => before.set(p, i));
  const reader = new DocReader(data.terms);
  /** Old procedure number → new one (-1: gone or changed). */
  const remap = new Int32Array(docs.length).fill(-1);
  const read: DocTerms[] = [];
  const readAt: number[] = [];
  const lengths: Int32Array[] = [];
  const nameWords: (readonly string[])[] = [];
  const nameHeads: (readonly string[])[] = [];
  let monotonic = true;
  let lastKept = -1;
  for (let i = 0; i < next.length; i++) {
    const p = next[i] as Procedure;
    const old = before.get(p);
    if (old !== undefined && remap[old] === -1) {
      remap[old] = i;
      if (old < lastKept) monotonic = false;
      lastKept = old;
      lengths.push(data.lengths.subarray(old * F, old * F + F));
      nameWords.push(data.nameWords[old] ?? []);
      nameHeads.push(data.nameHeads[old] ?? []);
    } else {
      const doc = reader.readDoc(p);
      read.push(doc);
      readAt.push(i);
      lengths.push(doc.lengths);
      nameWords.push(doc.nameWords);
      nameHeads.push(doc.nameHead);
      if (read.length % DOCS_PER_STEP === 0) yield;
    }
  }
  const fresh = yield* groupNew(data.terms.size, read, readAt);
  const merged = yield* mergeEntries(data, remap, fresh, monotonic);
  return {
    data: { terms: data.terms, ...merged, lengths: joinLengths(lengths), nameWords, nameHeads },
    read: read.length,
    kept: next.length - read.length,
  };
}

type Grouped = Pick<IndexData, 'firstOfTerm' | 'entryDoc' | 'entryInfo'>;

/** Groups procedures' entries by term (a stable counting sort: procedure then field order kept). */
function* groupNew(termCount: number, read: readonly DocTerms[], docs: readonly number[]): Steps<Grouped> {
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
 * The old entries of kept procedures (renumbered) and the new ones, per term in procedure order.
 * When the catalog kept its order (`monotonic`), each term's two lists are merged; otherwise a
 * term's entries are sorted by procedure (stable, so field order holds within one).
 */
function* mergeEntries(
  old: IndexData,
  remap: Int32Array,
  fresh: Grouped,
  monotonic: boolean,
): Steps<Grouped> {
  const termCount = fresh.firstOfTerm.length - 1;
  let kept = 0;
  for (let e = 0; e < old.entryDoc.length; e++) if ((remap[old.entryDoc[e] as number] as number) >= 0) kept++;
  yield;
  const m: Merge = {
    old,
    remap,
    fresh,
    monotonic,
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
  monotonic: boolean;
  firstOfTerm: Int32Array<ArrayBuffer>;
  entryDoc: Int32Array<ArrayBuffer>;
  entryInfo: Int32Array<ArrayBuffer>;
  n: number;
}

/** Entries merged between two pauses (about). */
const MERGE_SLICE = 1 << 16;

/** Merges the entries of terms from `from` on, about MERGE_SLICE of them; returns the next term. */
function mergeTerms(m: Merge, from: number, termCount: number): number {
  const { old, remap, fresh, monotonic, firstOfTerm, entryDoc, entryInfo } = m;
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
    const start = n;
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
    if (!monotonic) sortTerm(entryDoc, entryInfo, start, n);
  }
  m.n = n;
  return t;
}

/** Stable sort of entries [from, to) by procedure (insertion sort: a term's list is short and nearly sorted). */
function sortTerm(doc: Int32Array, info: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const d = doc[i] as number;
    const v = info[i] as number;
    let j = i - 1;
    while (j >= from && (doc[j] as number) > d) {
      doc[j + 1] = doc[j] as number;
      info[j + 1] = info[j] as number;
      j--;
    }
    doc[j + 1] = d;
    info[j + 1] = v;
  }
}

function joinLengths(parts: readonly Int32Array[]): Int32Array<ArrayBuffer> {
  const out = new Int32Array(parts.length * F);
  parts.forEach((l, i) => out.set(l, i * F));
  return out;
}
