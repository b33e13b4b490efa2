import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { composeKiosk, type Kiosk } from '../../../app/compose.js';
import { stopKiosk } from '../../../app/lifecycle.js';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import { CatalogHolder } from '../../../domain/catalog/catalog-holder.js';
import { BODY_FIELDS, ProcedureBodies } from '../../../domain/catalog/procedure-bodies.js';
import type { CatalogFile } from '../../../domain/catalog/procedure.js';
import { buildSearchIndex } from '../../../domain/search/search-index.js';
import { validateConfig } from '../../../runtime/config/load.js';
import type { ServiceContext } from '../../../runtime/service.js';
import { openDatabase } from '../../../runtime/storage/database.js';
import { runNow } from '../../../runtime/steps.js';
import { tempDir } from '../../helpers/sim-process.js';
import { smallDisk } from '../../reliability/harness/small-disk.js';

const FIXTURE_FILE = 'test/fixtures/catalog/catalog-small.json';
const fixture = (): CatalogFile => parseCatalog(readFileSync(FIXTURE_FILE, 'utf8'));
const silent = pino({ level: 'silent' });
const ctx = (): ServiceContext => ({ signal: new AbortController().signal, fail: () => undefined });

const dirs: string[] = [];
let kiosk: Kiosk | undefined;
afterEach(async () => {
  if (kiosk) await stopKiosk(kiosk).catch(() => undefined);
  kiosk = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = (): string => {
  const d = tempDir('kiosk-bodies-');
  dirs.push(d);
  return d;
};

describe('Catalog: procedure bodies live in SQLite, not the JS heap (#16)', () => {
  it('the running kiosk keeps each body in its database and reads it from there when asked', async () => {
    const data = dir();
    const file = join(data, 'catalog.json');
    copyFileSync(FIXTURE_FILE, file);
    kiosk = composeKiosk(validateConfig({ storage: { dataDir: data }, catalog: { file } }));
    await kiosk.catalog.start(ctx());
    const procedures = kiosk.catalog.current!.catalog.procedures;
    const expected = fixture().procedures;
    const [first, second] = procedures;
    // The objects hold no body: each body field is read through the store.
    for (const field of BODY_FIELDS) {
      const d = Object.getOwnPropertyDescriptor(first, field);
      expect(d?.get, field).toBeTypeOf('function');
      expect(d && 'value' in d, field).toBe(false);
    }
    // What callers, JSON and the search index see is the procedure as the file has it.
    expect(JSON.stringify(first)).toBe(JSON.stringify(expected[0]));
    expect(first?.steps).toEqual(expected[0]?.steps);
    // The rows are in the kiosk's database file...
    const other = new Database(join(data, 'kiosk.db'));
    try {
      const rows = other.prepare('SELECT key, body FROM procedure_bodies').all() as {
        key: string;
        body: string;
      }[];
      // one row per distinct body (procedures with the same text share one)
      const distinct = new Set(expected.map((p) => JSON.stringify(BODY_FIELDS.map((f) => p[f]))));
      expect(rows).toHaveLength(distinct.size);
      // ... and a body not read yet is read from there: a row changed behind the kiosk's back shows.
      const key = ProcedureBodies.keyOf(second!)!;
      const row = rows.find((r) => r.key === key)!;
      other
        .prepare('UPDATE procedure_bodies SET body = ? WHERE key = ?')
        .run(JSON.stringify({ ...JSON.parse(row.body), steps: ['Bước đọc từ cơ sở dữ liệu'] }), key);
    } finally {
      other.close();
    }
    expect(second?.steps).toEqual(['Bước đọc từ cơ sở dữ liệu']);
    // Search still finds and ranks as before.
    expect(kiosk.catalog.current!.search.search('khai sinh').results.length).toBeGreaterThan(0);
  });

  it('a database that cannot take the bodies leaves them in memory (nothing lost)', () => {
    const d = dir();
    const file = join(d, 'kiosk.db');
    openDatabase(file).close();
    const readOnly = new Database(file, { readonly: true });
    try {
      const catalog = fixture();
      const stowed = runNow(new ProcedureBodies(readOnly, silent).stow(catalog.procedures));
      expect(stowed).toBe(0);
      expect(Object.getOwnPropertyDescriptor(catalog.procedures[0], 'steps')?.value).toEqual(
        fixture().procedures[0]?.steps,
      );
    } finally {
      readOnly.close();
    }
  });

  // a real small disk needs root (tmpfs); without it the page-limit disk has no free-space reading
  it.skipIf(process.getuid?.() !== 0)(
    'on a small data disk the texts stay in memory: they never take the room citizen records need',
    () => {
      const disk = smallDisk(16);
      const warnings: string[] = [];
      const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
      const db = openDatabase(join(disk.dir, 'kiosk.db'));
      try {
        const catalog = fixture();
        expect(runNow(new ProcedureBodies(db, log).stow(catalog.procedures))).toBe(0);
        expect(db.prepare('SELECT count(*) FROM procedure_bodies').pluck().get()).toBe(0);
        expect(catalog.procedures[1]?.documents).toEqual(fixture().procedures[1]?.documents);
        expect(warnings.join('')).toContain('MiB kept for citizen records; free space in');
      } finally {
        db.close();
        disk.cleanup();
      }
    },
  );

  it('a fleet delta keeps the rows of the procedures it keeps; rows two catalogs back are removed', async () => {
    const db = openDatabase(join(dir(), 'kiosk.db'));
    try {
      const bodies = new ProcedureBodies(db, silent);
      const holder = new CatalogHolder([], silent, undefined, { bodies });
      const count = () => (db.prepare('SELECT count(*) AS n FROM procedure_bodies').get() as { n: number }).n;
      const install = async (catalog: CatalogFile) => {
        await holder.install('catalog.json', { catalog, sha256: catalog.version });
        return holder.current!.catalog.procedures;
      };
      const v1 = fixture();
      const p1 = await install(v1);
      const n1 = count();
      // v2: the first procedure's steps change, the others are the same objects (as a delta keeps them)
      const changed = { ...fixture().procedures[0]!, steps: ['Bước mới'] };
      const p2 = await install({ ...v1, version: 'v2', procedures: [changed, ...p1.slice(1)] });
      expect(p2[1]).toBe(p1[1]);
      expect(ProcedureBodies.keyOf(p2[1]!)).toBe(ProcedureBodies.keyOf(p1[1]!));
      expect(count()).toBe(n1 + 1);
      // the first catalog's own row is still there while v2 replaced it (a screen may show it)
      expect(p1[0]?.steps).toEqual(fixture().procedures[0]?.steps);
      const p3 = await install({
        ...v1,
        version: 'v3',
        procedures: [{ ...changed, steps: ['Bước ba'] }, ...p2.slice(1)],
      });
      expect(count()).toBe(n1 + 1);
      expect(p3[0]?.steps).toEqual(['Bước ba']);
      expect(p2[0]?.steps).toEqual(['Bước mới']);
      expect(bodies.reads).toBeGreaterThan(0);
      // The index sees the stowed procedures as plain ones.
      expect(buildSearchIndex(p3).docs).toBe(p3);
    } finally {
      db.close();
    }
  });
});
