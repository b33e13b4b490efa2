import type { Steps } from '../../runtime/steps.js';
import { docCount, type IndexData } from './index-data.js';
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

const F = FIELDS.length;
const WEIGHT = Float64Array.from(FIELDS, (f) => FIELD_SPECS[f].weight);
const B = Float64Array.from(FIELDS, (f) => FIELD_SPECS[f].b);
const IN_TITLE = Uint8Array.from(FIELDS, (f) => (TITLE_FIELDS.has(f) ? 1 : 0));

/** The posting arrays being filled, term by term. */
interface Out {
  spanStart: Int32Array<ArrayBuffer>;
  spanCount: Int32Array<ArrayBuffer>;
  docs: Int32Array<ArrayBuffer>;
  tf: Float32Array<ArrayBuffer>;
  title: Uint8Array<ArrayBuffer>;
  avg: Float64Array<ArrayBuffer>;
  n: number;
}

/**
 * Applies the BM25F weights to the entries, which need the average field lengths over the whole
 * catalog: a field's occurrences weigh weight / (1 − b + b × length / average length), added once
 * per occurrence in procedure then field order. The loop lives in a plain function run over
 * slices (V8 optimises that; a generator's own loops it does not).
 */
export function* assemblePostings(data: IndexData): Steps<Postings> {
  const { lengths } = data;
  const termCount = data.terms.size;
  const entries = data.entryDoc.length;
  const docs = docCount(data);
  const totals = new Float64Array(F);
  for (let i = 0; i < lengths.length; i++) totals[i % F] = (totals[i % F] as number) + (lengths[i] as number);
  const out: Out = {
    spanStart: new Int32Array(termCount),
    spanCount: new Int32Array(termCount),
    docs: new Int32Array(entries),
    tf: new Float32Array(entries),
    title: new Uint8Array(entries),
    avg: Float64Array.from(totals, (t) => t / Math.max(1, docs) || 1),
    n: 0,
  };
  for (let t = 0; t < termCount;) {
    t = weigh(data, out, t, termCount);
    yield;
  }
  const vocabulary = new Set<string>();
  const words = data.terms.words;
  for (let t = 0; t < termCount; t++) {
    const word = words[t] as string;
    if (word !== '' && (out.spanCount[t] as number) > 0) vocabulary.add(word);
  }
  return {
    spanStart: out.spanStart,
    spanCount: out.spanCount,
    docs: out.docs.slice(0, out.n),
    tf: out.tf.slice(0, out.n),
    title: out.title.slice(0, out.n),
    vocabulary,
  };
}

/** Writes the postings of terms from `t` on, about SLICE entries' worth; returns the next term. */
function weigh(data: IndexData, out: Out, from: number, termCount: number): number {
  const { firstOfTerm, entryDoc: byDoc, entryInfo: byInfo, lengths } = data;
  const { spanStart, spanCount, docs, tf: tfs, title: titles, avg } = out;
  let n = out.n;
  let done = 0;
  let t = from;
  for (; t < termCount && done < SLICE; t++) {
    spanStart[t] = n;
    let d = -1;
    let tf = 0;
    let inTitle = 0;
    const start = t < firstOfTerm.length - 1 ? (firstOfTerm[t] as number) : 0;
    const end = t < firstOfTerm.length - 1 ? (firstOfTerm[t + 1] as number) : 0;
    for (let k = start; k < end; k++) {
      const kd = byDoc[k] as number;
      if (kd !== d) {
        if (d >= 0) {
          docs[n] = d;
          tfs[n] = tf;
          titles[n++] = inTitle;
        }
        d = kd;
        tf = 0;
        inTitle = 0;
      }
      const info = byInfo[k] as number;
      const f = info & 7;
      const bf = B[f] as number;
      const norm =
        (WEIGHT[f] as number) / (1 - bf + (bf * (lengths[kd * F + f] as number)) / (avg[f] as number));
      // Added once per occurrence, as a running sum over the text would.
      for (let c = info >> 3; c > 0; c--) tf += norm;
      inTitle |= IN_TITLE[f] as number;
    }
    if (d >= 0) {
      docs[n] = d;
      tfs[n] = tf;
      titles[n++] = inTitle;
    }
    spanCount[t] = n - (spanStart[t] as number);
    done += end - start;
  }
  out.n = n;
  return t;
}
