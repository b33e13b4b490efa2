import type { Procedure } from '../catalog/procedure.js';
import type { ProcedureSearch, SearchBehavior, SearchHit, SearchOutcome } from '../catalog/search-types.js';
import { analyzeQuery, type AnalyzedQuery } from './query-analyzer.js';
import { buildSearchIndex, SearchIndex } from './search-index.js';

/** Thresholds that turn scores into answer / clarify / apologize (tuned on the dev queries). */
export interface BehaviorTuning {
  /** Below this share of the query's meaning explained by the best procedure: apologize. */
  minCoverage: number;
  /** Below this normalised score of the best procedure: apologize. */
  minScore: number;
  /** Below this specificity of the best procedure's title match (see Ranked.titlePair): apologize. */
  minTitlePair: number;
  /** Candidates scoring at least this fraction of the best one can be "equally good". */
  clarifyRatio: number;
  /** This many equally good candidates (the best included) make a query ambiguous: clarify. */
  minClose: number;
  /** Largest weight one query word has in the coverage measure. */
  idfCap: number;
  /** Score multiplier for a name fully covered by the query (1 + nameBoost × share covered). */
  nameBoost: number;
  /**
   * The level this kiosk serves ("xa": a commune centre). When the catalog mixes levels, other
   * levels' procedures rank lower (× otherLevelFactor) and, if one is still the best match, the
   * kiosk apologizes and points to the desk: it is handled elsewhere. Ignored when no procedure
   * of the catalog has this level.
   */
  localLevel: string;
  otherLevelFactor: number;
}

export const DEFAULT_TUNING: BehaviorTuning = {
  minCoverage: 0.2,
  minScore: 0.15,
  minTitlePair: 1,
  clarifyRatio: 0.7,
  minClose: 4,
  nameBoost: 0.5,
  idfCap: 3,
  localLevel: 'xa',
  otherLevelFactor: 0.6,
};

export interface Ranked {
  doc: number;
  score: number;
  coverage: number;
  /** Share of the procedure's name words the query mentions. */
  namePrecision: number;
  /** True when the query mentions every word of the name's head ("đăng ký kết hôn"). */
  headCovered: boolean;
  /** Weight × idf of the most specific query word pair found in the name, result or field. */
  titlePair: number;
  /** Query terms found in the name, result or field. */
  titleTerms: Set<string>;
  /** The score before this kiosk's level is favoured (what the procedure explains, wherever it is done). */
  anyLevelScore: number;
}

/** The kiosk's search: Vietnamese-aware BM25F over the catalog plus a behaviour decision. */
export class VietnameseProcedureSearch implements ProcedureSearch {
  readonly index: SearchIndex;
  /** Per procedure: served at this kiosk's level (all true when the catalog has no such level). */
  private readonly local: boolean[];
  /** rank()'s per-procedure scores, reused (zeroed) by every call: a turn allocates none. */
  private readonly scores: Float64Array;

  /** Over an index already made (saved, updated), or builds one over `procedures`. */
  constructor(
    source: readonly Procedure[] | SearchIndex,
    private readonly tuning: BehaviorTuning = DEFAULT_TUNING,
  ) {
    this.index = source instanceof SearchIndex ? source : buildSearchIndex(source);
    const local = this.index.docs.map((p) => p.levels.includes(tuning.localLevel));
    this.local = local.some(Boolean) ? local : local.map(() => true);
    this.scores = new Float64Array(this.index.docs.length);
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
    const results: SearchHit[] = ranked.slice(0, limit).map((r) => {
      const p = this.index.docs[r.doc] as Procedure;
      return { code: p.code, name: p.name, score: Math.round(r.score * 1e4) / 1e4 };
    });
    return { behavior, results };
  }

  /** Scores every procedure sharing a term with the query; best first. */
  rank(q: AnalyzedQuery): Ranked[] {
    const { index } = this;
    const acc = this.scores.fill(0);
    let total = 0;
    for (const [term, weight] of q.terms) {
      const idf = index.idf(term);
      if (!q.bonus.has(term)) total += weight * idf;
      index.addScores(term, weight * idf, acc);
    }
    // Words the catalog does not know still count in the total: they are what the citizen meant.
    for (const c of q.content) if (!index.has(c.word) && c.alternatives.length === 0) total += index.maxIdf();
    // Only the best RANKED procedures become objects: a question touches most of the catalog,
    // and an object (and a Set) per procedure touched was most of what a turn allocated.
    const best = topDocs(acc, RANKED);
    const top: Ranked[] = [];
    for (let i = 0; i < best.length; i++) {
      const doc = best[i] as number;
      top.push({
        doc,
        score: (acc[doc] as number) / Math.max(total, 1e-9),
        coverage: 0,
        namePrecision: 0,
        headCovered: false,
        titlePair: 0,
        titleTerms: new Set<string>(),
        anyLevelScore: 0,
      });
    }
    for (const r of top) {
      r.coverage = this.coverage(q, r.doc);
      r.namePrecision = this.namePrecision(q, r.doc);
      const head = this.index.nameHeads[r.doc] ?? [];
      r.headCovered = head.length > 0 && head.every((w) => q.terms.has(w));
      r.titlePair = this.titlePair(q, r.doc);
      for (const term of q.terms.keys())
        if (this.index.postingTitle(term, r.doc) === true) r.titleTerms.add(term);
      r.score *= 1 + this.tuning.nameBoost * r.namePrecision;
      r.anyLevelScore = r.score;
      if (!this.local[r.doc]) r.score *= this.tuning.otherLevelFactor;
    }
    return top.sort((a, b) => b.score - a.score);
  }

  /**
   * The most specific word pair of the query that this procedure has in its name, result or
   * field. In-scope requests name a thing ("khai tử", "tạm trú"); chatter and out-of-scope
   * requests at best share generic single words with a title.
   */
  private titlePair(q: AnalyzedQuery, doc: number): number {
    let best = 0;
    q.terms.forEach((weight, term) => {
      if (term.includes(' ') && this.index.postingTitle(term, doc) === true)
        best = Math.max(best, weight * this.index.idf(term));
    });
    return best;
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

  /**
   * Share of the citizen's content words that this procedure explains: a word in its name,
   * result or field counts fully, one only in the documents or steps half. Word weights are idf
   * capped at `idfCap`, so a chatty word the catalog never uses cannot outweigh the request.
   */
  private coverage(q: AnalyzedQuery, doc: number): number {
    const { index } = this;
    const cap = this.tuning.idfCap;
    let have = 0;
    let all = 0;
    for (const c of q.content) {
      const w = Math.min(cap, index.has(c.word) ? index.idf(c.word) : cap);
      all += w;
      let got = 0;
      const inTitle = index.postingTitle(c.word, doc);
      if (inTitle !== undefined) got = inTitle ? 1 : 0.5;
      for (const word of c.alternatives) {
        const title = index.postingTitle(word, doc);
        if (title !== undefined) got = Math.max(got, title ? 1 : 0.5);
      }
      have += w * got;
    }
    return all > 0 ? have / all : 0;
  }

  /**
   * Answer, clarify or apologize for candidates ranked best first (see rank). `lengthBlind`
   * drops the minimum score (a share of everything the query says), for callers that know a
   * long question's other words are about something else (what it asks, not which procedure).
   */
  decide(ranked: Ranked[], options: { lengthBlind?: boolean } = {}): SearchBehavior {
    const t = this.tuning;
    const best = ranked[0];
    if (
      !best ||
      best.coverage < t.minCoverage ||
      (!options.lengthBlind && best.score < t.minScore) ||
      best.titlePair < t.minTitlePair ||
      !this.local[best.doc]
    ) {
      return 'apologize';
    }
    // The citizen named this procedure (all of its head words): answer even if variants exist.
    if (best.headCovered) return 'answer';
    // Ambiguous: several procedures match everything the best one matches in its title, so the
    // query does not tell them apart ("xin giấy phép xây dựng": new, extension, re-issue...).
    const close = ranked
      .slice(0, 8)
      .filter(
        (r) =>
          r.score >= t.clarifyRatio * best.score && [...best.titleTerms].every((k) => r.titleTerms.has(k)),
      );
    return close.length >= t.minClose ? 'clarify' : 'answer';
  }
}

/** How many procedures rank() scores in full (name, coverage, title pairs), best first. */
const RANKED = 40;

/**
 * The docs of the `n` highest positive scores, best first; equal scores in document order (what
 * a stable sort of all of them by score gives).
 */
export function topDocs(scores: Float64Array, n: number): Int32Array {
  const docs = new Int32Array(n);
  let size = 0;
  for (let doc = 0; doc < scores.length; doc++) {
    const s = scores[doc] as number;
    if (!(s > 0)) continue;
    if (size === n && s <= (scores[docs[n - 1] as number] as number)) continue;
    // Insert after every kept doc scoring at least as much (earlier docs win ties).
    let at = size < n ? size++ : n - 1;
    while (at > 0 && (scores[docs[at - 1] as number] as number) < s) {
      docs[at] = docs[at - 1] as number;
      at--;
    }
    docs[at] = doc;
  }
  return docs.subarray(0, size);
}

/** The search the kiosk uses for a catalog. */
export function createProcedureSearch(source: readonly Procedure[] | SearchIndex): ProcedureSearch {
  return new VietnameseProcedureSearch(source);
}
