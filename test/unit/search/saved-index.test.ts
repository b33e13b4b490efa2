import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import {
  createCatalogService,
  DEFAULT_CATALOG_PATH,
  loadCatalog,
} from '../../../domain/catalog/catalog-service.js';
import type { CatalogFile } from '../../../domain/catalog/procedure.js';
import { parseLabelledQueries } from '../../../domain/search/evaluate.js';
import { INDEX_FORMAT_VERSION, readIndexFile, writeIndexFile } from '../../../domain/search/index-file.js';
import { createProcedureSearch } from '../../../domain/search/procedure-search.js';
import { buildSearchIndex } from '../../../domain/search/search-index.js';

const FIXTURE = 'test/fixtures/catalog/catalog-small.json';
const QUERIES = '../shared/data/queries/dev_queries.jsonl';
/** Queries over the small fixture: exact names, no diacritics, abbreviations, Telex, typos, chatter. */
const FIXTURE_QUERIES = [
  'đăng ký khai sinh',
  'lam giay khai sinh cho con',
  'gks',
  'ddawng kys keets hoon',
  'ket hno',
  'đăng ký tạm trú',
  'o tro can giay to gi',
  'cấp lại giấy khai sinh bị mất',
  'xin giấy phép xây dựng',
  'hôm nay trời đẹp quá',
  'bhxh',
  'thủ tục',
];

let dir: string;
let fixture: CatalogFile;

beforeAll(() => {
  fixture = parseCatalog(readFileSync(FIXTURE, 'utf8'));
});
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  dir = mkdtempSync(join(tmpdir(), 'saved-index-'));
  return dir;
}

/** A logger whose lines the test reads. */
function recordingLog(): { log: pino.Logger; lines: { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l) as never);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

function outcomes(search: ReturnType<typeof createProcedureSearch>, queries: readonly string[]): unknown[] {
  return queries.map((q) => search.search(q, { limit: 10 }));
}

describe('Search: the saved index', () => {
  it('answers exactly as a freshly built index over the fixture catalog, read back from its file', async () => {
    const path = join(temp(), 'catalog.json');
    writeFileSync(path, JSON.stringify(fixture));
    const first = recordingLog();
    const built = await loadCatalog(path, { indexPath: `${path}.search-index`, log: first.log });
    expect(first.lines.some((l) => /search index built .*no saved index yet/.test(l.msg))).toBe(true);
    expect(existsSync(`${path}.search-index`)).toBe(true);
    const again = recordingLog();
    const read = await loadCatalog(path, { indexPath: `${path}.search-index`, log: again.log });
    expect(again.lines.some((l) => l.msg.startsWith('search index read from'))).toBe(true);
    const fresh = createProcedureSearch(fixture.procedures);
    expect(outcomes(read.search, FIXTURE_QUERIES)).toEqual(outcomes(fresh, FIXTURE_QUERIES));
    expect(outcomes(built.search, FIXTURE_QUERIES)).toEqual(outcomes(fresh, FIXTURE_QUERIES));
    // something is found for real: the comparison is not of empty lists
    expect(fresh.search('đăng ký khai sinh').results[0]?.code).toBe('1.001193');
  });

  it('a damaged file is not used: the index is built again, the log says why, the file is rewritten', async () => {
    const path = join(temp(), 'catalog.json');
    writeFileSync(path, JSON.stringify(fixture));
    const indexPath = `${path}.search-index`;
    await loadCatalog(path, { indexPath, log: recordingLog().log });
    const good = readFileSync(indexPath);
    const cases: [string, Buffer, RegExp][] = [
      [
        'one byte flipped in the postings',
        flip(good, Math.floor(good.length * 0.6)),
        /checksum does not match/,
      ],
      ['cut short', good.subarray(0, Math.floor(good.length / 2)), /damaged/],
      ['empty', Buffer.alloc(0), /not a saved search index/],
      ['another file', Buffer.from('{"format":"smart-kiosk-catalog"}'), /not a saved search index/],
    ];
    for (const [what, bytes, why] of cases) {
      writeFileSync(indexPath, bytes);
      const { log, lines } = recordingLog();
      const service = await loadCatalog(path, { indexPath, log });
      const line = lines.find((l) => l.msg.startsWith('search index built'));
      expect(line?.msg, what).toMatch(why);
      expect(line?.level, what).toBe(40); // warn: a damaged file is worth a technician's look
      expect(outcomes(service.search, FIXTURE_QUERIES), what).toEqual(
        outcomes(createProcedureSearch(fixture.procedures), FIXTURE_QUERIES),
      );
      expect(readFileSync(indexPath).equals(good), what).toBe(true);
    }
  });

  it('a file saved for another catalog or in another format version is built again', async () => {
    const path = join(temp(), 'catalog.json');
    writeFileSync(path, JSON.stringify(fixture));
    const indexPath = `${path}.search-index`;
    await loadCatalog(path, { indexPath, log: recordingLog().log });
    const saved = readFileSync(indexPath);
    // another catalog (one procedure less): the key no longer matches
    const smaller = { ...fixture, procedures: fixture.procedures.slice(1) };
    writeFileSync(path, JSON.stringify(smaller));
    const other = recordingLog();
    const service = await loadCatalog(path, { indexPath, log: other.log });
    expect(other.lines.find((l) => l.msg.startsWith('search index built'))?.msg).toMatch(
      /built for catalog [0-9a-f]{12}…, the catalog is [0-9a-f]{12}…/,
    );
    expect(service.catalog.procedures).toHaveLength(fixture.procedures.length - 1);
    expect(outcomes(service.search, FIXTURE_QUERIES)).toEqual(
      outcomes(createProcedureSearch(smaller.procedures), FIXTURE_QUERIES),
    );
    // another format version (the header says 0): not read, whatever its checksum
    writeFileSync(path, JSON.stringify(fixture));
    writeFileSync(
      indexPath,
      Buffer.from(
        saved.toString('latin1').replace(`"version":${INDEX_FORMAT_VERSION}`, '"version":0'),
        'latin1',
      ),
    );
    const version = recordingLog();
    await loadCatalog(path, { indexPath, log: version.log });
    expect(version.lines.find((l) => l.msg.startsWith('search index built'))?.msg).toMatch(
      new RegExp(`saved in format 0 .*this kiosk reads ${INDEX_FORMAT_VERSION}`),
    );
    expect((await readIndexFile(indexPath, sha(path))).ok).toBe(true);
  });

  it('an unwritable index folder only costs the build: the catalog loads, the log says so', async () => {
    const path = join(temp(), 'catalog.json');
    writeFileSync(path, JSON.stringify(fixture));
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const { log, lines } = recordingLog();
    const service = await loadCatalog(path, { indexPath: join(dir, 'not-a-folder', 'index'), log });
    expect(service.search.search('đăng ký khai sinh').results[0]?.code).toBe('1.001193');
    expect(lines.some((l) => l.level === 40 && /search index not saved/.test(l.msg))).toBe(true);
  });

  it('kill -9 in the middle of saving leaves a loadable index (the old or the new one)', async () => {
    const root = temp();
    const indexPath = join(root, 'catalog.json.search-index');
    const a = buildSearchIndex(fixture.procedures);
    await writeIndexFile(indexPath, a.data, 'a'.repeat(64));
    // A child (the built modules in dist/) saves two indexes in turn, as fast as it can, until killed.
    const script = `
      import { readFileSync } from 'node:fs';
      import { parseCatalog } from './dist/domain/catalog/catalog-file.js';
      import { writeIndexFile } from './dist/domain/search/index-file.js';
      import { buildSearchIndex } from './dist/domain/search/search-index.js';
      const fixture = parseCatalog(readFileSync(${JSON.stringify(FIXTURE)}, 'utf8'));
      const a = buildSearchIndex(fixture.procedures).data;
      const b = buildSearchIndex(fixture.procedures.slice(2)).data;
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) await writeIndexFile(${JSON.stringify(indexPath)}, i % 2 ? b : a, (i % 2 ? 'b' : 'a').repeat(64));
    `;
    const entry = join(root, 'writer.mjs');
    writeFileSync(
      entry,
      script
        .replaceAll("'./dist", `'${process.cwd()}/dist`)
        .replace('readFileSync("test', `readFileSync("${process.cwd()}/test`),
    );
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, [entry], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`writer exited (${code}): ${err}`)));
      });
      await new Promise((r) => setTimeout(r, 20 + round * 37));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const asA = await readIndexFile(indexPath, 'a'.repeat(64));
      const asB = await readIndexFile(indexPath, 'b'.repeat(64));
      expect(
        asA.ok || asB.ok,
        `round ${round}: ${JSON.stringify([asA, asB].map((r) => !r.ok && r.reason))}`,
      ).toBe(true);
    }
    // The next save clears the temporary files the kills left.
    await writeIndexFile(indexPath, a.data, 'a'.repeat(64));
    expect(readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 30_000);
});

describe.skipIf(!existsSync(QUERIES))(`Search: the saved index on the dev queries (needs ${QUERIES})`, () => {
  it('gives the same results as a freshly built index over the shipped catalog, for every dev query', async () => {
    const root = temp();
    const indexPath = join(root, 'shipped.search-index');
    const queries = parseLabelledQueries(readFileSync(QUERIES, 'utf8')).map((q) => q.q);
    expect(queries.length).toBeGreaterThan(100);
    await loadCatalog(DEFAULT_CATALOG_PATH, { indexPath, log: recordingLog().log });
    const { log, lines } = recordingLog();
    const read = await loadCatalog(DEFAULT_CATALOG_PATH, { indexPath, log });
    expect(lines.some((l) => l.msg.startsWith('search index read from'))).toBe(true);
    const fresh = createCatalogService(read.catalog);
    expect(outcomes(read.search, queries)).toEqual(outcomes(fresh.search, queries));
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const out = Buffer.from(bytes);
  out[at] = (out[at] ?? 0) ^ 0x40;
  return out;
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
