/**
 * Typo tolerance: finds catalog words within one edit (insert, delete, substitute, swap of
 * neighbours) of a query word, using a deletion neighbourhood (SymSpell) so a lookup is a few
 * map reads instead of a scan of the vocabulary.
 */
export class TypoIndex {
  private readonly deletes = new Map<string, string[]>();

  constructor(vocabulary: Iterable<string>, minLength = 4) {
    for (const word of vocabulary) {
      if (word.length < minLength || /\d/.test(word)) continue;
      for (const key of [word, ...deletions(word)]) {
        const list = this.deletes.get(key);
        if (list) {
          if (!list.includes(word)) list.push(word);
        } else this.deletes.set(key, [word]);
      }
    }
  }

  /**
   * Vocabulary words at edit distance 1 from `word` (never `word` itself), in alphabetical order:
   * the same for a catalog however its vocabulary was read (built at once or updated).
   */
  candidates(word: string): string[] {
    const found = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const w of this.deletes.get(key) ?? []) if (w !== word && editDistance(w, word) <= 1) found.add(w);
    }
    return [...found].sort();
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
