import type { SearchBehavior, SearchOutcome } from '../catalog/search-types.js';

/** One labelled query: `{"id","q","expect_ids":[codes],"behavior"}` (dev_queries.jsonl). */
export interface LabelledQuery {
  id: string;
  q: string;
  expect_ids: string[];
  behavior: SearchBehavior;
}

export interface SearchQuality {
  queries: number;
  /** Queries with expected codes (answer or clarify): the base of hit@k. */
  ranked: number;
  hit1: number;
  hit3: number;
  hit10: number;
  /** Share of all queries whose behaviour matches the label. */
  behaviorAccuracy: number;
  /** `label->predicted` → count. */
  confusion: Record<string, number>;
  /** Per-query latency in ms, in input order. */
  latencies: number[];
}

/** Parses a JSONL file of labelled queries; throws a TypeError naming the bad line. */
export function parseLabelledQueries(text: string): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const v = JSON.parse(line) as Partial<LabelledQuery>;
    if (typeof v.q !== 'string' || !Array.isArray(v.expect_ids) || typeof v.behavior !== 'string') {
      throw new TypeError(`line ${i + 1}: needs "q", "expect_ids" and "behavior"`);
    }
    out.push({ id: String(v.id ?? i + 1), q: v.q, expect_ids: v.expect_ids, behavior: v.behavior });
  });
  return out;
}

/**
 * hit@k: a query counts when any expected code is in the first k results (answer and clarify
 * queries), whatever the behaviour. Behaviour accuracy counts all queries.
 */
export function evaluateSearch(
  queries: readonly LabelledQuery[],
  search: (q: string) => SearchOutcome,
): SearchQuality {
  let ranked = 0;
  let hit1 = 0;
  let hit3 = 0;
  let hit10 = 0;
  let behaviorOk = 0;
  const confusion: Record<string, number> = {};
  const latencies: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const outcome = search(q.q);
    latencies.push(performance.now() - t0);
    const key = `${q.behavior}->${outcome.behavior}`;
    confusion[key] = (confusion[key] ?? 0) + 1;
    if (outcome.behavior === q.behavior) behaviorOk++;
    if (q.expect_ids.length === 0) continue;
    ranked++;
    const pos = outcome.results.findIndex((r) => q.expect_ids.includes(r.code));
    if (pos === 0) hit1++;
    if (pos >= 0 && pos < 3) hit3++;
    if (pos >= 0 && pos < 10) hit10++;
  }
  const share = (n: number, of: number): number => (of > 0 ? n / of : 0);
  return {
    queries: queries.length,
    ranked,
    hit1: share(hit1, ranked),
    hit3: share(hit3, ranked),
    hit10: share(hit10, ranked),
    behaviorAccuracy: share(behaviorOk, queries.length),
    confusion,
    latencies,
  };
}
