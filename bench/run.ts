import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import type { BenchResult, BenchSuite } from './bench-types.js';
import { configureLogging } from '../runtime/logger.js';

/**
 * `npm run bench [-- name-filter]`: runs every suite in bench/suites/, prints a table and writes
 * bench/results.json (in the source tree, next to this file's source).
 */
// Device logs would interleave with the table; KIOSK_LOG_LEVEL=info shows them.
configureLogging({ level: (process.env.KIOSK_LOG_LEVEL as 'info' | undefined) ?? 'error' });
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const suitesDir = join(here, 'suites');
const files = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.js'))
  .sort();
const results: BenchResult[] = [];
const skipped: { suite: string; reason: string }[] = [];

for (const file of files) {
  const suite = ((await import(pathToFileURL(join(suitesDir, file)).href)) as { default: BenchSuite })
    .default;
  if (filter && !suite.name.includes(filter)) continue;
  const reason = suite.unavailable?.();
  if (reason) {
    skipped.push({ suite: suite.name, reason });
    console.log(`- ${suite.name}: skipped (${reason})`);
    continue;
  }
  process.stdout.write(`- ${suite.name} ... `);
  const t0 = Date.now();
  const out = await suite.run();
  results.push(...out);
  console.log(`${out.length} results in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const rows = results.map((r) => [r.suite, r.name, formatValue(r.value), r.unit, r.better, r.note ?? '']);
const header = ['suite', 'measure', 'value', 'unit', 'better', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of rows) console.log(line(row));

const out = join(here, '..', '..', 'bench', 'results.json');
// A filtered run replaces the rows it measured, by suite and name, where they were; the rows it
// did not measure are kept (other suites, and a suite's parts not run: KIOSK_BENCH_LEAN=start).
// A full run writes every row anew.
let merged = results;
if (filter && existsSync(out)) {
  const previous = JSON.parse(readFileSync(out, 'utf8')) as { results?: BenchResult[] };
  merged = mergeResults(previous.results ?? [], results);
}
writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        arch: process.arch,
        node: process.version,
        memGiB: Math.round(os.totalmem() / 2 ** 30),
      },
      results: merged,
      skipped,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${out}`);

/** `previous` with each row of `fresh` in place of the one of the same suite and name, new ones after. */
function mergeResults(previous: BenchResult[], fresh: BenchResult[]): BenchResult[] {
  const key = (r: BenchResult): string => `${r.suite}\u0000${r.name}`;
  const byKey = new Map(fresh.map((r) => [key(r), r]));
  const merged = previous.map((r) => {
    const next = byKey.get(key(r));
    byKey.delete(key(r));
    return next ?? r;
  });
  return [...merged, ...byKey.values()];
}

function formatValue(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(4);
}
