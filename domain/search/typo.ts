/**
 * Typo tolerance: finds catalog words within one edit (insert, delete, substitute, swap of
 * neighbours) of a query word, using a deletion neighbourhood (SymSpell) so a lookup is a few
 * map reads instead of a scan of the vocabulary.
 *
 * The neighbourhoods live in a TypoTable that, like the term table it is made from, only grows:
 * every index made from one term table (built, then updated for catalog deltas) shares it, and
 * a TypoIndex keeps to the words its own catalog has (a catalog update adds the neighbourhoods
 * of its new words only, instead of remaking them all).
 */
export class TypoTable {
  private readonly deletes = new Map<string, string[]>();
  /** Words of the term table already added. */
  private added = 0;

  constructor(private readonly minLength = 4) {}

  /** Adds the words numbered since the last call (`words`: the term table's, '' for a pair). */
  addFrom(words: readonly string[]): this {
    for (; this.added < words.length; this.added++) {
      const word = words[this.added] as string;
      if (word.length < this.minLength || /\d/.test(word)) continue;
      for (const key of [word, ...deletions(word)]) {
        const list = this.deletes.get(key);
        if (list) {
          if (!list.includes(word)) list.push(word);
        } else this.deletes.set(key, [word]);
      }
    }
    return this;
  }

  /** Words at edit distance 1 from `word` (never `word` itself) that `known` accepts, unordered. */
  near(word: string, known: (w: string) => boolean): Set<string> {
    const found = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const w of this.deletes.get(key) ?? [])
        if (w !== word && known(w) && editDistance(w, word) <= 1) found.add(w);
    }
    return found;
  }
}

/** The typo neighbourhood of one catalog's vocabulary. */
export class TypoIndex {
  constructor(
    private readonly table: TypoTable,
    private readonly vocabulary: { has(word: string): boolean },
  ) {}

  /**
   * Vocabulary words at edit distance 1 from `word` (never `word` itself), in alphabetical order:
   * the same for a catalog however its vocabulary was read (built at once or updated).
   */
  candidates(word: string): string[] {
    return [...this.table.near(word, (w) => this.vocabulary.has(w))].sort();
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau–Levenshtein distance (optimal string alignment), capped at 2 for speed. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const prev2: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j] ?? 0;
    prev = cur;
  }
  return Math.min(2, prev[b.length] ?? 2);
}
