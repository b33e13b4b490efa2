/**
 * Vietnamese input method (Telex and VNI) for the on-screen keyboard.
 *
 * Keys are applied to the word being typed (the letters since the last space): tone keys put the
 * tone on the right vowel by the classic rules (hòa, thủy, giấy, quý, thường), shape keys add
 * circumflex, breve, horn and the stroke of đ. Typing the same key twice undoes it and types the
 * key itself ("ass" gives "as"), as desktop IMEs do. Output is always NFC.
 */

export type ImeScheme = 'telex' | 'vni' | 'off';

/** Tone numbers: 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
type Tone = 0 | 1 | 2 | 3 | 4 | 5;

const TONE_MARKS: Record<Exclude<Tone, 0>, string> = {
  1: '\u0301',
  2: '\u0300',
  3: '\u0309',
  4: '\u0303',
  5: '\u0323',
};
const MARK_TO_TONE = new Map<string, Tone>(
  Object.entries(TONE_MARKS).map(([tone, mark]) => [mark, Number(tone) as Tone]),
);

const VOWELS = new Set([...'aăâeêioôơuưy']);
const SHAPED = new Set([...'ăâêôơư']);

type Shape = 'circumflex' | 'breve' | 'horn' | 'stroke';

interface KeyAction {
  tone?: Tone;
  shape?: Shape;
  /** Telex doubles: 'a' after an 'a' gives 'â'; the letter it applies to. */
  doubles?: string;
}

function telexAction(key: string): KeyAction | undefined {
  switch (key) {
    case 's':
      return { tone: 1 };
    case 'f':
      return { tone: 2 };
    case 'r':
      return { tone: 3 };
    case 'x':
      return { tone: 4 };
    case 'j':
      return { tone: 5 };
    case 'z':
      return { tone: 0 };
    case 'a':
    case 'e':
    case 'o':
      return { shape: 'circumflex', doubles: key };
    case 'w':
      return { shape: 'horn' };
    case 'd':
      return { shape: 'stroke' };
    default:
      return undefined;
  }
}

function vniAction(key: string): KeyAction | undefined {
  if (key >= '0' && key <= '5') return { tone: Number(key) as Tone };
  if (key === '6') return { shape: 'circumflex' };
  if (key === '7') return { shape: 'horn' };
  if (key === '8') return { shape: 'breve' };
  if (key === '9') return { shape: 'stroke' };
  return undefined;
}

/** Splits one letter into its base-with-shape (lower case), tone and case. */
function splitLetter(ch: string): { base: string; tone: Tone; upper: boolean } {
  const lower = ch.toLowerCase();
  let tone: Tone = 0;
  let base = '';
  for (const c of lower.normalize('NFD')) {
    const t = MARK_TO_TONE.get(c);
    if (t) tone = t;
    else base += c;
  }
  return { base: base.normalize('NFC'), tone, upper: ch !== lower };
}

interface Letter {
  base: string;
  upper: boolean;
}

/** A word being composed: letters without tones plus one tone for the syllable. */
interface Word {
  letters: Letter[];
  tone: Tone;
}

function parseWord(text: string): Word {
  const letters: Letter[] = [];
  let tone: Tone = 0;
  for (const ch of text) {
    const s = splitLetter(ch);
    if (s.tone) tone = s.tone;
    letters.push({ base: s.base, upper: s.upper });
  }
  return { letters, tone };
}

/** Index range [start, end) of the vowel nucleus, skipping the consonant parts of "qu" and "gi". */
function nucleus(letters: readonly Letter[]): { start: number; end: number } | undefined {
  let start = letters.findIndex((l) => VOWELS.has(l.base));
  if (start < 0) return undefined;
  let end = start;
  while (end < letters.length && VOWELS.has(letters[end]?.base ?? '')) end++;
  const first = letters[start]?.base;
  const before = letters[start - 1]?.base;
  if (end - start > 1 && ((first === 'u' && before === 'q') || (first === 'i' && before === 'g'))) start++;
  return { start, end };
}

/** Where the tone goes (classic placement: hòa, thủy, mùa, ngoài, toán, thường). */
function toneIndex(letters: readonly Letter[]): number | undefined {
  const n = nucleus(letters);
  if (!n) return undefined;
  const idx = Array.from({ length: n.end - n.start }, (_, i) => n.start + i);
  const horn = idx.find((i) => letters[i]?.base === 'ơ');
  if (horn !== undefined) return horn;
  const shaped = idx.find((i) => SHAPED.has(letters[i]?.base ?? ''));
  if (shaped !== undefined) return shaped;
  const hasFinal = n.end < letters.length;
  if (idx.length === 1 || hasFinal) return idx[idx.length - 1];
  return idx.length >= 3 ? idx[1] : idx[0];
}

function renderWord(word: Word): string {
  const at = word.tone ? toneIndex(word.letters) : undefined;
  let out = '';
  word.letters.forEach((l, i) => {
    let s = l.base;
    if (i === at && word.tone) s = (s + TONE_MARKS[word.tone]).normalize('NFC');
    out += l.upper ? s.toUpperCase() : s;
  });
  return out.normalize('NFC');
}

const SHAPE_OF: Record<Shape, Record<string, string>> = {
  circumflex: { a: 'â', e: 'ê', o: 'ô' },
  breve: { a: 'ă' },
  horn: { o: 'ơ', u: 'ư' },
  stroke: { d: 'đ' },
};
const UNSHAPE: Record<string, string> = { â: 'a', ê: 'e', ô: 'o', ă: 'a', ơ: 'o', ư: 'u', đ: 'd' };

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

/**
 * Applies one key to `word`; returns the new word or undefined when the key is just a letter.
 * `literal` is set when the key undid an earlier change and must also be typed as itself.
 */
function applyKey(
  word: Word,
  key: string,
  action: KeyAction,
  scheme: ImeScheme,
): { word: Word; literal: boolean } | undefined {
  const letters = word.letters.map((l) => ({ ...l }));
  const n = nucleus(letters);
  if (action.tone !== undefined) {
    if (!n) return undefined;
    if (action.tone === 0) return word.tone ? { word: { letters, tone: 0 }, literal: false } : undefined;
    if (word.tone === action.tone) return { word: { letters, tone: 0 }, literal: true };
    return { word: { letters, tone: action.tone }, literal: false };
  }
  const shape = action.shape;
  if (!shape) return undefined;
  if (shape === 'stroke') {
    // Telex: only "dd" typed together; VNI: 9 after the initial d anywhere in the word.
    const first = letters[0];
    if (!first) return undefined;
    if (scheme === 'telex' && letters.length !== 1) return undefined;
    if (first.base === 'd') first.base = 'đ';
    else if (first.base === 'đ')
      return ((first.base = 'd'), { word: { letters, tone: word.tone }, literal: true });
    else return undefined;
    return { word: { letters, tone: word.tone }, literal: false };
  }
  if (!n) {
    // Telex "w" on its own types ư.
    if (scheme === 'telex' && shape === 'horn') {
      letters.push({ base: 'ư', upper: key !== key.toLowerCase() });
      return { word: { letters, tone: word.tone }, literal: false };
    }
    return undefined;
  }
  // Consider the whole vowel group (including the u of qu / i of gi for "quơ", "giê").
  let start = n.start;
  while (start > 0 && VOWELS.has(letters[start - 1]?.base ?? '')) start--;
  const group = letters.slice(start, n.end);
  if (shape === 'horn') {
    const u = group.findIndex((l) => l.base === 'u' || l.base === 'ư');
    const o = group.findIndex((l) => l.base === 'o' || l.base === 'ơ');
    if (u >= 0 && o === u + 1) {
      const uL = group[u] as Letter;
      const oL = group[o] as Letter;
      if (uL.base === 'ư' && oL.base === 'ơ') {
        uL.base = 'u';
        oL.base = 'o';
        return { word: { letters, tone: word.tone }, literal: true };
      }
      uL.base = 'ư';
      oL.base = 'ơ';
      return { word: { letters, tone: word.tone }, literal: false };
    }
  }
  const wanted = action.doubles;
  const table =
    shape === 'horn' && scheme === 'telex' ? { ...SHAPE_OF.horn, ...SHAPE_OF.breve } : SHAPE_OF[shape];
  for (let i = group.length - 1; i >= 0; i--) {
    const l = group[i] as Letter;
    const plain = UNSHAPE[l.base] ?? l.base;
    if (wanted && plain !== wanted) continue;
    const shaped = table[plain];
    if (!shaped) continue;
    if (l.base === shaped) {
      l.base = plain;
      return { word: { letters, tone: word.tone }, literal: true };
    }
    if (l.base !== plain) continue;
    l.base = shaped;
    return { word: { letters, tone: word.tone }, literal: false };
  }
  return undefined;
}

/**
 * Composes Vietnamese text key by key. `text` is what the field shows.
 * With scheme 'off' every key is typed as itself.
 */
export class ViComposer {
  private value = '';
  /** Set after an undo ("ass"), so the rest of the word is typed literally. */
  private raw = false;

  constructor(public scheme: ImeScheme = 'telex') {}

  get text(): string {
    return this.value;
  }

  set text(value: string) {
    this.value = value.normalize('NFC');
    this.raw = false;
  }

  clear(): void {
    this.text = '';
  }

  /** Deletes the last character (a whole composed letter such as "ệ"). */
  backspace(): void {
    const chars = [...this.value];
    chars.pop();
    this.value = chars.join('');
    if (!isLetter(chars[chars.length - 1] ?? ' ')) this.raw = false;
  }

  /** Types one key (a single character; space and punctuation end the word). */
  type(key: string): void {
    if ([...key].length !== 1) throw new TypeError(`key: must be one character, got "${key}"`);
    const lowerKey = key.toLowerCase();
    const action =
      this.scheme === 'telex'
        ? telexAction(lowerKey)
        : this.scheme === 'vni'
          ? vniAction(lowerKey)
          : undefined;
    const match = /\p{L}+$/u.exec(this.value);
    const current = match?.[0] ?? '';
    if (action && !this.raw && (current || (this.scheme === 'telex' && lowerKey === 'w'))) {
      const result = applyKey(parseWord(current), key, action, this.scheme);
      if (result) {
        let next = renderWord(result.word);
        if (result.literal) {
          next += key;
          this.raw = true;
        }
        this.value = (this.value.slice(0, this.value.length - current.length) + next).normalize('NFC');
        return;
      }
    }
    if (!isLetter(key)) this.raw = false;
    this.value = (this.value + key).normalize('NFC');
  }

  /** Types every character of `keys`. */
  typeAll(keys: string): this {
    for (const k of keys) this.type(k);
    return this;
  }
}

/** Converts a whole keystroke string: telex("ddawng kys") === "đăng ký". */
export function composeVietnamese(keys: string, scheme: ImeScheme = 'telex'): string {
  return new ViComposer(scheme).typeAll(keys).text;
}
