import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../runtime/logger.js';
import { createProcedureSearch } from '../search/procedure-search.js';
import { readCatalogFile } from './catalog-file.js';
import type { CatalogFile, Procedure } from './procedure.js';
import type { ProcedureSearch } from './search-types.js';

/** A loaded catalog with its search index: what screens and flows use. */
export interface CatalogService {
  readonly catalog: CatalogFile;
  readonly search: ProcedureSearch;
  /** The procedure with this portal code, e.g. "1.001193". */
  get(code: string): Procedure | undefined;
}

/** The commune-level catalog shipped with the kiosk (built by `kiosk catalog import --level xa`). */
export const DEFAULT_CATALOG_PATH = join(projectRoot(), 'data', 'catalog-xa.json.gz');

/** The folder holding package.json, found from this file (works from sources and from dist/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Builds the service from an already-parsed catalog (tests, fleet updates). */
export function createCatalogService(catalog: CatalogFile): CatalogService {
  const byCode = new Map(catalog.procedures.map((p) => [p.code, p]));
  const search = createProcedureSearch(catalog.procedures);
  return { catalog, search, get: (code) => byCode.get(code) };
}

/**
 * Reads a catalog file (`.json` or `.json.gz`), validates it and indexes it for search.
 * Throws CatalogError (what is wrong and how to fix it) when the file is missing or malformed.
 */
export async function loadCatalog(path: string = DEFAULT_CATALOG_PATH): Promise<CatalogService> {
  const t0 = performance.now();
  const catalog = await readCatalogFile(path);
  const service = createCatalogService(catalog);
  createLogger('catalog').info(
    {
      path,
      version: catalog.version,
      procedures: catalog.procedures.length,
      ms: Math.round(performance.now() - t0),
    },
    'catalog loaded',
  );
  return service;
}
