import { createReadStream, existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { CatalogError, readCatalogFile } from '../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../domain/catalog/catalog-service.js';
import { addIndexOptions, indexOptions } from './catalog-index-option.js';
import { importPortalFile, type ImportLevel, type ImportReport } from '../../domain/catalog/portal-import.js';
import type { SearchOutcome } from '../../domain/catalog/search-types.js';
import { configureLogging } from '../../runtime/logger.js';

/** `kiosk catalog import|search|info`: build the procedure catalog and query it. */
export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('procedure catalog: import from the portal, search');

  catalog
    .command('import')
    .description('build a catalog from the National Public Service Portal crawl (JSONL)')
    .requiredOption('--portal <file>', 'portal_procedures.jsonl')
    .requiredOption('--out <file>', 'catalog to write (.json, or .json.gz to compress)')
    .option('--level <level>', 'xa (commune level only) or all', 'xa')
    .option('--quiet', 'no progress on stderr')
    .action(async (opts: { portal: string; out: string; level: string; quiet?: boolean }) => {
      if (opts.level !== 'xa' && opts.level !== 'all') {
        process.stderr.write(`--level: must be "xa" or "all", got "${opts.level}"\n`);
        process.exitCode = 2;
        return;
      }
      if (!existsSync(opts.portal)) {
        process.stderr.write(`--portal: ${opts.portal} does not exist\n`);
        process.exitCode = 2;
        return;
      }
      const previousVersion = await previousCatalogVersion(opts.out);
      const { catalog: built, report } = await importPortalFile(opts.portal, {
        level: opts.level as ImportLevel,
        ...(previousVersion ? { previousVersion } : {}),
        onProgress: opts.quiet
          ? undefined
          : (p) => {
              const pct =
                p.totalBytes > 0 ? Math.min(100, Math.round((p.bytesRead / p.totalBytes) * 100)) : 100;
              process.stderr.write(`\rimporting: line ${p.line} (${pct}%)`);
            },
      });
      if (!opts.quiet) process.stderr.write('\n');
      const json = JSON.stringify(built);
      const bytes = opts.out.endsWith('.gz') ? gzipSync(json, { level: 9 }) : Buffer.from(`${json}\n`);
      const tmp = `${opts.out}.tmp-${process.pid}`;
      await writeFile(tmp, bytes);
      await rename(tmp, opts.out);
      process.stdout.write(formatReport(report, opts, built.version, bytes.length));
      if (report.imported === 0) process.exitCode = 1;
    });

  const search = catalog
    .command('search')
    .description('search a catalog: one query, or --queries FILE.jsonl ({"id","q"} per line) → JSON lines')
    .argument('[query]', 'what a citizen typed')
    .option('--catalog <file>', 'catalog file (.json or .json.gz)', DEFAULT_CATALOG_PATH);
  addIndexOptions(search)
    .option('--json', 'print {"behavior","results"} as JSON')
    .option('--queries <file>', 'JSONL file of {"id","q"}; prints {"id","behavior","results"} per line')
    .option('--limit <n>', 'results per query', '10')
    .action(
      async (
        query: string | undefined,
        opts: { catalog: string; json?: boolean; queries?: string; limit: string; index?: string | boolean },
      ) => {
        configureLogging({ level: 'warn', destination: process.stderr });
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
          process.stderr.write(`--limit: must be a whole number from 1 to 100, got "${opts.limit}"\n`);
          process.exitCode = 2;
          return;
        }
        if (!opts.queries && (query === undefined || query.trim() === '')) {
          process.stderr.write('give a query, or --queries FILE.jsonl\n');
          process.exitCode = 2;
          return;
        }
        let service;
        try {
          service = await loadCatalog(opts.catalog, indexOptions(opts.catalog, opts.index));
        } catch (err) {
          if (!(err instanceof CatalogError)) throw err;
          process.stderr.write(`${err.message}\n`);
          process.exitCode = 1;
          return;
        }
        if (opts.queries) {
          process.exitCode = await searchBatch(opts.queries, (q) => service.search.search(q, { limit }));
          return;
        }
        const outcome = service.search.search(query ?? '', { limit });
        if (opts.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
        else process.stdout.write(formatOutcome(outcome));
      },
    );

  catalog
    .command('info')
    .description('validate a catalog file and print its version and counts')
    .argument('[file]', 'catalog file', DEFAULT_CATALOG_PATH)
    .action(async (file: string) => {
      try {
        const c = await readCatalogFile(file);
        const fields = new Set(c.procedures.map((p) => p.field));
        process.stdout.write(
          `${file}: version ${c.version}, created ${c.createdAt}, ${c.procedures.length} procedures in ${fields.size} fields${c.source ? `, from ${c.source}` : ''}\n`,
        );
      } catch (err) {
        if (!(err instanceof CatalogError)) throw err;
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 1;
      }
    });
}

async function previousCatalogVersion(path: string): Promise<string | undefined> {
  if (!existsSync(path)) return undefined;
  try {
    return (await readCatalogFile(path)).version;
  } catch {
    return undefined; // an unreadable old file is simply replaced
  }
}

/** Batch mode: one output line per input query; malformed lines go to stderr. Returns the exit code. */
async function searchBatch(file: string, search: (q: string) => SearchOutcome): Promise<number> {
  if (!existsSync(file)) {
    process.stderr.write(`--queries: ${file} does not exist\n`);
    return 2;
  }
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      process.stderr.write(`${file}:${lineNo}: not valid JSON, skipped\n`);
      bad++;
      continue;
    }
    const { id, q } = (typeof rec === 'object' && rec !== null ? rec : {}) as { id?: unknown; q?: unknown };
    if (typeof q !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) {
      process.stderr.write(`${file}:${lineNo}: needs "id" (text) and "q" (text), skipped\n`);
      bad++;
      continue;
    }
    const outcome = search(q);
    process.stdout.write(`${JSON.stringify({ id, behavior: outcome.behavior, results: outcome.results })}\n`);
  }
  return bad > 0 ? 1 : 0;
}

function formatOutcome(outcome: SearchOutcome): string {
  const label = {
    answer: 'answer (one clear match)',
    clarify: 'clarify (several close matches: ask the citizen to choose)',
    apologize: 'apologize (nothing relevant: refer to the reception desk)',
  }[outcome.behavior];
  const lines = [`behavior: ${label}`];
  outcome.results.forEach((r, i) =>
    lines.push(`${String(i + 1).padStart(2)}. ${r.code}  ${r.score.toFixed(3)}  ${r.name}`),
  );
  return `${lines.join('\n')}\n`;
}

function formatReport(
  report: ImportReport,
  opts: { out: string; level: string },
  version: string,
  bytes: number,
): string {
  const out = [
    `catalog ${opts.out}: version ${version}, ${report.imported} procedures (level ${opts.level}), ${(bytes / 1024).toFixed(0)} KiB`,
    `lines read: ${report.lines}; imported: ${report.imported}; left out by level: ${report.filtered}; malformed lines skipped: ${report.errors.length}`,
  ];
  const fields = Object.entries(report.fieldProblems);
  if (fields.length > 0) {
    out.push(
      `fields that could not be fully parsed: ${fields.map(([f, n]) => `${f} in ${n} procedures`).join(', ')}`,
    );
    for (const d of report.problemDetails) out.push(`  line ${d.line}: ${d.message}`);
  }
  for (const e of report.errors) out.push(`  line ${e.line}: ${e.message}`);
  return `${out.join('\n')}\n`;
}
