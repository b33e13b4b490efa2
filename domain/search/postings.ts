import type { Steps } from '../../runtime/steps.js';
import type { IndexData } from './index-data.js';
import { FIELD_SPECS, FIELDS, TITLE_FIELDS } from './index-fields.js';

/** The postings of every term, grouped by term id in flat typed arrays (doc order within a term). */
export interface Postings {
  /** Per term id: its postings' start and count in the arrays below. */
  spanStart: Int32Array<ArrayBuffer>;
  spanCount: Int32Array<ArrayBuffer>;
  docs: Int32Array<ArrayBuffer>;
  /** BM25F pseudo term frequency (field weights and length normalisation applied). */
  tf: Float32Array<ArrayBuffer>;
  /** 1 when the term is in the name, result or field. */
  title: Uint8Array<ArrayBuffer>;
  /** Words (not pairs) with at least one posting, in term id order. */
  vocabulary: Set<string>;
}

/** Entries handled between two pauses. */
const SLICE = 1 << 16;

/**
 * Groups the entries by term and applies the BM25F weights, which need the average field
 * lengths over the whole catalog: a field's occurrences weigh weight / (1 − b + b × length /
 * average length), added once per occurrence in procedure then field order.
 */
export function* assemblePostings(data: IndexData): Steps<Postings> {
  const { entryTerm, entryInfo, docStart, lengths } = data;
  const termCount = data.terms.size;
  const docCount = docStart.length - 1;
  const entries = entryTerm.length;
  const F = FIELDS.length;
  const totals = new Float64Array(F);
  for (let i = 0; i < lengths.length; i++) totals[i % F] = (totals[i % F] as number) + (lengths[i] as number);
  // Group the entries by term (a stable counting sort keeps procedure then field order).
  const firstOfTerm = new Int32Array(termCount + 1);
  for (let e = 0; e < entries; e++) {
    const next = (entryTerm[e] as number) + 1;
    firstOfTerm[next] = (firstOfTerm[next] as number) + 1;
  }
  for (let t = 0; t < termCount; t++)
    firstOfTerm[t + 1] = (firstOfTerm[t + 1] as number) + (firstOfTerm[t] as number);
  yield;
  const byTermDoc = new Int32Array(entries);
  const byTermInfo = new Int32Array(entries);
  const fill = firstOfTerm.slice(0, termCount);
  let doc = 0;
  for (let e = 0; e < entries; e++) {
    while ((docStart[doc + 1] as number) <= e) doc++;
    const t = entryTerm[e] as number;
    const at = fill[t] as number;
    fill[t] = at + 1;
    byTermDoc[at] = doc;
    byTermInfo[at] = entryInfo[e] as number;
    if ((e & (SLICE - 1)) === SLICE - 1) yield;
  }
  const weight = FIELDS.map((f) => FIELD_SPECS[f].weight);
  const b = FIELDS.map((f) => FIELD_SPECS[f].b);
  const avg = Array.from(totals, (t) => t / Math.max(1, docCount) || 1);
  const inTitleField = FIELDS.map((f) => TITLE_FIELDS.has(f));
  const spanStart = new Int32Array(termCount);
  const spanCount = new Int32Array(termCount);
  const docs = new Int32Array(entries);
  const tfs = new Float32Array(entries);
  const titles = new Uint8Array(entries);
  const vocabulary = new Set<string>();
  let out = 0;
  let sinceYield = 0;
  for (let t = 0; t < termCount; t++) {
    spanStart[t] = out;
    let d = -1;
    let tf = 0;
    let inTitle = false;
    const end = firstOfTerm[t + 1] as number;
    for (let k = firstOfTerm[t] as number; k < end; k++) {
      const kd = byTermDoc[k] as number;
      if (kd !== d) {
        if (d >= 0) {
          docs[out] = d;
          tfs[out] = tf;
          titles[out++] = inTitle ? 1 : 0;
        }
        d = kd;
        tf = 0;
        inTitle = false;
      }
      const info = byTermInfo[k] as number;
      const f = info & 7;
      const bf = b[f] as number;
      const norm =
        (weight[f] as number) / (1 - bf + (bf * (lengths[kd * F + f] as number)) / (avg[f] as number));
      // Added once per occurrence, as a running sum over the text would.
      for (let n = info >> 3; n > 0; n--) tf += norm;
      if (inTitleField[f]) inTitle = true;
    }
    if (d >= 0) {
      docs[out] = d;
      tfs[out] = tf;
      titles[out++] = inTitle ? 1 : 0;
    }
    spanCount[t] = out - (spanStart[t] as number);
    const word = data.terms.words[t] as string;
    if (word !== '' && (spanCount[t] as number) > 0) vocabulary.add(word);
    sinceYield += end - (firstOfTerm[t] as number);
    if (sinceYield >= SLICE) {
      sinceYield = 0;
      yield;
    }
  }
  return {
    spanStart,
    spanCount,
    docs: docs.slice(0, out),
    tf: tfs.slice(0, out),
    title: titles.slice(0, out),
    vocabulary,
  };
}
