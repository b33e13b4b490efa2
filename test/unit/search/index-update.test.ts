import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../../domain/catalog/catalog-service.js';
import type { CatalogFile, Procedure } from '../../../domain/catalog/procedure.js';
import { parseLabelledQueries } from '../../../domain/search/evaluate.js';
import { createProcedureSearch } from '../../../domain/search/procedure-search.js';
import {
  buildSearchIndex,
  updateSearchIndex,
  type SearchIndex,
} from '../../../domain/search/search-index.js';
import { runNow } from '../../../runtime/steps.js';

const QUERIES = '../shared/data/queries/dev_queries.jsonl';
const FIXTURE_QUERIES = [
  'đăng ký khai sinh',
  'lam giay khai sinh cho con',
  'gks',
  'ddawng kys keets hoon',
  'ket hno',
  'đăng ký tạm trú',
  'cấp lại giấy khai sinh bị mất',
  'xin giấy phép xây dựng',
  'hôm nay trời đẹp quá',
  'thủ tục đặc biệt mới',
  'khai tu',
];

let fixture: CatalogFile;
beforeAll(() => {
  fixture = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
});

function outcomes(index: SearchIndex, queries: readonly string[]): unknown[] {
  const search = createProcedureSearch(index);
  return queries.map((q) => search.search(q, { limit: 10 }));
}

/** A changed copy of a procedure: new object, new words (and a word no procedure had). */
function edited(p: Procedure, words: string): Procedure {
  return { ...p, name: `${p.name} ${words}`, steps: [...p.steps, `Bước mới: ${words}.`] };
}

describe('Search: the index updated for a catalog delta', () => {
  it('reads only the changed procedures and answers exactly as a full rebuild (edit, remove, add, reorder)', () => {
    const base = fixture.procedures;
    const index = buildSearchIndex(base);
    const next = base.map((p, i) => (i % 3 === 1 ? edited(p, 'đặc biệt mới') : p)).filter((_, i) => i !== 2);
    const added: Procedure = {
      ...(base[0] as Procedure),
      code: '9.999999',
      name: 'Đăng ký khai tử lưu động mới',
    };
    next.splice(1, 0, added);
    const changed = next.filter((p) => !base.includes(p)).length;
    const { index: updated, read, kept } = runNow(updateSearchIndex(index, next));
    expect(read).toBe(changed);
    expect(kept).toBe(next.length - changed);
    expect(outcomes(updated, FIXTURE_QUERIES)).toEqual(outcomes(buildSearchIndex(next), FIXTURE_QUERIES));
    // the new words are found, the removed procedure is not
    expect(createProcedureSearch(updated).search('khai tử lưu động mới').results[0]?.code).toBe('9.999999');
    expect(updated.docs.map((p) => p.code)).not.toContain(base[2]?.code);
    // the old index still answers for its own catalog (in-flight searches keep working)
    expect(outcomes(index, FIXTURE_QUERIES)).toEqual(outcomes(buildSearchIndex(base), FIXTURE_QUERIES));
  });

  it('a catalog that changes its order gives the same results as a full rebuild', () => {
    const base = fixture.procedures;
    const index = buildSearchIndex(base);
    const next = [...base].reverse().map((p, i) => (i === 0 ? edited(p, 'ghi chú') : p));
    const { index: updated, read } = runNow(updateSearchIndex(index, next));
    expect(read).toBe(1);
    expect(outcomes(updated, FIXTURE_QUERIES)).toEqual(outcomes(buildSearchIndex(next), FIXTURE_QUERIES));
  });

  it('a chain of updates stays the same as a rebuild of the last catalog', () => {
    let procedures = fixture.procedures;
    let index = buildSearchIndex(procedures);
    for (let round = 0; round < 4; round++) {
      procedures = procedures.map((p, i) => (i % 4 === round ? edited(p, `vòng ${round} sửa đổi`) : p));
      index = runNow(updateSearchIndex(index, procedures)).index;
    }
    expect(outcomes(index, FIXTURE_QUERIES)).toEqual(outcomes(buildSearchIndex(procedures), FIXTURE_QUERIES));
  });
});

describe.skipIf(!existsSync(QUERIES))(`Search: updated index on the dev queries (needs ${QUERIES})`, () => {
  it('a 10-procedure delta on the shipped catalog answers every dev query as a full rebuild', async () => {
    const { catalog, index } = await loadCatalog(DEFAULT_CATALOG_PATH);
    const queries = parseLabelledQueries(readFileSync(QUERIES, 'utf8')).map((q) => q.q);
    const step = Math.floor(catalog.procedures.length / 10);
    const next = catalog.procedures.map((p, i) => (i % step === 0 ? edited(p, 'sửa đổi bổ sung') : p));
    const { index: updated, read } = runNow(updateSearchIndex(index, next));
    expect(read).toBeGreaterThanOrEqual(10);
    expect(outcomes(updated, queries)).toEqual(outcomes(buildSearchIndex(next), queries));
  });
});
