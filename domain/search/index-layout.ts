import type { Steps } from '../../runtime/steps.js';
import type { Procedure } from '../catalog/procedure.js';
import { readerFor, type DocTerms } from './doc-reader.js';
import { docCount, groupNew, mergeEntries, type IndexData } from './index-data.js';
import { FIELDS } from './index-fields.js';
import type { IndexTerms } from './index-terms.js';

/**
 * Where the entries of each procedure of a catalog are. A built (or saved) index is one segment
 * numbered in catalog order. A catalog delta leaves it as it is and puts the procedures it brings
 * in a second, small segment (the overlay): the old versions of the procedures it changes stay in
 * the first one, marked gone (position -1). The document frequencies are counted per catalog, so
 * a delta adjusts those of its procedures' terms only; the BM25F weights, which depend on every
 * field length, are worked out when a search reads a posting (search-index.ts). When the overlay
 * grows past a quarter of the catalog, both are merged into one segment in catalog order again.
 */
export interface IndexLayout {
  readonly terms: IndexTerms;
  /** The base segment, then the overlay (absent until a delta). */
  readonly segments: readonly IndexData[];
  /** Per segment: its procedure number → catalog position (-1: not in this catalog). */
  readonly positionOf: readonly Int32Array[];
  /** Per catalog position: the segment holding it and its number there. */
  readonly segmentAt: Uint8Array;
  readonly localAt: Int32Array;
  /** Per catalog position, FIELDS.length word counts. */
  readonly lengths: Int32Array;
  readonly nameWords: readonly (readonly string[])[];
  readonly nameHeads: readonly (readonly string[])[];
  /** Per term id: how many procedures of the catalog hold the term. */
  readonly docFrequency: Int32Array;
}

const F = FIELDS.length;
/** Procedures read between two pauses. */
const DOCS_PER_STEP = 4;
/** Entries handled between two pauses (counting, merging). */
const SLICE = 1 << 16;
/** The overlay is merged into the base once it holds more than this share of the catalog. */
const OVERLAY_SHARE = 0.25;

/**
 * The layout of one segment numbered in catalog order (a build, a saved index, a merge);
 * `df`: its document frequencies when known (else counted).
 */
export function* singleLayout(data: IndexData, df?: Int32Array): Steps<IndexLayout> {
  const n = docCount(data);
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  return {
    terms: data.terms,
    segments: [data],
    positionOf: [identity],
    segmentAt: new Uint8Array(n),
    localAt: identity,
    lengths: data.lengths,
    nameWords: data.nameWords,
    nameHeads: data.nameHeads,
    docFrequency: df ?? (yield* countDocFrequencies(data)),
  };
}

/** Per term id, the number of distinct procedures among its entries. */
function* countDocFrequencies(data: IndexData): Steps<Int32Array> {
  const termCount = data.firstOfTerm.length - 1;
  const df = new Int32Array(data.terms.size);
  for (let t = 0; t < termCount;) {
    t = countTerms(data, df, t, termCount);
    yield;
  }
  return df;
}

function countTerms(data: IndexData, df: Int32Array, from: number, termCount: number): number {
  const { firstOfTerm, entryDoc } = data;
  let done = 0;
  let t = from;
  for (; t < termCount && done < SLICE; t++) {
    const start = firstOfTerm[t] as number;
    const end = firstOfTerm[t + 1] as number;
    let count = 0;
    let last = -1;
    for (let k = start; k < end; k++) {
      const d = entryDoc[k] as number;
      if (d !== last) {
        count++;
        last = d;
      }
    }
    df[t] = count;
    done += end - start + 1;
  }
  return t;
}

/**
 * The layout for `next`, a new version of the catalog `layout` holds (`docs`, in its order):
 * procedures that are the very same objects keep their entries where they are, the others are
 * read into the overlay; the document frequencies lose the terms of the procedures that left or
 * changed (read again to know them) and gain those of the ones read. Costs what the changed
 * procedures hold, not what the catalog holds (until the overlay is merged into the base).
 */
export function* updateLayout(
  layout: IndexLayout,
  docs: readonly Procedure[],
  next: readonly Procedure[],
): Steps<{ layout: IndexLayout; read: number; kept: number }> {
  const { terms } = layout;
  const before = new Map<Procedure, number>();
  docs.forEach((p, i) => before.set(p, i));
  const kept = new Uint8Array(docs.length);
  const reader = readerFor(terms);
  const segmentAt = new Uint8Array(next.length);
  const localAt = new Int32Array(next.length);
  const base = layout.segments[0] as IndexData;
  const overlay = layout.segments[1];
  const basePositions = new Int32Array(docCount(base)).fill(-1);
  /** The old overlay's procedure → its number in the new overlay (-1: gone). */
  const overlayRemap = new Int32Array(overlay ? docCount(overlay) : 0).fill(-1);
  /** The old overlay's procedure → its new position (-1: gone). */
  const overlayKeptAt = new Int32Array(overlayRemap.length).fill(-1);
  const read: DocTerms[] = [];
  const readAt: number[] = [];
  for (let i = 0; i < next.length; i++) {
    const p = next[i] as Procedure;
    const old = before.get(p);
    if (old !== undefined && kept[old] === 0) {
      kept[old] = 1;
      const segment = layout.segmentAt[old] as number;
      const local = layout.localAt[old] as number;
      if (segment === 0) {
        basePositions[local] = i;
        segmentAt[i] = 0;
        localAt[i] = local;
      } else overlayKeptAt[local] = i;
    } else {
      read.push(reader.readDoc(p));
      readAt.push(i);
      if (read.length % DOCS_PER_STEP === 0) yield;
    }
  }
  const keptCount = next.length - read.length;
  const df = new Int32Array(terms.size);
  df.set(layout.docFrequency);
  const marks = new Int32Array(terms.size);
  let mark = 0;
  const count = (d: DocTerms, by: number): void => {
    mark++;
    for (let e = 0; e < d.terms.length; e++) {
      const t = d.terms[e] as number;
      if (marks[t] === mark) continue;
      marks[t] = mark;
      df[t] = (df[t] as number) + by;
    }
  };
  for (const d of read) count(d, 1);
  for (let i = 0; i < docs.length; i++) {
    if (kept[i] === 1) continue;
    // the terms of a procedure that left or changed: read it again (the same ids: the table only grows)
    count(reader.readDoc(docs[i] as Procedure), -1);
    if (i % DOCS_PER_STEP === DOCS_PER_STEP - 1) yield;
  }
  // The new overlay: the old one's procedures still in the catalog (in their order), then the read ones.
  const overlayLengths: Int32Array[] = [];
  const overlayWords: (readonly string[])[] = [];
  const overlayHeads: (readonly string[])[] = [];
  const overlayPositions: number[] = [];
  for (let old = 0; old < overlayKeptAt.length; old++) {
    const at = overlayKeptAt[old] as number;
    if (at < 0) continue;
    const local = overlayPositions.length;
    overlayRemap[old] = local;
    overlayPositions.push(at);
    segmentAt[at] = 1;
    localAt[at] = local;
    const o = overlay as IndexData;
    overlayLengths.push(o.lengths.subarray(old * F, old * F + F));
    overlayWords.push(o.nameWords[old] ?? []);
    overlayHeads.push(o.nameHeads[old] ?? []);
  }
  const freshLocals: number[] = [];
  read.forEach((d, j) => {
    const at = readAt[j] as number;
    const local = overlayPositions.length;
    freshLocals.push(local);
    overlayPositions.push(at);
    segmentAt[at] = 1;
    localAt[at] = local;
    overlayLengths.push(d.lengths);
    overlayWords.push(d.nameWords);
    overlayHeads.push(d.nameHead);
  });
  // kept old-overlay procedures are numbered first, in their old order: the merge stays in order
  const grouped = yield* groupNew(terms.size, read, freshLocals);
  const entries = overlay ? yield* mergeEntries(overlay, overlayRemap, grouped) : grouped;
  const newOverlay: IndexData = {
    terms,
    ...entries,
    lengths: joinLengths(overlayLengths),
    nameWords: overlayWords,
    nameHeads: overlayHeads,
  };
  const lengths = new Int32Array(next.length * F);
  const nameWords: (readonly string[])[] = new Array<readonly string[]>(next.length);
  const nameHeads: (readonly string[])[] = new Array<readonly string[]>(next.length);
  for (let i = 0; i < next.length; i++) {
    const segment = segmentAt[i] === 0 ? base : newOverlay;
    const local = localAt[i] as number;
    lengths.set(segment.lengths.subarray(local * F, local * F + F), i * F);
    nameWords[i] = segment.nameWords[local] ?? [];
    nameHeads[i] = segment.nameHeads[local] ?? [];
  }
  const updated: IndexLayout = {
    terms,
    segments: [base, newOverlay],
    positionOf: [basePositions, Int32Array.from(overlayPositions)],
    segmentAt,
    localAt,
    lengths,
    nameWords,
    nameHeads,
    docFrequency: df,
  };
  if (overlayPositions.length <= OVERLAY_SHARE * next.length)
    return { layout: updated, read: read.length, kept: keptCount };
  const flat = yield* flatten(updated);
  return { layout: yield* singleLayout(flat, df), read: read.length, kept: keptCount };
}

/**
 * The layout's entries as one segment in catalog order (what is saved, and what a merge of the
 * overlay into the base makes): per term, the entries of the procedures in the catalog, renumbered
 * to their positions and sorted by position (stable: field order holds within a procedure).
 */
export function* flatten(layout: IndexLayout): Steps<IndexData> {
  const { segments, positionOf, terms } = layout;
  const n = layout.segmentAt.length;
  if (segments.length === 1 && isIdentity(positionOf[0] as Int32Array, n)) return segments[0] as IndexData;
  const termCount = terms.size;
  let total = 0;
  segments.forEach((s, i) => {
    const at = positionOf[i] as Int32Array;
    for (let e = 0; e < s.entryDoc.length; e++) if ((at[s.entryDoc[e] as number] as number) >= 0) total++;
  });
  yield;
  const out: Flat = {
    layout,
    firstOfTerm: new Int32Array(termCount + 1),
    entryDoc: new Int32Array(total),
    entryInfo: new Int32Array(total),
    n: 0,
  };
  for (let t = 0; t < termCount;) {
    t = flattenTerms(out, t, termCount);
    yield;
  }
  out.firstOfTerm[termCount] = out.n;
  return {
    terms,
    firstOfTerm: out.firstOfTerm,
    entryDoc: out.entryDoc,
    entryInfo: out.entryInfo,
    lengths: layout.lengths.slice(),
    nameWords: layout.nameWords,
    nameHeads: layout.nameHeads,
  };
}

interface Flat {
  layout: IndexLayout;
  firstOfTerm: Int32Array<ArrayBuffer>;
  entryDoc: Int32Array<ArrayBuffer>;
  entryInfo: Int32Array<ArrayBuffer>;
  n: number;
}

function flattenTerms(out: Flat, from: number, termCount: number): number {
  const { segments, positionOf } = out.layout;
  const { firstOfTerm, entryDoc, entryInfo } = out;
  let n = out.n;
  let t = from;
  for (; t < termCount && n - out.n < SLICE; t++) {
    firstOfTerm[t] = n;
    let sorted = true;
    let last = -1;
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s] as IndexData;
      if (t >= seg.firstOfTerm.length - 1) continue;
      const at = positionOf[s] as Int32Array;
      const end = seg.firstOfTerm[t + 1] as number;
      for (let k = seg.firstOfTerm[t] as number; k < end; k++) {
        const p = at[seg.entryDoc[k] as number] as number;
        if (p < 0) continue;
        if (p < last) sorted = false;
        last = p;
        entryDoc[n] = p;
        entryInfo[n++] = seg.entryInfo[k] as number;
      }
    }
    if (!sorted) sortByDoc(entryDoc, entryInfo, firstOfTerm[t] as number, n);
  }
  out.n = n;
  return t;
}

/** Stable sort of entries [from, to) by procedure. */
function sortByDoc(doc: Int32Array, info: Int32Array, from: number, to: number): void {
  const keys = new Float64Array(to - from);
  // position × 2^24 + place: a term has far fewer than 2^24 entries, positions far fewer than 2^28
  for (let i = from; i < to; i++) keys[i - from] = (doc[i] as number) * 16777216 + (i - from);
  keys.sort();
  const infos = info.slice(from, to);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const place = key % 16777216;
    doc[from + i] = (key - place) / 16777216;
    info[from + i] = infos[place] as number;
  }
}

function isIdentity(a: Int32Array, n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== i) return false;
  return true;
}

function joinLengths(parts: readonly Int32Array[]): Int32Array<ArrayBuffer> {
  const out = new Int32Array(parts.length * F);
  parts.forEach((l, i) => out.set(l, i * F));
  return out;
}
