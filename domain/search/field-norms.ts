import { FIELD_SPECS, FIELDS, TITLE_FIELDS } from './index-fields.js';

const F = FIELDS.length;
const WEIGHT = Float64Array.from(FIELDS, (f) => FIELD_SPECS[f].weight);
const B = Float64Array.from(FIELDS, (f) => FIELD_SPECS[f].b);
/** Per field index: 1 when a term there is a title match (name, result, field). */
export const IN_TITLE = Uint8Array.from(FIELDS, (f) => (TITLE_FIELDS.has(f) ? 1 : 0));

/**
 * BM25F per (procedure, field): what one occurrence of a term there weighs, weight / (1 − b +
 * b × length / average length), the averages taken over the whole catalog. `lengths`: per
 * procedure, FIELDS.length word counts. A few numbers per procedure, worked out anew for each
 * catalog version (a delta changes the averages), so the postings themselves never need it.
 */
export function fieldNorms(lengths: Int32Array): Float64Array<ArrayBuffer> {
  const docs = lengths.length / F;
  const totals = new Float64Array(F);
  for (let i = 0; i < lengths.length; i++) totals[i % F] = (totals[i % F] as number) + (lengths[i] as number);
  const avg = Float64Array.from(totals, (t) => t / Math.max(1, docs) || 1);
  const norms = new Float64Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const f = i % F;
    const bf = B[f] as number;
    norms[i] = (WEIGHT[f] as number) / (1 - bf + (bf * (lengths[i] as number)) / (avg[f] as number));
  }
  return norms;
}
