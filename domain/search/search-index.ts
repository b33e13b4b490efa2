import type { Procedure } from '../catalog/procedure.js';
import { foldTokens } from './normalize.js';
import { ADMIN_ABBREVIATIONS, MIN_TYPO_LENGTH, STOPWORDS } from './lexicon.js';
import { FoldedWords, SEGMENT_BREAK, type SegmentBreaks } from './folded-words.js';
import { PairIds } from './pair-ids.js';
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

export interface Posting {
  doc: number;
  /** BM25F pseudo term frequency (field weights and length normalisation applied). */
  tf: number;
  /** True when the term is in the name, result or field (used for coverage). */
  title: boolean;
}

/** Each field's texts and where their segments end (list items, sentences): word pairs never span two. */
function fieldTexts(p: Procedure): Record<FieldName, { texts: readonly string[]; breaks: SegmentBreaks }> {
  return {
    name: { texts: [p.name], breaks: 'none' },
    result: { texts: [p.result], breaks: 'list' },
    field: { texts: [p.field], breaks: 'none' },
    documents: { texts: p.documents.map((d) => d.name), breaks: 'sentences' },
    steps: { texts: p.steps, breaks: 'sentences' },
    conditions: { texts: [p.conditions], breaks: 'sentences' },
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

/** Drops "Thủ tục" / "TTHC", which open most names and say nothing about which procedure it is. */
function stripNamePrefix(words: string[]): string[] {
  if (words[0] === 'thu' && words[1] === 'tuc') return words.slice(2);
  if (words[0] === 'tthc') return words.slice(1);
  return words;
}

/** Where the qualifying part of a procedure name starts (matched on the accented text). */
const QUALIFIER = /\s(?:đối với|trong|theo|tại|cho|của|từ|khi|do|thuộc|bằng|nếu|để)\s|[,;:(–]|\s-\s/u;

/** The content words of a name's head: "Chứng thực chữ ký trong các giấy tờ" → chung thuc chu ky. */
export function nameHead(name: string): string[] {
  const lower = name.normalize('NFC').toLowerCase();
  const cut = QUALIFIER.exec(lower);
  const head = cut ? lower.slice(0, cut.index) : lower;
  const words = expandAbbreviations(stripNamePrefix(foldTokens(head)));
  return [...new Set(words.filter((w) => w !== '' && !STOPWORDS.has(w)))];
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

/** Growable typed arrays for the build's scratch lists. */
function grownInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class SearchIndex {
  readonly docs: readonly Procedure[];
  /** Unigrams that occur anywhere in the catalog. */
  readonly vocabulary = new Set<string>();
  readonly typos: TypoIndex;
  /** Distinct content words of each name (no stopwords), for name-precision scoring. */
  readonly nameWords: string[][] = [];
  /** Content words of each name's head, before qualifiers ("đối với ...", "trong ...", "(...)"). */
  readonly nameHeads: string[][] = [];
  /** Word → term id. Words and word pairs share one dense id space. */
  private readonly wordIds = new Map<string, number>();
  /** Term id → the word ('' for a word pair). */
  private readonly words: string[] = [];
  /** (first word's term id, second word's term id) → the pair's term id. */
  private readonly pairIds = new PairIds();
  /** Per term id: its postings' start and count in the flat arrays below. */
  private readonly spanStart: Int32Array;
  private readonly spanCount: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingTf: Float32Array;
  private readonly postingTitle: Uint8Array;
  private readonly k1 = 1.2;

  /**
   * One pass over the text: each (procedure, field, term) gets its count as the words are read;
   * the BM25F weights need the average field lengths, so they are applied afterwards to those
   * counts (numbers only), while grouping them by term into flat typed arrays.
   */
  constructor(procedures: readonly Procedure[]) {
    this.docs = procedures;
    const folded = new FoldedWords();
    /** Per term id: 1 for a stopword. */
    let stop = new Uint8Array(1 << 14);
    /** Per folded word number: its term ids after abbreviation expansion (set when first indexed). */
    const idsOf: (readonly number[] | undefined)[] = [];
    const termsOfWord = (n: number): readonly number[] => {
      let ids = idsOf[n];
      if (ids === undefined) {
        const word = folded.words[n] as string;
        const full = ADMIN_ABBREVIATIONS[word];
        ids = (full ? full.split(' ') : [word]).map((w) => {
          const id = this.wordId(w);
          if (id >= stop.length) {
            const grown = new Uint8Array(Math.max(id + 1, stop.length * 2));
            grown.set(stop);
            stop = grown;
          }
          if (STOPWORDS.has(w)) stop[id] = 1;
          return id;
        });
        idsOf[n] = ids;
      }
      return ids;
    };
    // Entries: one per (procedure, field, term), in procedure then field order.
    let eTerm = new Int32Array(1 << 16);
    let eDoc = new Int32Array(1 << 16);
    let eInfo = new Int32Array(1 << 16); // count × 8 + field index
    let entries = 0;
    /** Per term id, side by side: the (procedure, field) it was last met in, and that entry. */
    let seen = new Int32Array(2 << 14).fill(-1);
    const lengths = new Int32Array(procedures.length * FIELDS.length);
    const totals = new Float64Array(FIELDS.length);
    const read: number[] = [];
    const add = (term: number, stamp: number, doc: number, f: number): void => {
      if (2 * term >= seen.length) {
        const s = new Int32Array(Math.max(2 * term + 2, seen.length * 2)).fill(-1);
        s.set(seen);
        seen = s;
      }
      if (seen[2 * term] === stamp) {
        const at = seen[2 * term + 1] as number;
        eInfo[at] = (eInfo[at] as number) + 8;
        return;
      }
      if (entries === eTerm.length) {
        eTerm = grownInt32(eTerm, entries + 1);
        eDoc = grownInt32(eDoc, entries + 1);
        eInfo = grownInt32(eInfo, entries + 1);
      }
      seen[2 * term] = stamp;
      seen[2 * term + 1] = entries;
      eTerm[entries] = term;
      eDoc[entries] = doc;
      eInfo[entries] = 8 + f;
      entries++;
    };
    procedures.forEach((p, doc) => {
      const texts = fieldTexts(p);
      for (let f = 0; f < FIELDS.length; f++) {
        const field = FIELDS[f] as FieldName;
        const stamp = doc * FIELDS.length + f;
        const { texts: fieldText, breaks } = texts[field];
        read.length = 0;
        for (const text of fieldText) {
          if (read.length > 0 && read[read.length - 1] !== SEGMENT_BREAK) read.push(SEGMENT_BREAK);
          folded.read(text, breaks, read);
        }
        let from = 0;
        if (field === 'name') {
          // "Thủ tục" / "TTHC" opening a name says nothing about which procedure it is.
          const w0 = read[0] === undefined ? '' : folded.words[read[0]];
          const w1 = read[1] === undefined || read[1] < 0 ? '' : folded.words[read[1]];
          if (w0 === 'thu' && w1 === 'tuc') from = 2;
          else if (w0 === 'tthc') from = 1;
        }
        let length = 0;
        let prev = -1;
        const names = field === 'name' ? new Set<string>() : undefined;
        for (let i = from; i < read.length; i++) {
          const n = read[i] as number;
          if (n === SEGMENT_BREAK) {
            prev = -1;
            continue;
          }
          const ids = termsOfWord(n);
          for (let k = 0; k < ids.length; k++) {
            const a = ids[k] as number;
            length++;
            add(a, stamp, doc, f);
            if (names && stop[a] === 0) names.add(this.words[a] as string);
            if (prev >= 0 && (stop[prev] === 0 || stop[a] === 0)) add(this.pairId(prev, a), stamp, doc, f);
            prev = a;
          }
        }
        if (names) this.nameWords[doc] = [...names];
        lengths[stamp] = length;
        totals[f] = (totals[f] ?? 0) + length;
      }
      this.nameHeads[doc] = nameHead(p.name);
    });
    this.spanStart = new Int32Array(this.words.length);
    this.spanCount = new Int32Array(this.words.length);
    // Group the entries by term (a stable counting sort keeps procedure then field order).
    const firstOfTerm = new Int32Array(this.words.length + 1);
    for (let e = 0; e < entries; e++) {
      const next = (eTerm[e] as number) + 1;
      firstOfTerm[next] = (firstOfTerm[next] as number) + 1;
    }
    for (let t = 0; t < this.words.length; t++) {
      firstOfTerm[t + 1] = (firstOfTerm[t + 1] as number) + (firstOfTerm[t] as number);
    }
    // Scattered in entry order (the reads stay sequential), each term's entries then lie together.
    const byTermDoc = new Int32Array(entries);
    const byTermInfo = new Int32Array(entries);
    const fill = firstOfTerm.slice(0, this.words.length);
    for (let e = 0; e < entries; e++) {
      const t = eTerm[e] as number;
      const at = fill[t] as number;
      fill[t] = at + 1;
      byTermDoc[at] = eDoc[e] as number;
      byTermInfo[at] = eInfo[e] as number;
    }
    // BM25F: a field's occurrences weigh weight / (1 − b + b × length / average length).
    const weight = FIELDS.map((f) => FIELD_SPECS[f].weight);
    const b = FIELDS.map((f) => FIELD_SPECS[f].b);
    const avg = Array.from(totals, (t) => t / Math.max(1, procedures.length) || 1);
    const title = FIELDS.map((f) => TITLE_FIELDS.has(f));
    const docs = new Int32Array(entries);
    const tfs = new Float32Array(entries);
    const titles = new Uint8Array(entries);
    let out = 0;
    for (let t = 0; t < this.words.length; t++) {
      this.spanStart[t] = out;
      let doc = -1;
      let tf = 0;
      let inTitle = false;
      for (let k = firstOfTerm[t] as number; k < (firstOfTerm[t + 1] as number); k++) {
        const d = byTermDoc[k] as number;
        if (d !== doc) {
          if (doc >= 0) {
            docs[out] = doc;
            tfs[out] = tf;
            titles[out++] = inTitle ? 1 : 0;
          }
          doc = d;
          tf = 0;
          inTitle = false;
        }
        const info = byTermInfo[k] as number;
        const f = info & 7;
        const bf = b[f] as number;
        const norm =
          (weight[f] as number) /
          (1 - bf + (bf * (lengths[d * FIELDS.length + f] as number)) / (avg[f] as number));
        // Added once per occurrence, as a running sum over the text would.
        for (let n = info >> 3; n > 0; n--) tf += norm;
        if (title[f]) inTitle = true;
      }
      if (doc >= 0) {
        docs[out] = doc;
        tfs[out] = tf;
        titles[out++] = inTitle ? 1 : 0;
      }
      this.spanCount[t] = out - (this.spanStart[t] as number);
    }
    this.postingDocs = docs.slice(0, out);
    this.postingTf = tfs.slice(0, out);
    this.postingTitle = titles.slice(0, out);
    for (const w of this.wordIds.keys()) this.vocabulary.add(w);
    this.typos = new TypoIndex(this.vocabulary, MIN_TYPO_LENGTH);
  }

  private wordId(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  private pairId(a: number, b: number): number {
    const next = this.words.length;
    const id = this.pairIds.getOrAdd(a, b, next);
    if (id === next) this.words.push('');
    return id;
  }

  /** The term id of a word or word pair ("khai", "khai sinh"), undefined when the catalog never uses it. */
  private termId(term: string): number | undefined {
    const space = term.indexOf(' ');
    if (space < 0) return this.wordIds.get(term);
    const a = this.wordIds.get(term.slice(0, space));
    const b = this.wordIds.get(term.slice(space + 1));
    return a === undefined || b === undefined ? undefined : this.pairIds.get(a, b);
  }

  private span(term: string): { start: number; count: number } {
    const id = this.termId(term);
    if (id === undefined) return { start: 0, count: 0 };
    return { start: this.spanStart[id] as number, count: this.spanCount[id] as number };
  }

  /** Number of procedures containing `term` (a word or a word pair). */
  df(term: string): number {
    return this.span(term).count;
  }

  /** Calls `fn` for every procedure containing `term`, in document order. */
  eachPosting(term: string, fn: (doc: number, tf: number, title: boolean) => void): void {
    const { start, count } = this.span(term);
    for (let i = start; i < start + count; i++) {
      fn(this.postingDocs[i] as number, this.postingTf[i] as number, this.postingTitle[i] === 1);
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

  /** The posting of `term` for `doc`, if the procedure contains it (binary search). */
  posting(term: string, doc: number): Posting | undefined {
    const { start, count } = this.span(term);
    let lo = start;
    let hi = start + count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.postingDocs[mid] as number;
      if (d === doc) return { doc, tf: this.postingTf[mid] as number, title: this.postingTitle[mid] === 1 };
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(term: string): boolean {
    return this.df(term) > 0;
  }
}
