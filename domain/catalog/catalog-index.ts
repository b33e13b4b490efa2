import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import { runInSlices, runNow } from '../../runtime/steps.js';
import { readIndexFile, writeIndexFile } from '../search/index-file.js';
import { buildSearchIndexSteps, indexFromData, type SearchIndex } from '../search/search-index.js';
import type { CatalogSource } from './catalog-file.js';

export interface CatalogIndexOptions {
  /** Where the catalog's search index is saved (read when its key matches, else built and written). */
  indexPath?: string;
  /** Write the index to `indexPath` when it was built (default true; false: only read it there). */
  save?: boolean;
  log?: Logger;
  /** Work in slices that leave the event loop free (the running kiosk); default at once. */
  sliced?: boolean;
}

/** How the index was made: read from the saved file, or built (and why the file was not used). */
export type IndexOrigin = { from: 'saved'; ms: number } | { from: 'built'; ms: number; reason: string };

/**
 * The search index of a catalog: read from `indexPath` when the file there was saved for this
 * very catalog file (its sha256) in this format, else built and saved there for the next start.
 * A damaged, mismatched or unwritable file only costs the build, with a log line saying why.
 */
export async function indexCatalog(
  source: CatalogSource,
  options: CatalogIndexOptions = {},
): Promise<{ index: SearchIndex; origin: IndexOrigin }> {
  const { indexPath, log } = options;
  const run = options.sliced ? runInSlices : <T>(s: Generator<void, T, void>) => Promise.resolve(runNow(s));
  const procedures = source.catalog.procedures;
  const t0 = performance.now();
  let reason = 'no index file configured';
  if (indexPath) {
    const saved = await readIndexFile(indexPath, source.sha256);
    if (saved.ok) {
      try {
        const index = await run(indexFromData(procedures, saved.data));
        const origin: IndexOrigin = { from: 'saved', ms: Math.round(performance.now() - t0) };
        log?.info({ indexPath, ...origin }, `search index read from ${indexPath}`);
        return { index, origin };
      } catch (err) {
        reason = `damaged: ${errorMessage(err)}`;
      }
    } else reason = saved.problem === 'damaged' ? `damaged: ${saved.reason}` : saved.reason;
  }
  const index = await run(buildSearchIndexSteps(procedures));
  const origin: IndexOrigin = { from: 'built', ms: Math.round(performance.now() - t0), reason };
  if (indexPath) {
    const line = `search index built (${origin.ms} ms): the saved index ${indexPath} was not used, ${reason}`;
    if (reason.startsWith('damaged')) log?.warn({ indexPath, ...origin }, line);
    else log?.info({ indexPath, ...origin }, line);
    if (options.save !== false) await saveCatalogIndex(indexPath, index, source.sha256, log);
  }
  return { index, origin };
}

/**
 * Saves an index for the next start (its data in catalog order, merged in slices when catalog
 * deltas left it in two parts); a failure (disk full, read-only) is logged, never thrown.
 */
export async function saveCatalogIndex(
  indexPath: string,
  index: SearchIndex,
  catalogSha256: string,
  log?: Logger,
): Promise<boolean> {
  try {
    await writeIndexFile(indexPath, await runInSlices(index.dataSteps()), catalogSha256);
    return true;
  } catch (err) {
    log?.warn(
      { indexPath, err: errorMessage(err) },
      `search index not saved to ${indexPath} (${errorMessage(err)}); the next start builds it again`,
    );
    return false;
  }
}
