import { errorMessage } from '../../runtime/errors.js';
import type { Db } from '../../runtime/storage/database.js';
import { ReleaseLayout } from '../release/release-layout.js';
import type { Expectations } from '../release/release-bundle.js';
import type { ReleaseArch, ReleaseSummary } from '../release/release-manifest.js';
import { backupDatabase, pendingMigrations, schemaOf } from '../release/release-switch.js';
import { ReleaseUpdater } from '../release/release-updater.js';
import { FleetFeature, type FleetContext, type StatusDetail, type TopicHandler } from './fleet-feature.js';

export interface ReleaseFeatureDeps {
  /** The running app's folder: updates run only when it is `<dir>/releases/<version>`. */
  appDir: string;
  arch: ReleaseArch | undefined;
  abi: number;
  configVersion: number;
  db: Db;
  dataDir: string;
  /** Why a release may not switch now (session, busy hours, recent input); undefined: it may. */
  whyNotNow(): string | undefined;
  /** The switch notice on screen (resolves once drawn). */
  notice(version: string, from: string | null): Promise<void>;
  /** Ids of the doctor's checks failing before the switch (not held against the new release). */
  failingChecks(): Promise<string[]>;
  exit(): void;
  /**
   * Verifies and unpacks a downloaded bundle as `<root>/releases/<version>` (the kiosk: a
   * low-priority child process, app/release-install-process.ts); default in this process.
   */
  install?(root: string, file: string, expect: Expectations): Promise<ReleaseSummary>;
  idleCheckMs?: number;
}

/**
 * Signed app releases on the kiosk's channel (ReleaseUpdater): follows the retained offer for its
 * arch, downloads, installs, switches at idle; the status carries the update state.
 */
export class ReleaseFeature extends FleetFeature {
  readonly name = 'release';
  private updater: ReleaseUpdater | undefined;

  constructor(
    ctx: FleetContext,
    private readonly d: ReleaseFeatureDeps,
  ) {
    super(ctx);
  }

  async start(): Promise<void> {
    const ctx = this.ctx;
    const layout = ReleaseLayout.of(this.d.appDir);
    if (!layout || !this.d.arch) {
      ctx.log.info('app updates off: this app does not run from /opt/smart-kiosk/releases (a checkout)');
      return;
    }
    const channel = ctx.config.channel;
    const arch = this.d.arch;
    const install = this.d.install;
    const onChunk: TopicHandler = (topic, payload) => {
      const c = ctx.topics.parseReleaseChunk(topic);
      if (!c || c.channel !== channel || c.arch !== arch) return;
      void this.updater?.onChunk(c.index, c.version, payload);
    };
    this.updater = new ReleaseUpdater({
      layout,
      topics: ctx.topics,
      channel,
      arch,
      deviceId: ctx.deviceId,
      groups: ctx.groups,
      keys: ctx.keys,
      abi: this.d.abi,
      configVersion: this.d.configVersion,
      log: ctx.log,
      subscribe: (filters) => ctx.subscribe(this, filters, onChunk),
      unsubscribe: (filters) => ctx.unsubscribe(this, filters),
      report: (type, data) => ctx.report(type, data),
      whyNotNow: () => this.d.whyNotNow(),
      failingChecks: () => this.d.failingChecks(),
      notice: (version, from) => this.d.notice(version, from),
      backupDatabase: async (manifest) =>
        pendingMigrations(manifest, schemaOf(this.d.db)).length > 0
          ? backupDatabase(this.d.db, this.d.dataDir, manifest.version)
          : null,
      exit: () => this.d.exit(),
      install: install && ((file, expect) => install(layout.dir, file, expect)),
      idleCheckMs: this.d.idleCheckMs,
    });
    await this.updater.init();
    ctx.onConnectionChange(this, (up) => {
      if (up) void this.updater?.onReconnect();
    });
    await ctx.subscribe(this, [ctx.topics.releaseOffer(channel, arch)], (_topic, payload) => {
      void this.updater
        ?.onOffer(payload)
        .catch((err: unknown) => ctx.log.error({ err }, `release offer failed: ${errorMessage(err)}`));
    });
  }

  override async stop(): Promise<void> {
    this.updater?.stop();
    await super.stop();
  }

  override statusFields(detail: StatusDetail): Record<string, unknown> {
    const update = this.updater?.update ?? null;
    return detail === 'brief' ? { update: update && { state: update.state } } : { update };
  }
}
