/**
 * Numbers for pairs of small whole numbers (the index's word pairs: first word's id, second
 * word's id), in an open-addressing hash table in one typed array: each slot holds the pair and
 * its number side by side, so a lookup reads one cache line, and no Map entry or boxed key is
 * made per pair.
 */
export class PairIds {
  constructor(
    /** Per slot: first + 1 (0: empty), second, number. */
    private table: Int32Array<ArrayBuffer> = new Int32Array(3 << 12),
    private size = 0,
  ) {}

  /** The table and its number of pairs, to save them (restore with `new PairIds(table, size)`). */
  snapshot(): { table: Int32Array<ArrayBuffer>; size: number } {
    return { table: this.table, size: this.size };
  }

  /** The number stored for (a, b), undefined when none is. */
  get(a: number, b: number): number | undefined {
    const t = this.table;
    const mask = t.length / 3 - 1;
    for (let s = hash(a, b) & mask; ; s = (s + 1) & mask) {
      const first = t[3 * s] as number;
      if (first === 0) return undefined;
      if (first === a + 1 && t[3 * s + 1] === b) return t[3 * s + 2];
    }
  }

  /** The number stored for (a, b); stores `value` first when there is none. */
  getOrAdd(a: number, b: number, value: number): number {
    const t = this.table;
    const mask = t.length / 3 - 1;
    let s = hash(a, b) & mask;
    for (; ; s = (s + 1) & mask) {
      const first = t[3 * s] as number;
      if (first === 0) break;
      if (first === a + 1 && t[3 * s + 1] === b) return t[3 * s + 2] as number;
    }
    t[3 * s] = a + 1;
    t[3 * s + 1] = b;
    t[3 * s + 2] = value;
    this.size++;
    if (this.size * 2 > mask + 1) this.rehash();
    return value;
  }

  private rehash(): void {
    const old = this.table;
    const t = new Int32Array(old.length * 2);
    const mask = t.length / 3 - 1;
    for (let o = 0; o < old.length; o += 3) {
      const first = old[o] as number;
      if (first === 0) continue;
      let s = hash(first - 1, old[o + 1] as number) & mask;
      while (t[3 * s] !== 0) s = (s + 1) & mask;
      t[3 * s] = first;
      t[3 * s + 1] = old[o + 1] as number;
      t[3 * s + 2] = old[o + 2] as number;
    }
    this.table = t;
  }
}

function hash(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) ^ (h >>> 13);
}
