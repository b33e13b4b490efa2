import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../runtime/logger.js';
import { createProcedureSearch } from '../search/procedure-search.js';
import { buildSearchIndex, type SearchIndex } from '../search/search-index.js';
import { readCatalogSource } from './catalog-file.js';
import { indexCatalog, type CatalogIndexOptions } from './catalog-index.js';
import { readCatalogSourceSliced } from './catalog-parse.js';
import type { CatalogFile, Procedure } from './procedure.js';
import type { ProcedureSearch } from './search-types.js';

/** A loaded catalog with its search index: what screens and flows use. */
export interface CatalogService {
  readonly catalog: CatalogFile;
  readonly search: ProcedureSearch;
  /** The index behind `search` (kept for catalog updates, which change only what they change). */
  readonly index: SearchIndex;
  /** sha256 (hex) of the file it was read from, when read from one. */
  readonly sha256?: string;
  /** The procedure with this portal code, e.g. "1.001193". */
  get(code: string): Procedure | undefined;
}

/** The commune-level catalog shipped with the kiosk (built by `kiosk catalog import --level xa`). */
export const DEFAULT_CATALOG_PATH = join(projectRoot(), 'data', 'catalog-xa.json.gz');

/** The folder holding package.json, found from this file (works from sources and from dist/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Builds the service from an already-parsed catalog (tests, fleet updates), or over an index made for it. */
export function createCatalogService(
  catalog: CatalogFile,
  made?: { index: SearchIndex; sha256?: string },
): CatalogService {
  const byCode = new Map(catalog.procedures.map((p) => [p.code, p]));
  const index = made?.index ?? buildSearchIndex(catalog.procedures);
  if (index.docs !== catalog.procedures) throw new TypeError('index: made for another procedure list');
  const search = createProcedureSearch(index);
  return {
    catalog,
    search,
    index,
    ...(made?.sha256 ? { sha256: made.sha256 } : {}),
    get: (code) => byCode.get(code),
  };
}

/**
 * Reads a catalog file (`.json` or `.json.gz`), validates it and indexes it for search (reading
 * the index saved at `options.indexPath` when it was made for this file, else saving it there).
 * Throws CatalogError (what is wrong and how to fix it) when the file is missing or malformed.
 */
export async function loadCatalog(
  path: string = DEFAULT_CATALOG_PATH,
  options: CatalogIndexOptions = {},
): Promise<CatalogService> {
  const t0 = performance.now();
  const log = options.log ?? createLogger('catalog');
  const source = options.sliced ? await readCatalogSourceSliced(path) : await readCatalogSource(path);
  const { index, origin } = await indexCatalog(source, { ...options, log });
  const service = createCatalogService(source.catalog, { index, sha256: source.sha256 });
  log.info(
    {
      path,
      version: source.catalog.version,
      procedures: source.catalog.procedures.length,
      index: origin.from,
      ms: Math.round(performance.now() - t0),
    },
    'catalog loaded',
  );
  return service;
}
