import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { DEFAULT_CATALOG_PATH } from '../../domain/catalog/catalog-service.js';
import { importPortalFile } from '../../domain/catalog/portal-import.js';
import type { CatalogFile, Procedure } from '../../domain/catalog/procedure.js';
import { parseLabelledQueries } from '../../domain/search/evaluate.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { collectGarbage } from '../collect-garbage.js';

/**
 * The search index itself (#13 "index build ≤ 1 s", #16 "10-procedure delta ... search index
 * updated incrementally"): build, 10-procedure delta update, per-query CPU, heap, and the longest
 * event-loop block while a whole catalog is indexed in slices. With KIOSK_BENCH_BASELINE_DIST
 * (another build's dist/ folder, e.g. a copy of main's) both builds run alternately in this one
 * process, and each figure is also given as new / baseline, so the ratio holds on a busy machine.
 * KIOSK_BENCH_ROUNDS (default 5) sets the rounds; the load average is in every note.
 */
const ROUNDS = Number(process.env.KIOSK_BENCH_ROUNDS ?? 5);
const BASELINE = process.env.KIOSK_BENCH_BASELINE_DIST && resolve(process.env.KIOSK_BENCH_BASELINE_DIST);
const PORTAL = join(process.cwd(), '..', 'shared', 'data', 'tthc', 'portal_procedures.jsonl');
const QUERIES = join(process.cwd(), '..', 'shared', 'data', 'queries', 'dev_queries.jsonl');
const HERE = new URL('../../', import.meta.url);
const SUITE = 'search-index';

/** What this suite uses of a build (the same names in older builds). */
interface Build {
  label: string;
  buildSearchIndex(p: readonly Procedure[]): unknown;
  buildSearchIndexSteps(p: readonly Procedure[]): Generator<void, unknown, void>;
  updateSearchIndex(index: unknown, next: readonly Procedure[]): Generator<void, { index: unknown }, void>;
  runNow<T>(steps: Generator<void, T, void>): T;
  runInSlices<T>(steps: Generator<void, T, void>): Promise<T>;
  createProcedureSearch(index: unknown): { search(q: string): unknown };
}

async function loadBuild(label: string, dist: URL): Promise<Build> {
  const at = (p: string) => import(new URL(p, dist).href) as Promise<Record<string, unknown>>;
  const index = await at('domain/search/search-index.js');
  const steps = await at('runtime/steps.js');
  const search = await at('domain/search/procedure-search.js');
  return { label, ...index, ...steps, ...search } as unknown as Build;
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** The catalog with every `step`-th procedure renamed (new objects; the others kept). */
function tenChanged(procedures: readonly Procedure[]): Procedure[] {
  const step = Math.max(1, Math.floor(procedures.length / 10));
  return procedures.map((p, i) =>
    i % step === 0 && i / step < 10 ? { ...p, name: `${p.name} (sửa đổi)` } : p,
  );
}

interface Figures {
  build: number[];
  update: number[];
  query: number[];
  heap: number[];
  block: number[];
}

async function measure(
  b: Build,
  procedures: readonly Procedure[],
  queries: readonly string[],
  f: Figures,
  gc: () => void,
): Promise<void> {
  gc();
  const mem0 = process.memoryUsage();
  let c = process.cpuUsage();
  const index = b.buildSearchIndex(procedures);
  f.build.push(cpuMs(process.cpuUsage(c)));
  gc();
  const mem1 = process.memoryUsage();
  f.heap.push((mem1.heapUsed + mem1.arrayBuffers - mem0.heapUsed - mem0.arrayBuffers) / 2 ** 20);
  const next = tenChanged(procedures);
  c = process.cpuUsage();
  b.runNow(b.updateSearchIndex(index, next));
  f.update.push(cpuMs(process.cpuUsage(c)));
  const search = b.createProcedureSearch(index);
  for (const q of queries.slice(0, 20)) search.search(q);
  for (const q of queries) {
    c = process.cpuUsage();
    for (let i = 0; i < 5; i++) search.search(q);
    f.query.push(cpuMs(process.cpuUsage(c)) / 5);
  }
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await b.runInSlices(b.buildSearchIndexSteps(procedures));
  h.disable();
  f.block.push(h.max / 1e6);
}

const median = (v: number[]): number => percentile(v, 50);

const suite: BenchSuite = {
  name: SUITE,
  unavailable: () => (existsSync(DEFAULT_CATALOG_PATH) ? undefined : `${DEFAULT_CATALOG_PATH} not found`),
  async run(): Promise<BenchResult[]> {
    const gc = collectGarbage();
    const builds = [await loadBuild('new', HERE)];
    if (BASELINE) builds.push(await loadBuild('baseline', pathToFileURL(`${BASELINE}/`)));
    const catalogs: [string, readonly Procedure[]][] = [
      [
        'commune',
        (JSON.parse(gunzipSync(readFileSync(DEFAULT_CATALOG_PATH)).toString('utf8')) as CatalogFile)
          .procedures,
      ],
    ];
    if (existsSync(PORTAL))
      catalogs.push([
        'portal',
        (await importPortalFile(PORTAL, { level: 'all', now: new Date('2026-11-25T00:00:00Z') })).catalog
          .procedures,
      ]);
    const queries = existsSync(QUERIES)
      ? parseLabelledQueries(readFileSync(QUERIES, 'utf8')).map((q) => q.q)
      : ['đăng ký khai sinh', 'ket hno', 'gks', 'tạm trú', 'xin giấy phép xây dựng'];
    const out: BenchResult[] = [];
    for (const [label, procedures] of catalogs) {
      const figures = new Map(
        builds.map((b) => [b.label, { build: [], update: [], query: [], heap: [], block: [] } as Figures]),
      );
      const loads: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        loads.push(load());
        // alternate which build goes first
        const order = round % 2 === 0 ? builds : [...builds].reverse();
        for (const b of order) await measure(b, procedures, queries, figures.get(b.label) as Figures, gc);
      }
      const note = `${procedures.length} procedures, ${ROUNDS} rounds, median; load ${loads[0]} … ${loads.at(-1)}`;
      const rows: [keyof Figures | 'query95', string, string][] = [
        ['build', 'index build, CPU', 'ms'],
        ['update', '10-procedure delta index update, CPU', 'ms'],
        ['query', 'search CPU per query p50', 'ms'],
        ['query95', 'search CPU per query p95', 'ms'],
        ['heap', 'index heap (JS heap + array buffers, after GC)', 'MiB'],
        ['block', 'sliced build: longest event-loop block', 'ms'],
      ];
      for (const [key, name, unit] of rows) {
        const value = (b: string): number => {
          const f = figures.get(b) as Figures;
          return key === 'query95' ? percentile(f.query, 95) : median(f[key]);
        };
        for (const b of builds)
          out.push({
            suite: SUITE,
            name: `${label}: ${name} (${b.label})`,
            value: value(b.label),
            unit,
            better: 'lower',
            note,
          });
        if (BASELINE)
          out.push({
            suite: SUITE,
            name: `${label}: ${name}, new / baseline`,
            value: value('new') / value('baseline'),
            unit: 'ratio',
            better: 'lower',
            note,
          });
      }
    }
    return out;
  },
};

export default suite;
