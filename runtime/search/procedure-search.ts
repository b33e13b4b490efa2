import type { Procedure } from '../catalog/procedure.js';
import type { ProcedureSearch, SearchBehavior, SearchHit, SearchOutcome } from '../catalog/search-types.js';
import { analyzeQuery, type AnalyzedQuery } from './query-analyzer.js';
import { SearchIndex } from './search-index.js';

/** Thresholds that turn scores into answer / clarify / apologize (tuned on the dev queries). */
export interface BehaviorTuning {
  /** Below this share of the query's meaning explained by the best procedure: apologize. */
  minCoverage: number;
  /** Below this normalised score of the best procedure: apologize. */
  minScore: number;
  /** A runner-up scoring at least this fraction of the best one makes the query ambiguous. */
  clarifyRatio: number;
  /** How many close candidates a clarify offers at most. */
  maxChoices: number;
  /** Score multiplier for a name fully covered by the query (1 + nameBoost × share covered). */
  nameBoost: number;
}

export const DEFAULT_TUNING: BehaviorTuning = {
  minCoverage: 0.5,
  minScore: 0.12,
  clarifyRatio: 0.9,
  maxChoices: 5,
  nameBoost: 0.5,
};

interface Ranked {
  doc: number;
  score: number;
  coverage: number;
}

/** The kiosk's search: Vietnamese-aware BM25F over the catalog plus a behaviour decision. */
export class VietnameseProcedureSearch implements ProcedureSearch {
  readonly index: SearchIndex;

  constructor(
    procedures: readonly Procedure[],
    private readonly tuning: BehaviorTuning = DEFAULT_TUNING,
  ) {
    this.index = new SearchIndex(procedures);
  }

  search(query: string, options?: { limit?: number }): SearchOutcome {
    const limit = options?.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new TypeError(`limit: must be a whole number of at least 1, got ${String(limit)}`);
    }
    const q = analyzeQuery(query, this.index);
    if (q.content.length === 0) return { behavior: 'apologize', results: [] };
    const ranked = this.rank(q);
    const behavior = this.decide(ranked);
    if (behavior === 'apologize') return { behavior, results: [] };
    const results: SearchHit[] = ranked.slice(0, limit).map((r) => {
      const p = this.index.docs[r.doc] as Procedure;
      return { code: p.code, name: p.name, score: Math.round(r.score * 1e4) / 1e4 };
    });
    return { behavior, results };
  }

  /** Scores every procedure sharing a term with the query; best first. */
  rank(q: AnalyzedQuery): Ranked[] {
    const { index } = this;
    const acc = new Float64Array(index.docs.length);
    let total = 0;
    for (const [term, weight] of q.terms) {
      const idf = index.idf(term);
      total += weight * idf;
      for (const p of index.postings.get(term) ?? [])
        acc[p.doc] = (acc[p.doc] ?? 0) + weight * idf * index.saturate(p.tf);
    }
    // Words the catalog does not know still count in the total: they are what the citizen meant.
    for (const c of q.content) if (!index.has(c.word) && c.alternatives.length === 0) total += index.maxIdf();
    const candidates: Ranked[] = [];
    acc.forEach((s, doc) => {
      if (s > 0) candidates.push({ doc, score: s / Math.max(total, 1e-9), coverage: 0 });
    });
    candidates.sort((a, b) => b.score - a.score);
    const top = candidates.slice(0, 40);
    for (const r of top) {
      r.coverage = this.coverage(q, r.doc);
      r.score *= 1 + this.tuning.nameBoost * this.namePrecision(q, r.doc);
    }
    return top.sort((a, b) => b.score - a.score);
  }

  /** Share (idf-weighted) of the procedure's name words that the query mentions. */
  private namePrecision(q: AnalyzedQuery, doc: number): number {
    const { index } = this;
    let have = 0;
    let all = 0;
    for (const w of index.nameWords[doc] ?? []) {
      const idf = index.idf(w);
      all += idf;
      if (q.terms.has(w)) have += idf;
    }
    return all > 0 ? have / all : 0;
  }

  /** Share (idf-weighted) of the citizen's content words that this procedure explains. */
  private coverage(q: AnalyzedQuery, doc: number): number {
    const { index } = this;
    let have = 0;
    let all = 0;
    for (const c of q.content) {
      const w = index.has(c.word) ? index.idf(c.word) : index.maxIdf();
      all += w;
      const direct = index.posting(c.word, doc);
      let got = direct ? (direct.title ? 1 : 0.6) : 0;
      for (const alt of c.alternatives) {
        const p = index.posting(alt, doc);
        if (p) got = Math.max(got, p.title ? 1 : 0.6);
      }
      have += w * got;
    }
    return all > 0 ? have / all : 0;
  }

  private decide(ranked: Ranked[]): SearchBehavior {
    const t = this.tuning;
    const best = ranked[0];
    if (!best || best.coverage < t.minCoverage || best.score < t.minScore) return 'apologize';
    const second = ranked[1];
    if (second && second.score >= t.clarifyRatio * best.score) return 'clarify';
    return 'answer';
  }
}

/** The search the kiosk uses for a catalog. */
export function createProcedureSearch(procedures: readonly Procedure[]): ProcedureSearch {
  return new VietnameseProcedureSearch(procedures);
}
