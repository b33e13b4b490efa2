import type { Steps } from '../../runtime/steps.js';
import type { Procedure } from '../catalog/procedure.js';
import { DocReader, type DocTerms } from './doc-reader.js';
import { FIELDS } from './index-fields.js';
import { IndexTerms } from './index-terms.js';

/**
 * What a search index is made from, and what is saved of it: per procedure (catalog order) its
 * entries — one per (field, term): the term's id and `count × 8 + field index` — its field
 * lengths and its name's words, over one term table. The postings (BM25F weights grouped by
 * term) are worked out from it (postings.ts); a catalog update replaces the entries of the
 * procedures it changes and keeps the others' as they are.
 */
export interface IndexData {
  readonly terms: IndexTerms;
  /** Per procedure: where its entries start; one more value, the end. */
  readonly docStart: Int32Array<ArrayBuffer>;
  readonly entryTerm: Int32Array<ArrayBuffer>;
  readonly entryInfo: Int32Array<ArrayBuffer>;
  /** Per procedure, FIELDS.length word counts. */
  readonly lengths: Int32Array<ArrayBuffer>;
  readonly nameWords: readonly (readonly string[])[];
  readonly nameHeads: readonly (readonly string[])[];
}

/** Where each procedure's entries come from when an index is (re)made. */
type Source = { doc: DocTerms } | { old: number };

/** The entries of every procedure of a catalog, read from scratch. */
export function* buildIndexData(procedures: readonly Procedure[]): Steps<IndexData> {
  const terms = new IndexTerms();
  const reader = new DocReader(terms);
  const sources: Source[] = [];
  for (const p of procedures) {
    sources.push({ doc: reader.readDoc(p) });
    yield;
  }
  return gather(terms, sources, undefined);
}

/**
 * The entries for `next`, a new version of the catalog `data` was made from (`docs`, in its
 * order): procedures that are the very same objects keep their entries, the others are read. The
 * term table is shared (it only grows), so the result is what buildIndexData(next) gives up to
 * the numbering of the terms.
 */
export function* updateIndexData(
  data: IndexData,
  docs: readonly Procedure[],
  next: readonly Procedure[],
): Steps<{ data: IndexData; read: number; kept: number }> {
  const before = new Map<Procedure, number>();
  docs.forEach((p, i) => before.set(p, i));
  const reader = new DocReader(data.terms);
  const sources: Source[] = [];
  let read = 0;
  for (const p of next) {
    const old = before.get(p);
    if (old !== undefined) sources.push({ old });
    else {
      sources.push({ doc: reader.readDoc(p) });
      read++;
      yield;
    }
  }
  return { data: gather(data.terms, sources, data), read, kept: next.length - read };
}

/** Lays the procedures' entries out side by side, in catalog order. */
function gather(terms: IndexTerms, sources: readonly Source[], old: IndexData | undefined): IndexData {
  const n = sources.length;
  const docStart = new Int32Array(n + 1);
  let total = 0;
  sources.forEach((s, i) => {
    docStart[i] = total;
    if ('doc' in s) total += s.doc.terms.length;
    else if (old) total += (old.docStart[s.old + 1] as number) - (old.docStart[s.old] as number);
  });
  docStart[n] = total;
  const entryTerm = new Int32Array(total);
  const entryInfo = new Int32Array(total);
  const lengths = new Int32Array(n * FIELDS.length);
  const nameWords: (readonly string[])[] = [];
  const nameHeads: (readonly string[])[] = [];
  const F = FIELDS.length;
  sources.forEach((s, i) => {
    const at = docStart[i] as number;
    if ('doc' in s) {
      entryTerm.set(s.doc.terms, at);
      entryInfo.set(s.doc.info, at);
      lengths.set(s.doc.lengths, i * F);
      nameWords.push(s.doc.nameWords);
      nameHeads.push(s.doc.nameHead);
    } else if (old) {
      const from = old.docStart[s.old] as number;
      const to = old.docStart[s.old + 1] as number;
      entryTerm.set(old.entryTerm.subarray(from, to), at);
      entryInfo.set(old.entryInfo.subarray(from, to), at);
      lengths.set(old.lengths.subarray(s.old * F, s.old * F + F), i * F);
      nameWords.push(old.nameWords[s.old] ?? []);
      nameHeads.push(old.nameHeads[s.old] ?? []);
    }
  });
  return { terms, docStart, entryTerm, entryInfo, lengths, nameWords, nameHeads };
}
