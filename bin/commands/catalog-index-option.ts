import type { Command } from 'commander';
import type { CatalogIndexOptions } from '../../domain/catalog/catalog-index.js';

/** `--index FILE` / `--no-index` of the commands that load a catalog to search it. */
export function addIndexOptions(command: Command): Command {
  return command
    .option(
      '--index <file>',
      'saved search index: read when made for this catalog, else built and saved there (default: read <catalog>.search-index when present)',
    )
    .option('--no-index', 'always build the search index, read no saved one');
}

/**
 * Where the catalog's saved search index is read (and written): the file given with --index,
 * read and written; by default `<catalog>.search-index`, read when present and never written
 * (a catalog's folder may be read-only or under version control); none with --no-index.
 */
export function indexOptions(catalogPath: string, index: string | boolean | undefined): CatalogIndexOptions {
  if (index === false) return {};
  if (typeof index === 'string') return { indexPath: index };
  return { indexPath: `${catalogPath}.search-index`, save: false };
}
