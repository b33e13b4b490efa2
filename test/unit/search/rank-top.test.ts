import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import { topDocs, VietnameseProcedureSearch } from '../../../domain/search/procedure-search.js';
import { analyzeQuery } from '../../../domain/search/query-analyzer.js';

/** The docs with a positive score, stably sorted best first (what rank() did before topDocs). */
function sortedDocs(scores: Float64Array, n: number): number[] {
  return [...scores.keys()]
    .filter((d) => (scores[d] as number) > 0)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number))
    .slice(0, n);
}

describe('Search: the best procedures of a ranking', () => {
  it('keeps the n best positive scores, best first, ties in document order', () => {
    const scores = new Float64Array([0, 3, 1, 3, 0, 2, 1, 5, 0.5, 3]);
    expect([...topDocs(scores, 4)]).toEqual([7, 1, 3, 9]);
    expect([...topDocs(scores, 40)]).toEqual(sortedDocs(scores, 40));
    expect([...topDocs(new Float64Array(5), 3)]).toEqual([]);
    // Random scores with many ties, as a question touching most of the catalog gives.
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const many = Float64Array.from({ length: 300 }, () => (next() < 0.3 ? 0 : Math.floor(next() * 20)));
      for (const n of [1, 5, 40, 400]) expect([...topDocs(many, n)]).toEqual(sortedDocs(many, n));
    }
  });

  it('ranks a question the same whatever was asked before (the score array is reused)', () => {
    const catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
    const used = new VietnameseProcedureSearch(catalog.procedures);
    const questions = ['đăng ký khai sinh', 'tách hộ phí bao nhiêu', 'giấy phép xây dựng', 'khai tử'];
    const alone = questions.map((q) => {
      const fresh = new VietnameseProcedureSearch(used.index);
      return fresh.rank(analyzeQuery(q, fresh.index));
    });
    for (let i = 0; i < questions.length; i++) {
      used.rank(analyzeQuery(questions[(i + 1) % questions.length] as string, used.index));
      expect(used.rank(analyzeQuery(questions[i] as string, used.index))).toEqual(alone[i]);
    }
  });
});
