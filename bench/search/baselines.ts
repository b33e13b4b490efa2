import Database from 'better-sqlite3';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Procedure } from '../../domain/catalog/procedure.js';
import type { ProcedureSearch, SearchOutcome } from '../../domain/catalog/search-types.js';
import { foldText, foldTokens } from '../../domain/search/normalize.js';

/**
 * Off-the-shelf search libraries set up the way a developer would for this catalog: the same
 * fields (name boosted over field, result and documents), diacritic folding (đ→d) on both sides,
 * OR semantics and their own ranking. They have no abbreviations, Telex or behaviour logic:
 * any result means "answer", none means "apologize".
 */
export interface Baseline extends ProcedureSearch {
  readonly name: string;
  close(): void;
}

// A type alias (not an interface) so it satisfies FlexSearch's indexable DocumentData.
type Row = {
  id: number;
  code: string;
  name: string;
  body: string;
};

function rows(procedures: readonly Procedure[]): Row[] {
  return procedures.map((p, id) => ({
    id,
    code: p.code,
    name: foldText(p.name),
    body: foldText([p.field, p.result, ...p.documents.map((d) => d.name)].join(' . ')),
  }));
}

function outcome(
  procedures: readonly Procedure[],
  hits: { id: number; score: number }[],
  limit: number,
): SearchOutcome {
  const results = hits.slice(0, limit).map((h) => {
    const p = procedures[h.id] as Procedure;
    return { code: p.code, name: p.name, score: Math.round(h.score * 1e4) / 1e4 };
  });
  return { behavior: results.length > 0 ? 'answer' : 'apologize', results };
}

export function createMiniSearch(procedures: readonly Procedure[]): Baseline {
  const index = new MiniSearch<Row>({
    fields: ['name', 'body'],
    storeFields: [],
    processTerm: (term) => foldText(term) || null,
    searchOptions: { boost: { name: 3 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  index.addAll(rows(procedures));
  return {
    name: 'MiniSearch 7.2',
    search(query, options) {
      const hits = index.search(foldText(query)).map((r) => ({ id: Number(r.id), score: r.score }));
      return outcome(procedures, hits, options?.limit ?? 10);
    },
    close() {},
  };
}

export function createFlexSearch(procedures: readonly Procedure[]): Baseline {
  const index = new Document<Row>({
    document: { id: 'id', index: ['name', 'body'] },
    tokenize: 'strict',
    encoder: { normalize: (s: string) => foldText(s) },
  });
  for (const row of rows(procedures)) index.add(row);
  return {
    name: 'FlexSearch 0.8',
    search(query, options) {
      const limit = options?.limit ?? 10;
      const q = foldText(query);
      // Name matches first (weight 3), then body matches; FlexSearch returns ids per field in rank order.
      const score = new Map<number, number>();
      for (const field of index.search(q, { limit: 50, suggest: true })) {
        const weight = field.field === 'name' ? 3 : 1;
        field.result.forEach((id, rank) => {
          score.set(Number(id), (score.get(Number(id)) ?? 0) + weight / (1 + rank));
        });
      }
      const hits = [...score].map(([id, s]) => ({ id, score: s })).sort((a, b) => b.score - a.score);
      return outcome(procedures, hits, limit);
    },
    close() {},
  };
}

export function createFts5(procedures: readonly Procedure[]): Baseline {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE p USING fts5(name, body, tokenize = 'unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO p(rowid, name, body) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const r of rows(procedures)) insert.run(r.id, r.name, r.body);
  })();
  const select = db.prepare(
    'SELECT rowid AS id, -bm25(p, 3.0, 1.0) AS score FROM p WHERE p MATCH ? ORDER BY bm25(p, 3.0, 1.0) LIMIT ?',
  );
  return {
    name: 'SQLite FTS5',
    search(query, options) {
      const limit = options?.limit ?? 10;
      const words = [...new Set(foldTokens(query))];
      if (words.length === 0) return { behavior: 'apologize', results: [] };
      const match = words.map((w) => `"${w}"`).join(' OR ');
      const hits = select.all(match, limit) as { id: number; score: number }[];
      return outcome(procedures, hits, limit);
    },
    close() {
      db.close();
    },
  };
}
