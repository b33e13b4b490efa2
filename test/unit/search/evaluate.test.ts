import { describe, expect, it } from 'vitest';
import type { SearchOutcome } from '../../../domain/catalog/search-types.js';
import { evaluateSearch, parseLabelledQueries } from '../../../domain/search/evaluate.js';

const hit = (code: string) => ({ code, name: code, score: 1 });

describe('Search: evaluation', () => {
  it('counts hit@k over labelled answer/clarify queries and behaviour over all', () => {
    const queries = parseLabelledQueries(
      [
        '{"id":"1","q":"a","expect_ids":["A"],"behavior":"answer"}',
        '{"id":"2","q":"b","expect_ids":["B","X"],"behavior":"clarify"}',
        '',
        '{"id":"3","q":"c","expect_ids":["C"],"behavior":"answer"}',
        '{"id":"4","q":"d","expect_ids":[],"behavior":"apologize"}',
      ].join('\n'),
    );
    const outcomes: Record<string, SearchOutcome> = {
      a: { behavior: 'answer', results: [hit('A'), hit('Z')] },
      b: { behavior: 'answer', results: [hit('Z'), hit('Y'), hit('X')] },
      c: { behavior: 'answer', results: [...'DEFGHIJKL'].map(hit).concat([hit('C')]) },
      d: { behavior: 'answer', results: [hit('A')] },
    };
    const q = evaluateSearch(queries, (text) => outcomes[text] as SearchOutcome);
    expect(q).toMatchObject({
      queries: 4,
      ranked: 3,
      hit1: 1 / 3,
      hit3: 2 / 3,
      hit10: 1,
      behaviorAccuracy: 0.5,
    });
    expect(q.confusion).toEqual({ 'answer->answer': 2, 'clarify->answer': 1, 'apologize->answer': 1 });
    expect(q.latencies).toHaveLength(4);
  });

  it('rejects a line without the labels, naming it', () => {
    expect(() => parseLabelledQueries('{"id":"1","q":"a"}')).toThrow(
      /line 1: needs "q", "expect_ids" and "behavior"/,
    );
  });
});
