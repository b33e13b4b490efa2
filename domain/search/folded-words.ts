import { foldText } from './normalize.js';

/**
 * Reads catalog text straight into folded words, for the index build: each UTF-16 unit is
 * classified (letter / mark / digit or not) and folded (lower case, no diacritics) once in a
 * table, and a word is looked up by its folded characters in a small hash table, so the
 * catalog's 9 million characters are not cut into two million strings to be folded and hashed.
 * The words are those of `foldText` applied to each word `splitWords` finds, empty ones dropped.
 */

/** Where a text's segments end (word pairs never span two segments). */
export type SegmentBreaks =
  /** The text is one segment. */
  | 'none'
  /** Segments separated by "; " (the portal's lists). */
  | 'list'
  /** Segments separated by one of . ; : ! ? or a newline followed by white space. */
  | 'sentences';

/** In a word sequence: the next word starts a new segment. */
export const SEGMENT_BREAK = -1;

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** What JavaScript's \s matches. */
const WHITE = /\s/u;

/**
 * Per UTF-16 unit, computed the first time it is met (0: not yet): flags, and above them what
 * the unit folds to inside a word (as `foldText` folds it: lower-cased, decomposed, marks
 * dropped, đ → d, anything but a–z and 0–9 dropped): 0 nothing, 1 several units (in SEVERAL),
 * else 2 + the one ASCII unit.
 */
const UNIT = new Int32Array(0x10000);
const KNOWN = 1;
/** A letter, mark or digit. */
const WORD = 2;
/** . ; : ! ? or a newline: ends a sentence when white space follows. */
const SENTENCE_END = 4;
/** ";": ends a list item when a space follows. */
const SEMICOLON = 8;
const WHITE_SPACE = 16;
const SPACE = 32;
/** A UTF-16 surrogate: the character is classified by its code point (surrogateAt). */
const SURROGATE = 64;
/** From surrogateAt: a pair, two units long. */
const PAIR = 128;
const FOLD_SHIFT = 8;
const SEVERAL = new Map<number, string>();

function describeUnit(code: number): number {
  const c = String.fromCharCode(code);
  let v = KNOWN;
  if (code >= 0xd800 && code <= 0xdfff) {
    UNIT[code] = KNOWN | SURROGATE;
    return KNOWN | SURROGATE;
  }
  if (WORD_CHAR.test(c)) {
    v |= WORD;
    const folded = foldText(c.toLowerCase()).replace(/ /g, '');
    if (folded.length === 1) v |= (2 + folded.charCodeAt(0)) << FOLD_SHIFT;
    else if (folded.length > 1) {
      v |= 1 << FOLD_SHIFT;
      SEVERAL.set(code, folded);
    }
  }
  if ('.;:!?\n'.includes(c)) v |= SENTENCE_END;
  if (c === ';') v |= SEMICOLON;
  if (WHITE.test(c)) v |= WHITE_SPACE;
  if (c === ' ') v |= SPACE;
  UNIT[code] = v;
  return v;
}

/** The character starting with the surrogate at `i`: a pair is a letter or not (it folds to nothing). */
function surrogateAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const pair = code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  if (!pair) return KNOWN;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) ?? code))
    ? KNOWN | WORD | PAIR
    : KNOWN | PAIR;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Distinct folded words of the catalog, numbered in the order first read. */
export class FoldedWords {
  /** Word number → folded word. */
  readonly words: string[] = [];
  private slots = new Int32Array(1 << 12);
  private buffer = new Uint8Array(64);

  /**
   * Appends the folded words of `text` to `out` as word numbers, SEGMENT_BREAK where a segment
   * ends inside the text.
   */
  read(text: string, breaks: SegmentBreaks, out: number[]): void {
    // A break needs the unit before (flag `ends`) followed by one with flag `then`.
    const ends = breaks === 'none' ? 0 : breaks === 'list' ? SEMICOLON : SENTENCE_END;
    const then = breaks === 'list' ? SPACE : WHITE_SPACE;
    let buf = this.buffer;
    let len = 0;
    let inWord = false;
    let pendingBreak = false;
    let prev = 0;
    // The loop stays small: surrogates and units folding to several letters are rare, out of line.
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let v = UNIT[code] as number;
      if (v === 0) v = describeUnit(code);
      if ((v & SURROGATE) !== 0) {
        v = surrogateAt(text, i);
        if ((v & PAIR) !== 0) i++;
      }
      if ((v & WORD) !== 0) {
        inWord = true;
        const f = v >>> FOLD_SHIFT;
        if (f >= 2) {
          if (len === buf.length) buf = this.grow();
          buf[len++] = f - 2;
        } else if (f === 1) {
          len = this.appendSeveral(code, len);
          buf = this.buffer;
        }
      } else {
        if (inWord) {
          // A word that folds to nothing (marks alone) is dropped and keeps a pending break.
          if (len > 0) {
            this.finish(len, out, pendingBreak);
            pendingBreak = false;
          }
          inWord = false;
          len = 0;
        }
        if ((prev & ends) !== 0 && (v & then) !== 0) pendingBreak = true;
      }
      prev = v;
    }
    if (inWord && len > 0) this.finish(len, out, pendingBreak);
  }

  private grow(): Uint8Array<ArrayBuffer> {
    const b = new Uint8Array(this.buffer.length * 2);
    b.set(this.buffer);
    this.buffer = b;
    return b;
  }

  private appendSeveral(code: number, len: number): number {
    let at = len;
    for (const c of SEVERAL.get(code) ?? '') {
      if (at === this.buffer.length) this.grow();
      this.buffer[at++] = c.charCodeAt(0);
    }
    return at;
  }

  /** Ends a word of `len` folded units in the buffer. */
  private finish(len: number, out: number[], breakBefore: boolean): void {
    if (breakBefore && out.length > 0 && out[out.length - 1] !== SEGMENT_BREAK) out.push(SEGMENT_BREAK);
    out.push(this.numberOf(len));
  }

  /** The number of the folded word in the buffer, adding it when new. */
  private numberOf(len: number): number {
    const buf = this.buffer;
    let h = FNV_OFFSET;
    for (let i = 0; i < len; i++) h = Math.imul(h ^ (buf[i] as number), FNV_PRIME);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s] as number;
      if (at === 0) break;
      const w = this.words[at - 1] as string;
      if (w.length !== len) continue;
      let same = true;
      for (let i = 0; i < len && same; i++) same = w.charCodeAt(i) === buf[i];
      if (same) return at - 1;
    }
    const n = this.words.length;
    let word = '';
    for (let i = 0; i < len; i += 4096)
      word += String.fromCharCode(...buf.subarray(i, Math.min(len, i + 4096)));
    this.words.push(word);
    if (this.words.length * 2 > this.slots.length) this.rehash();
    else this.place(h, n);
    return n;
  }

  private place(hash: number, n: number): void {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = n + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.words.forEach((w, n) => {
      let h = FNV_OFFSET;
      for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
      this.place(h, n);
    });
  }
}
