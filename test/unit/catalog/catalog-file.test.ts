import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog, readCatalogFile } from '../../../domain/catalog/catalog-file.js';
import {
  createCatalogService,
  DEFAULT_CATALOG_PATH,
  loadCatalog,
} from '../../../domain/catalog/catalog-service.js';
import { tempDir } from '../../helpers/sim-process.js';

const SMALL = 'test/fixtures/catalog/catalog-small.json';
const dirs: string[] = [];

function dir(): string {
  const d = tempDir('kiosk-catalog-');
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('Catalog: files and service', () => {
  it('loads the shipped commune-level catalog by default, with search and lookup', async () => {
    const service = await loadCatalog();
    expect(DEFAULT_CATALOG_PATH).toMatch(/data\/catalog-xa\.json\.gz$/);
    expect(service.catalog.procedures.length).toBeGreaterThan(500);
    expect(service.catalog.procedures.every((p) => p.levels.includes('xa'))).toBe(true);
    expect(service.get('1.001193')?.name).toBe('Thủ tục đăng ký khai sinh');
    expect(service.get('9.999999')).toBeUndefined();
    const outcome = service.search.search('đăng ký khai sinh');
    expect(outcome.results[0]?.code).toBe('1.001193');
  });

  it('reads plain and gzip files alike', async () => {
    const d = dir();
    const text = readFileSync(SMALL, 'utf8');
    writeFileSync(join(d, 'c.json.gz'), gzipSync(text));
    const plain = await readCatalogFile(SMALL);
    const gz = await readCatalogFile(join(d, 'c.json.gz'));
    expect(gz).toEqual(plain);
    expect(createCatalogService(plain).get('1.000894')?.field).toBe('Hộ tịch');
  });

  it('rejects a missing, corrupt or foreign file with what is wrong and how to fix it', async () => {
    const d = dir();
    await expect(readCatalogFile(join(d, 'nope.json'))).rejects.toThrow(/cannot read .*kiosk catalog import/);
    writeFileSync(join(d, 'bad.json.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(readCatalogFile(join(d, 'bad.json.gz'))).rejects.toThrow(/corrupt gzip data/);
    expect(() => parseCatalog('{"format": "other"}', 'x.json')).toThrow(CatalogError);
    try {
      parseCatalog(
        '{"format":"smart-kiosk-catalog","version":"1","createdAt":"","procedures":[{"code":""}]}',
        'x.json',
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogError);
      const problems = (err as CatalogError).problems.join('\n');
      expect(problems).toMatch(/version: must look like "2026.11.25-1"/);
      expect(problems).toMatch(/procedures\.0\.name/);
    }
    expect(() => parseCatalog('not json', 'y.json')).toThrow(/y\.json: not valid JSON/);
  });

  it('rejects duplicate procedure codes', () => {
    const catalog = JSON.parse(readFileSync(SMALL, 'utf8')) as { procedures: unknown[] };
    catalog.procedures.push(catalog.procedures[0]);
    expect(() => parseCatalog(JSON.stringify(catalog), 'dup.json')).toThrow(/duplicate code "1\.001193"/);
  });
});
