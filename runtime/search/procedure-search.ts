import type { Procedure } from '../catalog/procedure.js';
import type { ProcedureSearch, SearchOutcome } from '../catalog/search-types.js';
import { foldTokens } from './normalize.js';

/** First simple implementation: BM25 over procedure names (replaced by the full ranker). */
export function createProcedureSearch(procedures: readonly Procedure[]): ProcedureSearch {
  const docs = procedures.map((p) => ({ p, tokens: foldTokens(p.name) }));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = docs.reduce((s, d) => s + d.tokens.length, 0) / Math.max(1, docs.length);
  return {
    search(query: string, options?: { limit?: number }): SearchOutcome {
      const q = [...new Set(foldTokens(query))];
      const scored = docs
        .map((d) => {
          let score = 0;
          for (const t of q) {
            const tf = d.tokens.filter((x) => x === t).length;
            if (tf === 0) continue;
            const idf = Math.log(1 + (docs.length - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
            score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.tokens.length) / avg));
          }
          return { code: d.p.code, name: d.p.name, score };
        })
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, options?.limit ?? 10);
      return { behavior: scored.length === 0 ? 'apologize' : 'answer', results: scored };
    },
  };
}
