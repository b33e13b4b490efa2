import { foldTokens } from '../search/normalize.js';

/**
 * Procedure names as word lists, and how common each word is among names: what a follow-up that
 * names only a qualifier ("còn nếu làm lại thì sao" after "đăng ký khai sinh") needs to find the
 * variant of the procedure in focus ("đăng ký lại khai sinh").
 */
export interface NameWords {
  /** Per procedure: the folded words of its name, "Thủ tục" dropped, in order. */
  readonly tokens: readonly (readonly string[])[];
  /** Per procedure: the same words as a set. */
  readonly sets: readonly ReadonlySet<string>[];
  /** Word → how many names hold it. */
  readonly df: ReadonlyMap<string, number>;
}

/**
 * `foldTokens` of each name, each distinct written word folded once: names share most of their
 * words, and folding (Unicode decomposition) is what the build spends its time on.
 */
export function foldNames(names: readonly string[]): string[][] {
  const folded = new Map<string, readonly string[]>();
  return names.map((name) => {
    const out: string[] = [];
    for (const raw of name.split(/\s+/u)) {
      if (raw === '') continue;
      let words = folded.get(raw);
      if (words === undefined) {
        words = foldTokens(raw);
        folded.set(raw, words);
      }
      out.push(...words);
    }
    return out;
  });
}

export function nameWords(names: readonly string[]): NameWords {
  const tokens = foldNames(names).map((words) =>
    words[0] === 'thu' && words[1] === 'tuc' ? words.slice(2) : words,
  );
  const sets = tokens.map((t) => new Set(t));
  const df = new Map<string, number>();
  for (const s of sets) for (const w of s) df.set(w, (df.get(w) ?? 0) + 1);
  return { tokens, sets, df };
}

/**
 * The rarer words of a name: its words no more common among names than their median ("đăng ký
 * khai sinh" → khai, sinh; "cấp giấy phép xây dựng" → phép, xây, dựng). These say which
 * procedure it is; the common ones ("đăng ký", "cấp") say what kind of act. No stopword list:
 * folded, "tử" (khai tử) is the stopword "từ", and names are short enough for the median.
 */
export function rareWords(words: readonly string[], df: ReadonlyMap<string, number>): Set<string> {
  const content = [...new Set(words)];
  if (content.length === 0) return new Set();
  const counts = content.map((w) => df.get(w) ?? 0).sort((a, b) => a - b);
  const median = counts[Math.floor((counts.length - 1) / 2)] ?? 0;
  return new Set(content.filter((w) => (df.get(w) ?? 0) <= median));
}

function adjacent(tokens: readonly string[], a: string, b: string): boolean {
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === a && tokens[i + 1] === b) return true;
  return false;
}

/**
 * Whether `variant` keeps `base`'s rarer words with the same neighbours: every rare word is in
 * it, and every two rare words side by side in the base are side by side in it too ("khai sinh"
 * stays "khai sinh" in "đăng ký lại khai sinh").
 */
export function keepsRareWords(
  base: readonly string[],
  rare: ReadonlySet<string>,
  variant: readonly string[],
  variantSet: ReadonlySet<string>,
): boolean {
  if (rare.size === 0) return false;
  for (const w of rare) if (!variantSet.has(w)) return false;
  for (let i = 0; i + 1 < base.length; i++) {
    const a = base[i] as string;
    const b = base[i + 1] as string;
    if (rare.has(a) && rare.has(b) && !adjacent(variant, a, b)) return false;
  }
  return true;
}

export interface VariantQuery {
  /** The procedure in focus. */
  focus: number;
  /** The question's content words (folded; no slot phrase, chatter or discourse words). */
  topicWords: readonly string[];
  /** Offered to the citizen here. */
  offered(doc: number): boolean;
  /** Tie-break among equally close variants (higher first), e.g. the search score. */
  rank(doc: number): number;
}

/**
 * The variant of the procedure in focus a follow-up asks about when it names only qualifiers:
 * its content words not in the focus's name ("lại", "lưu động", "yếu tố nước ngoài") all appear
 * in the variant's name, which keeps the focus's rarer words with the same neighbours. The
 * closest such variant (fewest words added to the focus's name) wins; undefined when the
 * question adds no word or no offered procedure qualifies.
 */
export function focusVariant(names: NameWords, q: VariantQuery): number | undefined {
  const base = names.tokens[q.focus];
  const baseSet = names.sets[q.focus];
  if (!base || !baseSet) return undefined;
  const asked = [...new Set(q.topicWords.filter((w) => !baseSet.has(w)))];
  if (asked.length === 0) return undefined;
  const rare = rareWords(base, names.df);
  let best: number | undefined;
  let bestExtra = Infinity;
  let bestRank = -Infinity;
  names.tokens.forEach((tokens, doc) => {
    const set = names.sets[doc] as ReadonlySet<string>;
    if (doc === q.focus || !asked.every((w) => set.has(w))) return;
    if (!q.offered(doc) || !keepsRareWords(base, rare, tokens, set)) return;
    let extra = 0;
    for (const w of set) if (!baseSet.has(w)) extra++;
    const rank = q.rank(doc);
    if (extra < bestExtra || (extra === bestExtra && rank > bestRank)) {
      best = doc;
      bestExtra = extra;
      bestRank = rank;
    }
  });
  return best;
}

/**
 * The most general offered procedure the one in focus is a variant of: its words are all in
 * the focus's name, which keeps its rarer words side by side, and it has the fewest words
 * ("đăng ký khai sinh" for "đăng ký lại khai sinh"); undefined when the focus is general.
 */
export function focusBase(
  names: NameWords,
  focus: number,
  offered: (doc: number) => boolean,
): number | undefined {
  const tokens = names.tokens[focus];
  const set = names.sets[focus];
  if (!tokens || !set) return undefined;
  let best: number | undefined;
  let bestSize = set.size;
  names.sets.forEach((own, doc) => {
    if (doc === focus || own.size >= bestSize || own.size === 0) return;
    for (const w of own) if (!set.has(w)) return;
    const base = names.tokens[doc] as readonly string[];
    if (!offered(doc) || !keepsRareWords(base, rareWords(base, names.df), tokens, set)) return;
    best = doc;
    bestSize = own.size;
  });
  return best;
}

export interface SiblingQuery {
  /** The procedure in focus. */
  focus: number;
  /** The other procedure the follow-up names ("đăng ký khai tử" for "còn khai tử thì sao"). */
  named: number;
  offered(doc: number): boolean;
  /** Tie-break among equally qualified siblings (higher first). */
  rank(doc: number): number;
}

/**
 * The same qualifiers applied to another procedure: after "đăng ký lại khai sinh", "còn khai
 * tử thì sao" names "đăng ký khai tử", and means "đăng ký lại khai tử". The qualifiers are what
 * the focus's name adds to its most general form (`focusBase`); the sibling is an offered
 * procedure whose name keeps the named one's rarer words side by side and adds only qualifier
 * words, as many of them as a name has (all of "lại … có yếu tố nước ngoài" when such a name
 * exists). Undefined when the focus has no qualifier or no procedure carries one.
 */
export function siblingVariant(names: NameWords, q: SiblingQuery): number | undefined {
  const base = focusBase(names, q.focus, q.offered);
  const focusSet = names.sets[q.focus];
  const named = names.tokens[q.named];
  const namedSet = names.sets[q.named];
  if (base === undefined || !focusSet || !named || !namedSet) return undefined;
  const baseSet = names.sets[base] as ReadonlySet<string>;
  const qualifiers = new Set([...focusSet].filter((w) => !baseSet.has(w) && !namedSet.has(w)));
  if (qualifiers.size === 0) return undefined;
  const rare = rareWords(named, names.df);
  let best: number | undefined;
  let bestKept = 0;
  let bestRank = -Infinity;
  names.tokens.forEach((tokens, doc) => {
    if (doc === q.named || doc === q.focus) return;
    const set = names.sets[doc] as ReadonlySet<string>;
    if (set.size <= namedSet.size) return;
    let kept = 0;
    for (const w of set) {
      if (namedSet.has(w)) continue;
      if (!qualifiers.has(w)) return;
      kept++;
    }
    if (set.size - kept !== namedSet.size) return;
    if (!q.offered(doc) || !keepsRareWords(named, rare, tokens, set)) return;
    const rank = q.rank(doc);
    if (kept > bestKept || (kept === bestKept && rank > bestRank)) {
      best = doc;
      bestKept = kept;
      bestRank = rank;
    }
  });
  return best;
}

export interface StopwordVariantQuery {
  focus: number;
  /** The question's folded words, and which of them are free (not a slot or life-event phrase). */
  words: readonly string[];
  free: readonly boolean[];
  /** Words a search ignores ("mới", "không phải", "lần đầu"). */
  isStopword(word: string): boolean;
  offered(doc: number): boolean;
  rank(doc: number): number;
}

/**
 * The variant of the focus whose name adds only words a search ignores, said together in the
 * question: "chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên …" for
 * "còn nếu không phải thì sao" after the one where the translator is. The name keeps all of the
 * focus's words and adds one run of stopwords, found in the question's free words in that order;
 * the fewest added wins.
 */
export function stopwordVariant(names: NameWords, q: StopwordVariantQuery): number | undefined {
  const base = names.tokens[q.focus];
  const baseSet = names.sets[q.focus];
  if (!base || !baseSet) return undefined;
  let best: number | undefined;
  let bestExtra = Infinity;
  let bestRank = -Infinity;
  names.tokens.forEach((tokens, doc) => {
    const set = names.sets[doc] as ReadonlySet<string>;
    if (doc === q.focus || set.size <= baseSet.size) return;
    for (const w of baseSet) if (!set.has(w)) return;
    const at = tokens.flatMap((w, i) => (baseSet.has(w) ? [] : [i]));
    const first = at[0] as number;
    if (at.length > bestExtra || (at[at.length - 1] as number) - first !== at.length - 1) return;
    const added = tokens.slice(first, first + at.length);
    if (!added.every((w) => q.isStopword(w)) || !saidFreely(q.words, q.free, added)) return;
    if (!q.offered(doc)) return;
    const rank = q.rank(doc);
    if (at.length < bestExtra || rank > bestRank) {
      best = doc;
      bestExtra = at.length;
      bestRank = rank;
    }
  });
  return best;
}

/** `phrase` occurs in `words` at free positions. */
function saidFreely(words: readonly string[], free: readonly boolean[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j] || !free[i + j]) continue outer;
    return true;
  }
  return false;
}

export interface SwapQuery extends VariantQuery {
  /** Every folded word of the question. */
  said: ReadonlySet<string>;
  /** Per procedure: the folded words of its name's head (before "đối với", "(" …). */
  heads: readonly ReadonlySet<string>[];
}

/**
 * Another act on the focus's topic: "gia hạn thì sao" after "cấp điều chỉnh giấy phép xây dựng
 * đối với công trình cấp III, cấp IV" is "gia hạn giấy phép xây dựng đối với công trình cấp III,
 * cấp IV". Compared by their names' heads ("cấp điều chỉnh giấy phép xây dựng", "gia hạn giấy
 * phép xây dựng"): an offered procedure whose head holds every content word the question adds
 * to the focus's head and no unsaid word beyond it, leaving out no more of the focus's head than
 * the question adds plus one; the one keeping most of it wins, then the best ranked. Undefined
 * when the question adds nothing or no head fits.
 */
export function swappedAct(q: SwapQuery): number | undefined {
  const baseSet = q.heads[q.focus];
  if (!baseSet || baseSet.size === 0) return undefined;
  const asked = [...new Set(q.topicWords.filter((w) => !baseSet.has(w)))];
  if (asked.length === 0) return undefined;
  let best: number | undefined;
  let bestKept = 1;
  let bestRank = -Infinity;
  q.heads.forEach((set, doc) => {
    if (doc === q.focus || !asked.every((w) => set.has(w))) return;
    let kept = 0;
    for (const w of set) {
      if (baseSet.has(w)) kept++;
      else if (!q.said.has(w)) return;
    }
    if (baseSet.size - kept > asked.length + 1 || kept < bestKept || !q.offered(doc)) return;
    const rank = q.rank(doc);
    if (kept > bestKept || rank > bestRank) {
      best = doc;
      bestKept = kept;
      bestRank = rank;
    }
  });
  return best;
}
