import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import { runInSlices, runNow, type Steps } from '../../runtime/steps.js';
import { buildSearchIndexSteps, updateSearchIndex } from '../search/search-index.js';
import { saveCatalogIndex } from './catalog-index.js';
import { createCatalogService, loadCatalog, type CatalogService } from './catalog-service.js';
import type { ProcedureBodies } from './procedure-bodies.js';
import type { CatalogFile } from './procedure.js';

/** Where a catalog comes from, in the order they are tried. */
export type CatalogSource = 'configured' | 'fleet' | 'previous' | 'shipped';

export interface CatalogCandidate {
  path: string;
  source: CatalogSource;
}

/** Which catalog is in use and why, for the log, the fleet's status and its event. */
export interface CatalogCondition {
  /** ok: the first choice loaded; fallback: an older or the shipped one; failed: none. */
  state: 'ok' | 'fallback' | 'failed' | 'loading';
  source?: CatalogSource;
  path?: string;
  version?: string;
  /** The catalogs that failed to load before it, with why. */
  failed?: { source: CatalogSource; path: string; error: string }[];
  fix?: string;
}

const FIX =
  'the fleet sends a good catalog again (or kiosk fleet catalog publish); a local file: set catalog.file to a catalog built with `kiosk catalog import`';

export interface CatalogHolderOptions {
  /** Where the search index of a catalog file is saved (none: always built). */
  indexPath?: (path: string, source: CatalogSource) => string | undefined;
  /** Index in slices that leave the event loop free (the running kiosk). */
  sliced?: boolean;
  /** Where procedure bodies are kept instead of the JS heap (the running kiosk: its database). */
  bodies?: ProcedureBodies;
}

const SOURCE_NAME: Record<CatalogSource, string> = {
  configured: 'the configured catalog',
  fleet: 'the fleet catalog',
  previous: 'the previous fleet catalog',
  shipped: 'the catalog shipped with the kiosk',
};

/**
 * Loads the procedure catalog when the kiosk starts. It starts after the UI, so the screen (and
 * taking a number) is already up while the index is built. When the first choice (catalog.file,
 * else the fleet's catalog.json) cannot be loaded, it falls back to the fleet's `.previous`, then
 * to the catalog shipped with the kiosk, and says which in the log and in `condition` (the fleet
 * status); only when none loads do screens say that procedure search is unavailable.
 */
export class CatalogHolder implements Service {
  readonly name = 'catalog';
  private loaded: CatalogService | undefined;
  private failure: string | undefined;
  private loading: Promise<void> | undefined;
  private state: CatalogCondition = { state: 'loading' };
  private saving: Promise<void> = Promise.resolve();
  private settle: () => void = () => undefined;
  private readonly settled = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(
    private readonly candidates: readonly CatalogCandidate[],
    private readonly log: Logger,
    /** Told when the catalog in use changes source (fallback, failure, fleet update). */
    private readonly onCondition: (condition: CatalogCondition) => void = () => undefined,
    private readonly options: CatalogHolderOptions = {},
  ) {}

  private async load(path: string, source: CatalogSource): Promise<CatalogService> {
    const indexPath = this.options.indexPath?.(path, source);
    const service = await loadCatalog(path, {
      log: this.log,
      ...(indexPath ? { indexPath } : {}),
      ...(this.options.sliced ? { sliced: true } : {}),
    });
    await this.stow(service);
    return service;
  }

  private get run(): <T>(steps: Steps<T>) => Promise<T> {
    return this.options.sliced ? runInSlices : <T>(s: Steps<T>) => Promise.resolve(runNow(s));
  }

  /** Moves the bodies of the procedures not stowed yet to the store (after indexing: it reads them). */
  private async stow(service: CatalogService): Promise<void> {
    const bodies = this.options.bodies;
    if (bodies) await this.run(bodies.stow(service.catalog.procedures));
  }

  async start(_ctx: ServiceContext): Promise<void> {
    this.loading ??= this.loadFirst();
    await this.loading;
  }

  async stop(): Promise<void> {}

  /** Resolves when the first load has ended: a catalog is in use, or none loaded (see error). */
  ready(): Promise<void> {
    return this.settled;
  }

  /** The catalog, once loaded. */
  get current(): CatalogService | undefined {
    return this.loaded;
  }

  /** Why the catalog is unavailable, when it failed to load. */
  get error(): string | undefined {
    return this.failure;
  }

  /** Which catalog is in use, and what failed before it. */
  get condition(): CatalogCondition {
    return this.state;
  }

  /** Loads another catalog file and swaps it in; throws (keeping the current one) when it is bad. */
  async reload(path: string): Promise<void> {
    const service = await this.load(path, 'fleet');
    this.use(service, { path, source: 'fleet' }, []);
  }

  /**
   * Uses a catalog just installed at `path` and already validated (a fleet update): the search
   * index is updated for the procedures that changed (the others are the same objects as in the
   * current catalog, as a delta keeps them), in slices, then swapped in; it is saved for the next
   * start afterwards (see indexSaved).
   */
  async install(path: string, installed: { catalog: CatalogFile; sha256: string }): Promise<void> {
    const t0 = performance.now();
    const procedures = installed.catalog.procedures;
    const current = this.loaded;
    const run = this.run;
    const { index, read } = current
      ? await run(updateSearchIndex(current.index, procedures))
      : { index: await run(buildSearchIndexSteps(procedures)), read: procedures.length };
    const service = createCatalogService(installed.catalog, { index, sha256: installed.sha256 });
    await this.stow(service);
    this.use(service, { path, source: 'fleet' }, []);
    this.log.info(
      {
        path,
        version: installed.catalog.version,
        procedures: procedures.length,
        indexed: read,
        ms: Math.round(performance.now() - t0),
      },
      `catalog ${installed.catalog.version} in use; search index updated for ${read} of ${procedures.length} procedures`,
    );
    const indexPath = this.options.indexPath?.(path, 'fleet');
    if (indexPath) {
      const previous = this.saving;
      this.saving = previous.then(() =>
        saveCatalogIndex(indexPath, index, installed.sha256, this.log).then(() => undefined),
      );
    }
  }

  /** Resolves when the index of the last installed catalog is saved (or could not be). */
  indexSaved(): Promise<void> {
    return this.saving;
  }

  /** Replaces the catalog (fleet update, tests). */
  set(service: CatalogService): void {
    this.loaded = service;
    this.failure = undefined;
  }

  private async loadFirst(): Promise<void> {
    const failed: NonNullable<CatalogCondition['failed']> = [];
    for (const candidate of this.candidates) {
      try {
        const service = await this.load(candidate.path, candidate.source);
        this.use(service, candidate, failed);
        this.settle();
        return;
      } catch (err) {
        failed.push({ source: candidate.source, path: candidate.path, error: errorMessage(err) });
      }
    }
    this.loaded = undefined;
    this.failure = failed.map((f) => f.error).join('; ') || 'no catalog configured';
    this.state = { state: 'failed', failed, fix: FIX };
    this.log.error(
      { failed },
      `procedure catalog not loaded: ${this.failure}; procedure search is unavailable (fix: ${FIX})`,
    );
    this.onCondition(this.state);
    this.settle();
  }

  private use(
    service: CatalogService,
    from: CatalogCandidate,
    failed: NonNullable<CatalogCondition['failed']>,
  ): void {
    const before = this.state;
    const replaced = this.loaded;
    this.loaded = service;
    this.failure = undefined;
    // Rows of catalogs older than the one replaced go (a screen may still show one of its procedures).
    this.options.bodies?.keepOnly([service.catalog.procedures, replaced?.catalog.procedures ?? []]);
    const version = service.catalog.version;
    this.state =
      failed.length === 0
        ? { state: 'ok', source: from.source, path: from.path, version }
        : { state: 'fallback', source: from.source, path: from.path, version, failed, fix: FIX };
    if (failed.length > 0)
      this.log.warn(
        { source: from.source, path: from.path, version, failed },
        `procedure catalog: ${failed.map((f) => `${SOURCE_NAME[f.source]} ${f.path} failed (${f.error})`).join('; ')}; using ${SOURCE_NAME[from.source]} ${from.path} (version ${version}) (fix: ${FIX})`,
      );
    if (before.state !== this.state.state || before.source !== this.state.source)
      this.onCondition(this.state);
  }
}
