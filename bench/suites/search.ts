import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readCatalogFile } from '../../runtime/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH } from '../../runtime/catalog/catalog-service.js';
import type { Procedure } from '../../runtime/catalog/procedure.js';
import type { ProcedureSearch } from '../../runtime/catalog/search-types.js';
import { evaluateSearch, parseLabelledQueries } from '../../runtime/search/evaluate.js';
import { createProcedureSearch } from '../../runtime/search/procedure-search.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { createFlexSearch, createFts5, createMiniSearch } from '../search/baselines.js';

/**
 * Procedure search quality and speed on the dev queries (../shared/data/queries): the kiosk's
 * search against MiniSearch, FlexSearch and SQLite FTS5 on the shipped commune-level catalog.
 */
const SHARED = join(process.cwd(), '..', 'shared', 'data');
const QUERIES = join(SHARED, 'queries', 'dev_queries.jsonl');

interface Engine {
  label: string;
  build(procedures: readonly Procedure[]): ProcedureSearch & { close?(): void };
}

const ENGINES: Engine[] = [
  { label: 'kiosk', build: (p) => createProcedureSearch(p) },
  { label: 'minisearch', build: createMiniSearch },
  { label: 'flexsearch', build: createFlexSearch },
  { label: 'sqlite-fts5', build: createFts5 },
];

function collectGarbage(): () => void {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

const suite: BenchSuite = {
  name: 'search',
  unavailable() {
    if (!existsSync(QUERIES)) return `shared data absent: ${QUERIES} not found (dev queries are not shipped)`;
    if (!existsSync(DEFAULT_CATALOG_PATH)) return `shipped catalog ${DEFAULT_CATALOG_PATH} not found`;
    return undefined;
  },
  async run(): Promise<BenchResult[]> {
    const gc = collectGarbage();
    const catalog = await readCatalogFile(DEFAULT_CATALOG_PATH);
    const queries = parseLabelledQueries(readFileSync(QUERIES, 'utf8'));
    const note = `${queries.length} dev queries, ${catalog.procedures.length} procedures`;
    const out: BenchResult[] = [];
    for (const engine of ENGINES) {
      gc();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const search = engine.build(catalog.procedures);
      const buildMs = performance.now() - t0;
      gc();
      const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
      for (const q of queries.slice(0, 10)) search.search(q.q); // warm-up
      const quality = evaluateSearch(queries, (q) => search.search(q, { limit: 10 }));
      // Latency: five passes over all queries.
      const times = [...quality.latencies];
      for (let i = 0; i < 4; i++) times.push(...evaluateSearch(queries, (q) => search.search(q)).latencies);
      search.close?.();
      const r = (
        name: string,
        value: number,
        unit: string,
        better: 'lower' | 'higher',
        extra?: string,
      ): void => {
        out.push({
          suite: 'search',
          name: `${engine.label} ${name}`,
          value,
          unit,
          better,
          note: extra ?? note,
        });
      };
      r('hit@1', quality.hit1, 'ratio', 'higher');
      r('hit@3', quality.hit3, 'ratio', 'higher');
      r('hit@10', quality.hit10, 'ratio', 'higher');
      r('behavior accuracy', quality.behaviorAccuracy, 'ratio', 'higher');
      r('latency p50', percentile(times, 50), 'ms', 'lower');
      r('latency p95', percentile(times, 95), 'ms', 'lower');
      r('index build', buildMs, 'ms', 'lower');
      r(
        'index heap',
        Math.max(0, heapMiB),
        'MiB',
        'lower',
        'JS heap growth after GC (SQLite memory is native, not counted)',
      );
    }
    return out;
  },
};

export default suite;
