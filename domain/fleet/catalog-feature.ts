import type { EventBus } from '../../runtime/event-bus.js';
import { errorMessage } from '../../runtime/errors.js';
import type { KioskEvents } from '../events.js';
import type { CommandHandlers } from './command-processor.js';
import { CatalogStore } from './catalog-store.js';
import { CatalogUpdater, type InstalledCatalog } from './catalog-updater.js';
import type { RunningCatalog } from './delta-apply.js';
import { FleetFeature, type FleetContext, type StatusDetail, type TopicHandler } from './fleet-feature.js';

export interface CatalogFeatureDeps {
  /** Where fleet-delivered catalogs are installed. */
  catalogPath: string;
  bus: EventBus<KioskEvents>;
  /**
   * Loads a newly installed catalog into the running kiosk (`installed`: already validated, so
   * it is not read again); a throw rolls the file back.
   */
  reloadCatalog?: (path: string, version: string, installed?: InstalledCatalog) => Promise<void>;
  /** The catalog the kiosk runs (a delta on it reads only what it changes). */
  runningCatalog?: () => RunningCatalog | undefined;
}

/**
 * Signed catalog rollouts on the kiosk's channel: follows the retained manifest, subscribes the
 * chunks still missing (CatalogUpdater), answers `catalog-rollback`, and shows the installed
 * version and any download in the status.
 */
export class CatalogFeature extends FleetFeature {
  readonly name = 'catalog';
  private updater: CatalogUpdater | undefined;

  constructor(
    ctx: FleetContext,
    private readonly d: CatalogFeatureDeps,
  ) {
    super(ctx);
  }

  async start(): Promise<void> {
    const ctx = this.ctx;
    const channel = ctx.config.channel;
    const onChunk: TopicHandler = (topic, payload) => {
      const chunk = ctx.topics.parseCatalogChunk(topic);
      if (!chunk || chunk.channel !== channel) return;
      void this.updater
        ?.onChunk(chunk.index, chunk.version, payload)
        .catch((err: unknown) => ctx.log.error({ err }, `catalog chunk failed: ${errorMessage(err)}`));
    };
    this.updater = new CatalogUpdater({
      store: new CatalogStore(this.d.catalogPath),
      deviceId: ctx.deviceId,
      groups: ctx.groups,
      topics: ctx.topics,
      channel,
      keys: ctx.keys,
      log: ctx.log,
      subscribe: (filters) => ctx.subscribe(this, filters, onChunk),
      unsubscribe: (filters) => ctx.unsubscribe(this, filters),
      report: (type, data) => ctx.report(type, data),
      ...(this.d.runningCatalog ? { running: this.d.runningCatalog } : {}),
      activate: async (path, version, previousVersion, installed) => {
        await this.d.reloadCatalog?.(path, version, installed);
        this.d.bus.emit('catalog.updated', { path, version, previousVersion });
      },
    });
    await this.updater.init();
    await ctx.subscribe(this, [ctx.topics.catalogManifest(channel)], (_topic, payload) => {
      void this.updater
        ?.onManifest(payload)
        .catch((err: unknown) =>
          ctx.log.error({ err }, `catalog manifest handling failed: ${errorMessage(err)}`),
        );
    });
  }

  override statusFields(detail: StatusDetail): Record<string, unknown> {
    const version = this.updater?.version ?? null;
    if (detail === 'brief') return { catalogVersion: version };
    return {
      catalogVersion: version,
      catalog: { last: this.updater?.lastResult ?? null, downloading: this.updater?.progress ?? null },
    };
  }

  override commandHandlers(): Partial<CommandHandlers> {
    return {
      'catalog-rollback': async () => {
        if (!this.updater) throw new Error('the catalog updater is not running');
        const result = await this.updater.rollback();
        this.ctx.refreshStatus();
        return result;
      },
    };
  }
}
