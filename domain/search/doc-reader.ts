import type { Procedure } from '../catalog/procedure.js';
import { FoldedWords, SEGMENT_BREAK, type SegmentBreaks } from './folded-words.js';
import { ADMIN_ABBREVIATIONS } from './lexicon.js';
import type { IndexTerms } from './index-terms.js';
import { FIELDS, type FieldName } from './index-fields.js';
import { nameHead } from './name-words.js';

/**
 * What the index keeps of one procedure: one entry per (field, term) in field order, each the
 * term's id and `count × 8 + field index`, the field lengths in words, and the name's words.
 */
export interface DocTerms {
  terms: Int32Array<ArrayBuffer>;
  info: Int32Array<ArrayBuffer>;
  /** Words per field, in FIELDS order. */
  lengths: Int32Array<ArrayBuffer>;
  /** Distinct content words of the name (no stopwords), for name-precision scoring. */
  nameWords: string[];
  /** Content words of the name's head, before qualifiers ("đối với ...", "(...)"). */
  nameHead: string[];
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

/**
 * Reads procedures into their index entries, numbering new words and word pairs in `terms`.
 * A folded word's term ids (after abbreviation expansion) are worked out once per reader.
 */
export class DocReader {
  private readonly folded = new FoldedWords();
  /** Per folded word number: its term ids after abbreviation expansion (set when first met). */
  private readonly idsOf: (readonly number[] | undefined)[] = [];
  /** Per term id: the (field) stamp it was last met in, and that entry's position. */
  private seen = new Int32Array(2 << 14).fill(-1);
  private stamp = 0;
  private eTerm = new Int32Array(1 << 12);
  private eInfo = new Int32Array(1 << 12);
  private readonly read: number[] = [];

  constructor(private readonly terms: IndexTerms) {}

  private termsOfWord(n: number): readonly number[] {
    let ids = this.idsOf[n];
    if (ids === undefined) {
      const word = this.folded.words[n] as string;
      const full = ADMIN_ABBREVIATIONS[word];
      ids = (full ? full.split(' ') : [word]).map((w) => this.terms.wordId(w));
      this.idsOf[n] = ids;
    }
    return ids;
  }

  /** The entries of one procedure, in field order then first occurrence. */
  readDoc(p: Procedure): DocTerms {
    const texts = fieldTexts(p);
    const lengths = new Int32Array(FIELDS.length);
    const terms = this.terms;
    const read = this.read;
    let entries = 0;
    let nameWords: string[] = [];
    const add = (term: number, f: number): void => {
      if (2 * term >= this.seen.length) {
        const s = new Int32Array(Math.max(2 * term + 2, this.seen.length * 2)).fill(-1);
        s.set(this.seen);
        this.seen = s;
      }
      const seen = this.seen;
      if (seen[2 * term] === this.stamp) {
        const at = seen[2 * term + 1] as number;
        this.eInfo[at] = (this.eInfo[at] as number) + 8;
        return;
      }
      if (entries === this.eTerm.length) {
        const t = new Int32Array(entries * 2);
        t.set(this.eTerm);
        this.eTerm = t;
        const i = new Int32Array(entries * 2);
        i.set(this.eInfo);
        this.eInfo = i;
      }
      seen[2 * term] = this.stamp;
      seen[2 * term + 1] = entries;
      this.eTerm[entries] = term;
      this.eInfo[entries] = 8 + f;
      entries++;
    };
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f] as FieldName;
      // A new stamp per field: an entry counts one term in one field.
      this.stamp = (this.stamp + 1) | 0;
      if (this.stamp < 0) {
        this.seen.fill(-1);
        this.stamp = 0;
      }
      const { texts: fieldText, breaks } = texts[field];
      read.length = 0;
      for (const text of fieldText) {
        if (read.length > 0 && read[read.length - 1] !== SEGMENT_BREAK) read.push(SEGMENT_BREAK);
        this.folded.read(text, breaks, read);
      }
      let from = 0;
      if (field === 'name') {
        // "Thủ tục" / "TTHC" opening a name says nothing about which procedure it is.
        const w0 = read[0] === undefined ? '' : this.folded.words[read[0]];
        const w1 = read[1] === undefined || read[1] < 0 ? '' : this.folded.words[read[1]];
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
        const ids = this.termsOfWord(n);
        for (let k = 0; k < ids.length; k++) {
          const a = ids[k] as number;
          length++;
          add(a, f);
          if (names && !terms.isStop(a)) names.add(terms.words[a] as string);
          if (prev >= 0 && (!terms.isStop(prev) || !terms.isStop(a))) add(terms.pairId(prev, a), f);
          prev = a;
        }
      }
      if (names) nameWords = [...names];
      lengths[f] = length;
    }
    return {
      terms: this.eTerm.slice(0, entries),
      info: this.eInfo.slice(0, entries),
      lengths,
      nameWords,
      nameHead: nameHead(p.name),
    };
  }
}

const readers = new WeakMap<IndexTerms, DocReader>();

/**
 * The reader of a term table, kept with it: a catalog update reads its procedures with the words
 * already folded and expanded when the catalog was built (a new reader would fold every word of
 * them again). readDoc runs at once, so sharing it between builds and updates is safe.
 */
export function readerFor(terms: IndexTerms): DocReader {
  let reader = readers.get(terms);
  if (!reader) {
    reader = new DocReader(terms);
    readers.set(terms, reader);
  }
  return reader;
}
