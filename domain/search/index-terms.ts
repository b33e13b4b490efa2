import { MIN_TYPO_LENGTH, STOPWORDS } from './lexicon.js';
import { PairIds } from './pair-ids.js';
import { TypoTable } from './typo.js';

/**
 * The index's term table: words and word pairs numbered in one dense id space, in the order
 * they were first read. It only ever grows, so the ids an index holds stay valid when a catalog
 * update adds words (an index simply has no postings for ids past its own end).
 */
export class IndexTerms {
  private readonly typoTable = new TypoTable(MIN_TYPO_LENGTH);

  constructor(
    /** Term id → the word ('' for a word pair). */
    readonly words: string[] = [],
    /** (first word's term id, second word's term id) → the pair's term id. */
    readonly pairIds: PairIds = new PairIds(),
    /** Word → term id. */
    private readonly wordIds: Map<string, number> = new Map(),
    /** Per term id: 1 for a stopword. */
    private stops: Uint8Array = new Uint8Array(1 << 14),
  ) {}

  get size(): number {
    return this.words.length;
  }

  /** The typo neighbourhoods of every word numbered so far (shared by the indexes of this table). */
  typos(): TypoTable {
    return this.typoTable.addFrom(this.words);
  }

  /** Whether the term with this id is a stopword. */
  isStop(id: number): boolean {
    return this.stops[id] === 1;
  }

  /** The id of a word, numbering it when new. */
  wordId(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(word, id);
      this.words.push(word);
      this.markStop(id, STOPWORDS.has(word));
    }
    return id;
  }

  /** The id of a word pair of two term ids, numbering it when new. */
  pairId(a: number, b: number): number {
    const next = this.words.length;
    const id = this.pairIds.getOrAdd(a, b, next);
    if (id === next) {
      this.words.push('');
      this.markStop(id, false);
    }
    return id;
  }

  /** The id of a word or word pair ("khai", "khai sinh"), undefined when never numbered. */
  termId(term: string): number | undefined {
    const space = term.indexOf(' ');
    if (space < 0) return this.wordIds.get(term);
    const a = this.wordIds.get(term.slice(0, space));
    const b = this.wordIds.get(term.slice(space + 1));
    return a === undefined || b === undefined ? undefined : this.pairIds.get(a, b);
  }

  private markStop(id: number, stop: boolean): void {
    if (id >= this.stops.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.stops.length * 2));
      grown.set(this.stops);
      this.stops = grown;
    }
    this.stops[id] = stop ? 1 : 0;
  }
}

/** A term table read back from a saved index: its words in id order and its pair table. */
export function restoreTerms(words: string[], pairIds: PairIds): IndexTerms {
  const wordIds = new Map<string, number>();
  const stops = new Uint8Array(Math.max(1, words.length));
  words.forEach((w, id) => {
    if (w === '') return;
    wordIds.set(w, id);
    if (STOPWORDS.has(w)) stops[id] = 1;
  });
  return new IndexTerms(words, pairIds, wordIds, stops);
}
