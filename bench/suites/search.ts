import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalogFile } from '../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH } from '../../domain/catalog/catalog-service.js';
import type { Procedure } from '../../domain/catalog/procedure.js';
import type { ProcedureSearch } from '../../domain/catalog/search-types.js';
import { evaluateSearch, parseLabelledQueries } from '../../domain/search/evaluate.js';
import { stripDiacritics } from '../../domain/search/normalize.js';
import { createProcedureSearch } from '../../domain/search/procedure-search.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { collectGarbage } from '../collect-garbage.js';
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

/** Citizen-style damage to a query, to measure robustness (same labels, different typing). */
const VARIANTS: { label: string; apply: (q: string) => string }[] = [
  { label: 'no diacritics', apply: stripDiacritics },
  {
    // Swap the 2nd and 3rd letter of every third word of four letters or more ("thực" → "tựhc").
    label: 'typos',
    apply: (q) =>
      q
        .split(' ')
        .map((w, i) => (w.length >= 4 && i % 3 === 1 ? `${w[0]}${w[2]}${w[1]}${w.slice(3)}` : w))
        .join(' '),
  },
];

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
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
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const search = engine.build(catalog.procedures);
      const buildMs = performance.now() - t0;
      const buildCpu = cpuMs(process.cpuUsage(cpu0));
      gc();
      const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
      for (const q of queries.slice(0, 10)) search.search(q.q); // warm-up
      const quality = evaluateSearch(queries, (q) => search.search(q, { limit: 10 }));
      // Latency: five passes over all queries.
      const times = [...quality.latencies];
      for (let i = 0; i < 4; i++) times.push(...evaluateSearch(queries, (q) => search.search(q)).latencies);
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
      // CPU time per query (10 repetitions each, so the clock's granularity does not matter), which
      // a busy machine's scheduler does not inflate the way it inflates wall-clock time.
      const cpu = queries.map((q) => {
        const c0 = process.cpuUsage();
        for (let i = 0; i < 10; i++) search.search(q.q);
        return cpuMs(process.cpuUsage(c0)) / 10;
      });
      r('cpu per query p50', percentile(cpu, 50), 'ms', 'lower');
      r('cpu per query p95', percentile(cpu, 95), 'ms', 'lower');
      r('index build cpu', buildCpu, 'ms', 'lower');
      r('index build', buildMs, 'ms', 'lower');
      r(
        'index heap',
        Math.max(0, heapMiB),
        'MiB',
        'lower',
        'JS heap growth after GC (SQLite memory is native, not counted)',
      );
      if (engine.label === 'kiosk') {
        for (const v of VARIANTS) {
          const damaged = queries.map((q) => ({ ...q, q: v.apply(q.q) }));
          const dq = evaluateSearch(damaged, (q) => search.search(q));
          r(`hit@3 (${v.label})`, dq.hit3, 'ratio', 'higher');
          r(`behavior accuracy (${v.label})`, dq.behaviorAccuracy, 'ratio', 'higher');
        }
      }
      search.close?.();
    }
    return out;
  },
};

export default suite;
