import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import { DEFAULT_CATALOG_PATH, loadCatalog, type CatalogService } from './catalog-service.js';

/**
 * Loads the procedure catalog when the kiosk starts. It starts after the UI, so the screen (and
 * taking a number) is already up while the index is built; when it cannot be loaded, screens say
 * that procedure search is unavailable.
 */
export class CatalogHolder implements Service {
  readonly name = 'catalog';
  private loaded: CatalogService | undefined;
  private failure: string | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    this.loading ??= loadCatalog(this.file || DEFAULT_CATALOG_PATH).then(
      (service) => {
        this.loaded = service;
        this.failure = undefined;
      },
      (err: unknown) => {
        this.failure = errorMessage(err);
        this.log.error(
          { err },
          `procedure catalog not loaded: ${this.failure} (fix: set catalog.file to a catalog built with \`kiosk catalog import\`)`,
        );
      },
    );
    await this.loading;
  }

  async stop(): Promise<void> {}

  /** The catalog, once loaded. */
  get current(): CatalogService | undefined {
    return this.loaded;
  }

  /** Why the catalog is unavailable, when it failed to load. */
  get error(): string | undefined {
    return this.failure;
  }

  /** Loads another catalog file and swaps it in; throws (keeping the current one) when it is bad. */
  async reload(path: string): Promise<void> {
    const service = await loadCatalog(path);
    this.loaded = service;
    this.failure = undefined;
  }

  /** Replaces the catalog (fleet update, tests). */
  set(service: CatalogService): void {
    this.loaded = service;
    this.failure = undefined;
  }
}
