import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH } from '../../../domain/catalog/catalog-service.js';
import type { Procedure } from '../../../domain/catalog/procedure.js';
import { VietnameseProcedureSearch } from '../../../domain/search/procedure-search.js';
import { analyzeQuery } from '../../../domain/search/query-analyzer.js';
import {
  buildSearchIndex,
  updateSearchIndex,
  type SearchIndex,
} from '../../../domain/search/search-index.js';
import { runNow } from '../../../runtime/steps.js';
import { seededRandom } from '../../reliability/harness/rng.js';

/**
 * A search index updated for catalog deltas, one after the other, against a fresh build over the
 * same catalog: the same postings (procedure, weight, title) for every word and pair, the same
 * document frequencies, and the same ranking with the same scores, on the shipped catalogs. The
 * deltas are random (seeded): edits that add and drop words, new procedures, removals, reorders.
 */

const FIXTURE = 'test/fixtures/catalog/catalog-small.json';
const EPSILON = 1e-12;
/** New words a delta may bring (some no catalog has), and the words it may drop. */
const NEW_WORDS = [
  'sửa đổi',
  'bổ sung',
  'lưu động',
  'điện tử',
  'khẩn cấp',
  'xyzabc',
  'liên thông mới',
  'tạm trú',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A changed copy of a procedure: words added to or dropped from its name, steps or documents. */
function edit(random: () => number, p: Procedure): Procedure {
  const words = pick(random, NEW_WORDS);
  switch (Math.floor(random() * 4)) {
    case 0:
      return { ...p, name: `${p.name} ${words}` };
    case 1:
      return { ...p, steps: [...p.steps.slice(1), `Bước ${words}.`] };
    case 2:
      return { ...p, documents: p.documents.slice(0, Math.max(0, p.documents.length - 1)) };
    default:
      return { ...p, name: p.name.split(' ').slice(0, -1).join(' ') || words, conditions: words };
  }
}

/** One random delta: some procedures edited, maybe some removed, added or the order changed. */
function delta(random: () => number, procedures: readonly Procedure[], round: number): Procedure[] {
  const edits = 1 + Math.floor(random() * Math.max(2, procedures.length / 15));
  let next = [...procedures];
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * next.length);
    next[at] = edit(random, next[at] as Procedure);
  }
  if (random() < 0.3) next.splice(Math.floor(random() * next.length), 1);
  if (random() < 0.3) {
    const source = pick(random, next);
    next.splice(Math.floor(random() * next.length), 0, {
      ...source,
      code: `9.${String(round).padStart(6, '0')}`,
      name: `${source.name} ${pick(random, NEW_WORDS)}`,
    });
  }
  const order = random();
  if (order < 0.15) next = next.reverse();
  else if (order < 0.3) {
    // a few procedures move
    for (let i = 0; i < 3; i++) {
      const [moved] = next.splice(Math.floor(random() * next.length), 1);
      next.splice(Math.floor(random() * next.length), 0, moved as Procedure);
    }
  }
  return next;
}

type Postings = Map<number, [tf: number, title: boolean]>;

function postingsOf(index: SearchIndex, term: string, problems: string[]): Postings {
  const out: Postings = new Map();
  index.eachPosting(term, (doc, tf, title) => {
    if (out.has(doc)) problems.push(`${term}: procedure ${doc} twice`);
    out.set(doc, [tf, title]);
  });
  return out;
}

/** Every word and word pair of the catalog's names, and the words of every field. */
function termsToCompare(procedures: readonly Procedure[], fresh: SearchIndex): string[] {
  const terms = new Set<string>();
  for (const words of fresh.nameWords) {
    for (const w of words) terms.add(w);
    for (let i = 1; i < words.length; i++) terms.add(`${words[i - 1]} ${words[i]}`);
  }
  for (const p of procedures.slice(0, 40))
    for (const text of [p.result, p.conditions, ...p.steps])
      for (const w of text.toLowerCase().split(/\s+/)) terms.add(w);
  for (const w of NEW_WORDS) terms.add(w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'));
  return [...terms];
}

function expectSameIndex(updated: SearchIndex, fresh: SearchIndex, procedures: readonly Procedure[]): void {
  expect(updated.docs).toBe(procedures);
  // differences are collected, then compared once (an expect per posting would take minutes)
  const problems: string[] = [];
  fresh.nameWords.forEach((words, i) => {
    if (words.join() !== updated.nameWords[i]?.join()) problems.push(`name words of ${i}`);
    if (fresh.nameHeads[i]?.join() !== updated.nameHeads[i]?.join()) problems.push(`name head of ${i}`);
  });
  for (const term of termsToCompare(procedures, fresh)) {
    if (updated.df(term) !== fresh.df(term))
      problems.push(`${term}: df ${updated.df(term)} ≠ ${fresh.df(term)}`);
    if (updated.vocabulary.has(term) !== fresh.vocabulary.has(term)) problems.push(`${term}: vocabulary`);
    const a = postingsOf(updated, term, problems);
    const b = postingsOf(fresh, term, problems);
    if (a.size !== b.size) problems.push(`${term}: ${a.size} postings ≠ ${b.size}`);
    for (const [doc, [tf, title]] of b) {
      const got = a.get(doc);
      if (!got) problems.push(`${term}: no posting for ${doc}`);
      else if (!(Math.abs(got[0] - tf) <= EPSILON) || got[1] !== title)
        problems.push(`${term} in ${doc}: ${got.join()} ≠ ${tf},${title}`);
      if (updated.postingTitle(term, doc) !== title) problems.push(`${term} in ${doc}: postingTitle`);
    }
  }
  expect(problems).toEqual([]);
}

function expectSameRanking(updated: SearchIndex, fresh: SearchIndex, queries: readonly string[]): void {
  const a = new VietnameseProcedureSearch(updated);
  const b = new VietnameseProcedureSearch(fresh);
  const problems: string[] = [];
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= EPSILON;
  for (const q of queries) {
    const ra = a.rank(analyzeQuery(q, updated));
    const rb = b.rank(analyzeQuery(q, fresh));
    if (ra.map((r) => r.doc).join() !== rb.map((r) => r.doc).join()) problems.push(`${q}: ranking`);
    ra.forEach((r, i) => {
      const s = rb[i];
      if (
        !s ||
        !close(r.score, s.score) ||
        !close(r.coverage, s.coverage) ||
        !close(r.titlePair, s.titlePair)
      )
        problems.push(`${q}: procedure ${r.doc} scored otherwise`);
    });
    if (JSON.stringify(a.search(q)) !== JSON.stringify(b.search(q))) problems.push(`${q}: outcome`);
  }
  expect(problems).toEqual([]);
}

/** Queries: the fixed ones, some names (whole, part, no diacritics, a typo) and the new words. */
function queriesFor(random: () => number, procedures: readonly Procedure[]): string[] {
  const out = [
    'đăng ký khai sinh',
    'ket hno',
    'gks',
    'tạm trú',
    'xin giấy phép xây dựng',
    'hôm nay trời đẹp',
  ];
  for (let i = 0; i < 4; i++) {
    const name = pick(random, procedures).name;
    const words = name.split(' ');
    out.push(name, words.slice(0, 4).join(' '), name.normalize('NFD').replace(/\p{M}/gu, ''));
    const w = words[1] ?? '';
    if (w.length > 3) out.push(`${words[0]} ${w[0]}${w[2]}${w[1]}${w.slice(3)}`);
  }
  return [...out, ...NEW_WORDS];
}

function runDeltas(
  procedures: readonly Procedure[],
  seed: number,
  rounds: number,
): { overlays: number; merges: number } {
  const random = seededRandom(seed);
  let catalog = procedures;
  let index = buildSearchIndex(catalog);
  let overlays = 0;
  let merges = 0;
  for (let round = 0; round < rounds; round++) {
    const next = delta(random, catalog, round);
    const changed = next.filter((p) => !catalog.includes(p)).length;
    const before = index;
    const { index: updated, read, kept } = runNow(updateSearchIndex(index, next));
    expect(read).toBe(changed);
    expect(kept).toBe(next.length - changed);
    if (updated.parts.segments.length === 2) {
      overlays++;
      // incremental: the catalog's entries are used where they are, not copied or weighed again
      expect(updated.parts.segments[0]).toBe(before.parts.segments[0]);
    } else merges++;
    const fresh = buildSearchIndex(next);
    expectSameIndex(updated, fresh, next);
    expectSameRanking(updated, fresh, queriesFor(random, next));
    // what is saved is the catalog in order, as a fresh build's data (up to the term numbering)
    const data = updated.data;
    expect([...data.lengths]).toEqual([...fresh.data.lengths]);
    expect(data.entryDoc.length).toBe(fresh.data.entryDoc.length);
    catalog = next;
    index = updated;
  }
  return { overlays, merges };
}

/** The chains went through both kinds of update: an overlay, and an overlay merged into the base. */
function expectBothKinds(runs: readonly { overlays: number; merges: number }[]): void {
  expect(runs.reduce((n, r) => n + r.overlays, 0)).toBeGreaterThan(0);
  expect(runs.reduce((n, r) => n + r.merges, 0)).toBeGreaterThan(0);
}

describe('Search: an index updated delta by delta is the index a fresh build makes', () => {
  it('over the small fixture catalog (random deltas, seeded)', () => {
    const { procedures } = parseCatalog(readFileSync(FIXTURE, 'utf8'));
    expectBothKinds([1, 2, 3].map((seed) => runDeltas(procedures, seed, 6)));
  });

  it('over the shipped commune catalog (random deltas, seeded)', () => {
    const { procedures } = parseCatalog(gunzipSync(readFileSync(DEFAULT_CATALOG_PATH)).toString('utf8'));
    expectBothKinds([runDeltas(procedures, 42, 10)]);
  });

  it('a 10-procedure delta leaves the old index answering for its own catalog', () => {
    const { procedures } = parseCatalog(gunzipSync(readFileSync(DEFAULT_CATALOG_PATH)).toString('utf8'));
    const index = buildSearchIndex(procedures);
    const step = Math.floor(procedures.length / 10);
    const next = procedures.map((p, i) => (i % step === 0 ? { ...p, name: `${p.name} sửa đổi` } : p));
    const { index: updated, read } = runNow(updateSearchIndex(index, next));
    expect(read).toBe(Math.ceil(procedures.length / step));
    expect(updated.parts.segments[0]).toBe(index.parts.segments[0]);
    expect(index.df('sua doi')).toBe(buildSearchIndex(procedures).df('sua doi'));
    expect(updated.df('sua doi')).toBe(buildSearchIndex(next).df('sua doi'));
  });
});
