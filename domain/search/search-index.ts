import type { Procedure } from '../catalog/procedure.js';
import { foldText, foldTokens } from './normalize.js';
import { ADMIN_ABBREVIATIONS, MIN_TYPO_LENGTH, STOPWORDS } from './lexicon.js';
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

/** Each field as segments (list items, sentences): word pairs never span two segments. */
function fieldTexts(p: Procedure): Record<FieldName, string[]> {
  const sentences = (text: string): string[] => text.split(/[.;:!?\n]\s/);
  return {
    name: [p.name],
    result: p.result.split('; '),
    field: [p.field],
    documents: p.documents.flatMap((d) => sentences(d.name)),
    steps: p.steps.flatMap(sentences),
    conditions: sentences(p.conditions),
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

/** Pair keys live above every word id (vocabularies stay far below 2^20 syllables). */
const PAIR = 2 ** 20;
/** Packs a posting span as start × SPAN + count (counts are at most the number of procedures). */
const SPAN = 2 ** 22;

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Per UTF-16 code unit: 0 not yet looked at, 1 letter / mark / digit, 2 separator. */
const UNIT_KIND = new Uint8Array(0x10000);

function isWordAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdfff) {
    return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) ?? code));
  }
  let k = UNIT_KIND[code];
  if (k === 0) {
    k = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    UNIT_KIND[code] = k;
  }
  return k === 1;
}

/**
 * The lower-cased words of `text`, split on what is not a letter, mark or digit: the same as
 * `text.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u)` without empty strings, but each UTF-16
 * unit's class is looked up in a table once instead of a Unicode-property regex running over
 * the catalog's 9 million characters (most of the index build).
 */
export function splitWords(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    // A surrogate pair is one character, classified by its code point.
    const pair = code >= 0xd800 && code <= 0xdbff && (lower.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const word = isWordAt(lower, i);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      out.push(lower.slice(start, i));
      start = -1;
    }
    if (pair) i++;
  }
  if (start >= 0) out.push(lower.slice(start));
  return out;
}

/** Folds raw words once each: catalogs repeat the same few thousand syllables. */
class WordFolder {
  private readonly cache = new Map<string, string>();

  tokens(text: string): string[] {
    const out: string[] = [];
    for (const raw of splitWords(text)) {
      let folded = this.cache.get(raw);
      if (folded === undefined) {
        folded = foldText(raw).replace(/ /g, '');
        this.cache.set(raw, folded);
      }
      if (folded !== '') out.push(folded);
    }
    return out;
  }
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
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  /** Term key → start × SPAN + count in the flat posting arrays below. */
  private readonly spans = new Map<number, number>();
  private readonly postingDocs: Int32Array;
  private readonly postingTf: Float32Array;
  private readonly postingTitle: Uint8Array;
  private readonly k1 = 1.2;

  constructor(procedures: readonly Procedure[]) {
    this.docs = procedures;
    const folder = new WordFolder();
    // Pass 1: word ids of every field (one list per sentence or list item: no pair across them).
    const tokenized = procedures.map((p, doc) => {
      const texts = fieldTexts(p);
      const fields = {} as Record<FieldName, number[][]>;
      for (const f of FIELDS) {
        fields[f] = texts[f].map((segment) => {
          let words = folder.tokens(segment);
          if (f === 'name') words = stripNamePrefix(words);
          return expandAbbreviations(words).map((w) => this.wordId(w));
        });
      }
      this.nameWords[doc] = [
        ...new Set(
          fields.name
            .flat()
            .map((id) => this.wordOf(id))
            .filter((w) => !STOPWORDS.has(w)),
        ),
      ];
      this.nameHeads[doc] = nameHead(p.name);
      return fields;
    });
    const stop = new Set([...STOPWORDS].map((w) => this.wordIds.get(w)).filter((id) => id !== undefined));
    const lengthOf = (segments: number[][]): number => segments.reduce((n, s) => n + s.length, 0);
    const avg = {} as Record<FieldName, number>;
    for (const f of FIELDS) {
      avg[f] = tokenized.reduce((n, d) => n + lengthOf(d[f]), 0) / Math.max(1, procedures.length) || 1;
    }
    // Pass 2: BM25F pseudo term frequencies, one entry per (term, procedure), in document order.
    const eKey: number[] = [];
    const eDoc: number[] = [];
    const eTf: number[] = [];
    const eTitle: boolean[] = [];
    tokenized.forEach((fields, doc) => {
      const tf = new Map<number, number>();
      const title = new Set<number>();
      for (const f of FIELDS) {
        const { weight, b } = FIELD_SPECS[f];
        const norm = weight / (1 - b + (b * lengthOf(fields[f])) / avg[f]);
        const inTitle = TITLE_FIELDS.has(f);
        for (const ids of fields[f]) {
          for (let i = 0; i < ids.length; i++) {
            const a = ids[i] as number;
            tf.set(a, (tf.get(a) ?? 0) + norm);
            if (inTitle) title.add(a);
            const b2 = ids[i + 1];
            if (b2 === undefined || (stop.has(a) && stop.has(b2))) continue;
            const pair = (a + 1) * PAIR + b2;
            tf.set(pair, (tf.get(pair) ?? 0) + norm);
            if (inTitle) title.add(pair);
          }
        }
      }
      for (const [key, value] of tf) {
        eKey.push(key);
        eDoc.push(doc);
        eTf.push(value);
        eTitle.push(title.has(key));
      }
    });
    // Pass 3: pack them into flat typed arrays grouped by term (a few MiB instead of objects).
    const counts = new Map<number, number>();
    for (const key of eKey) counts.set(key, (counts.get(key) ?? 0) + 1);
    const cursor = new Map<number, number>();
    let offset = 0;
    for (const [key, count] of counts) {
      this.spans.set(key, offset * SPAN + count);
      cursor.set(key, offset);
      offset += count;
    }
    this.postingDocs = new Int32Array(offset);
    this.postingTf = new Float32Array(offset);
    this.postingTitle = new Uint8Array(offset);
    for (let i = 0; i < eKey.length; i++) {
      const key = eKey[i] as number;
      const at = cursor.get(key) as number;
      cursor.set(key, at + 1);
      this.postingDocs[at] = eDoc[i] as number;
      this.postingTf[at] = eTf[i] as number;
      this.postingTitle[at] = eTitle[i] ? 1 : 0;
    }
    for (const w of this.wordIds.keys()) this.vocabulary.add(w);
    this.typos = new TypoIndex(this.vocabulary, MIN_TYPO_LENGTH);
  }

  private wordId(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.wordIds.size;
      this.wordIds.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  private wordOf(id: number): string {
    return this.words[id] ?? '';
  }

  /** The key of a term ("khai" or "khai sinh"), undefined when the catalog never uses it. */
  private keyOf(term: string): number | undefined {
    const space = term.indexOf(' ');
    if (space < 0) return this.wordIds.get(term);
    const a = this.wordIds.get(term.slice(0, space));
    const b = this.wordIds.get(term.slice(space + 1));
    return a === undefined || b === undefined ? undefined : (a + 1) * PAIR + b;
  }

  private span(term: string): { start: number; count: number } {
    const key = this.keyOf(term);
    const packed = key === undefined ? undefined : this.spans.get(key);
    if (packed === undefined) return { start: 0, count: 0 };
    return { start: Math.floor(packed / SPAN), count: packed % SPAN };
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
