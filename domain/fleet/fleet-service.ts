import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IClientPublishOptions } from 'mqtt';
import type { Clock } from '../../runtime/clock.js';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { Db } from '../../runtime/storage/database.js';
import type { Outbox } from '../telemetry/outbox.js';
import type { EventRecorder } from '../telemetry/event-recorder.js';
import { CatalogFeature, type CatalogFeatureDeps } from './catalog-feature.js';
import type { CommandHandlers } from './command-processor.js';
import { CommandsFeature } from './commands-feature.js';
import type { DeviceActions } from './device-actions.js';
import type { FleetConfig } from './fleet-config.js';
import type { FleetContext, FleetFeature, FleetFeatureFactory, StatusDetail } from './fleet-feature.js';
import type { FleetLink } from './fleet-link.js';
import { FleetRouter } from './fleet-router.js';
import type { MachineReadings } from './health.js';
import { HealthSampler } from './health-sampler.js';
import { MqttLink } from './mqtt-link.js';
import { OutboxFeature } from './outbox-feature.js';
import { PresenceFeature } from './presence.js';
import { parsePublicKeys } from './signing.js';
import { fleetTopics, type FleetTopics } from './topics.js';

export interface FleetServiceDeps {
  config: FleetConfig;
  deviceId: string;
  groups: readonly string[];
  dataDir: string;
  /** Where fleet-delivered catalogs are installed. */
  catalogPath: string;
  db: Db;
  /** Read by presence, the publisher and health samples (depth); written only through `recorder`. */
  outbox: Outbox;
  recorder: Pick<EventRecorder, 'event' | 'telemetry'>;
  bus: EventBus<KioskEvents>;
  clock: Clock;
  log: Logger;
  actions: DeviceActions;
  /** Loads a newly installed catalog into the running kiosk; a throw rolls the file back. */
  reloadCatalog?: CatalogFeatureDeps['reloadCatalog'];
  runningCatalog?: CatalogFeatureDeps['runningCatalog'];
  /** Where health samples and the status read the machine (default this one; a simulator shares one). */
  machine?: MachineReadings;
  /** More features (app releases, registry...), started after the built-in ones. */
  features?: readonly FleetFeatureFactory[];
}

/**
 * Largest MQTT packet the kiosk accepts (MQTT 5 Maximum Packet Size, enforced by the broker):
 * the largest catalog chunk the fleet CLI makes (4 MiB) plus room for topic and properties.
 * Nothing else the kiosk receives comes near it; bigger hostile payloads never reach it.
 */
const MAX_INCOMING_PACKET_BYTES = 4 * 1024 * 1024 + 64 * 1024;

/** Subscriptions per SUBSCRIBE packet (a catalog download may ask for hundreds of chunks). */
const SUBSCRIBE_BATCH = 100;

/**
 * The kiosk on the fleet: a thin controller that owns the MQTT link and the fleet keys and hands
 * messages to features, each owning its topics — presence (retained status + will), health
 * samples, the outbox publisher, signed commands, signed catalog rollouts, and whatever the app
 * adds. Everything keeps working offline; the outbox catches up on reconnect.
 */
export class FleetService implements Service, FleetLink {
  readonly name = 'fleet';
  readonly topics: FleetTopics;
  private link: MqttLink | undefined;
  private router: FleetRouter | undefined;
  private presence: PresenceFeature | undefined;
  private features: FleetFeature[] = [];
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private running = false;

  constructor(private readonly d: FleetServiceDeps) {
    this.topics = fleetTopics(d.config.prefix);
  }

  get connected(): boolean {
    return this.link?.connected ?? false;
  }

  request(
    topic: string,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    if (!this.link)
      return Promise.reject(
        new DriverError('fleet', 'disconnected', 'not-started', 'fleet link not started'),
      );
    return this.link.request(topic, payload, timeoutMs);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    const d = this.d;
    const link = new MqttLink(
      {
        url: d.config.broker,
        clientId: `kiosk-${d.deviceId}`,
        username: d.config.username,
        password: d.config.password,
        ca: d.config.ca,
        cert: d.config.cert,
        key: d.config.key,
        keepaliveSeconds: d.config.keepaliveSeconds,
        sessionExpirySeconds: d.config.sessionExpirySeconds,
        maximumPacketSize: MAX_INCOMING_PACKET_BYTES,
        // the will is set just before connecting, once every feature can say what it holds
      },
      this.topics.replies(d.deviceId),
      d.log,
      { minMs: d.config.reconnectMinMs, maxMs: d.config.reconnectMaxMs },
    );
    try {
      link.check();
    } catch (err) {
      throw new TypeError(`fleet.${errorMessage(err)}`, { cause: err });
    }
    const router = new FleetRouter(d.log);
    this.link = link;
    this.router = router;
    const ctx = this.context(link, router, this.loadKeys());
    const presence = new PresenceFeature(ctx, {
      actions: d.actions,
      outbox: d.outbox,
      bus: d.bus,
      dataDir: d.dataDir,
      ...(d.machine ? { machine: d.machine } : {}),
    });
    this.presence = presence;
    this.features = [
      new OutboxFeature(ctx, { outbox: d.outbox, bus: d.bus }),
      presence,
      new CommandsFeature(ctx, { db: d.db, actions: d.actions }),
      new CatalogFeature(ctx, {
        catalogPath: d.catalogPath,
        bus: d.bus,
        reloadCatalog: d.reloadCatalog,
        runningCatalog: d.runningCatalog,
      }),
      ...(d.features ?? []).map((make) => make(ctx)),
      new HealthSampler(ctx, {
        dataDir: d.dataDir,
        outbox: d.outbox,
        recorder: d.recorder,
        actions: d.actions,
        ...(d.machine ? { machine: d.machine } : {}),
      }),
    ];
    this.running = true;
    for (const feature of this.features) {
      try {
        await feature.start();
      } catch (err) {
        d.log.error(
          { err, feature: feature.name },
          `fleet feature ${feature.name} failed to start: ${errorMessage(err)}; the others keep running`,
        );
      }
    }
    // stopped while the features started (a simulator stopping mid-start): connecting now would
    // leave a link nobody stops, reconnecting for ever
    if (!this.running || this.link !== link) return;
    link.onConnectionChange((up) => this.onConnection(up));
    link.onMessage((topic, payload, packet) => router.dispatch(topic, payload, packet));
    link.setWill({
      topic: this.topics.status(d.deviceId),
      payload: Buffer.from(JSON.stringify(presence.offline('connection-lost'))),
      qos: 1,
      retain: true,
    });
    link.start();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const feature of [...this.features].reverse()) {
      try {
        await feature.stop();
      } catch (err) {
        this.d.log.warn({ err, feature: feature.name }, `fleet feature ${feature.name} failed to stop`);
      }
    }
    const last = this.presence?.offline('shutdown');
    this.features = [];
    await this.link?.stop(
      last && { topic: this.topics.status(this.d.deviceId), payload: JSON.stringify(last), retain: true },
    );
  }

  private context(
    link: MqttLink,
    router: FleetRouter,
    keys: ReadonlyMap<string, KeyObject> | undefined,
  ): FleetContext {
    const d = this.d;
    const topics = this.topics;
    return {
      deviceId: d.deviceId,
      groups: d.groups,
      config: d.config,
      topics,
      keys,
      clock: d.clock,
      log: d.log,
      get connected() {
        return link.connected;
      },
      subscribe: async (owner, filters, handler) => {
        router.add(owner, filters, handler);
        if (link.connected) await this.subscribeInBatches(link, filters);
      },
      unsubscribe: async (owner, filters) => {
        const unused = router.remove(owner, filters);
        await link.unsubscribe(unused);
      },
      publish: (topic: string, payload: string | Buffer, options?: IClientPublishOptions) =>
        link.publish(topic, payload, options),
      onConnectionChange: (owner, listener) => router.onConnectionChange(owner, listener),
      report: (type, data) => {
        d.recorder.event(`events/${type}`, data);
        this.refreshStatus();
      },
      status: async (state) => {
        if (!this.presence) throw new Error('presence is not running');
        return this.presence.document(state);
      },
      refreshStatus: () => this.refreshStatus(),
      statusFields: (detail) => this.statusFields(detail),
      commandHandlers: () => this.commandHandlers(),
      removeListeners: (owner) => router.removeOwner(owner),
    };
  }

  private refreshStatus(): void {
    if (this.running) this.presence?.refresh();
  }

  private statusFields(detail: StatusDetail): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const f of this.features) Object.assign(fields, f.statusFields?.(detail));
    return fields;
  }

  private commandHandlers(): Partial<CommandHandlers> {
    const handlers: Partial<CommandHandlers> = {};
    for (const f of this.features) Object.assign(handlers, f.commandHandlers?.());
    return handlers;
  }

  private async subscribeInBatches(link: MqttLink, filters: readonly string[]): Promise<void> {
    for (let i = 0; i < filters.length; i += SUBSCRIBE_BATCH)
      await link.subscribe(filters.slice(i, i + SUBSCRIBE_BATCH));
  }

  private onConnection(up: boolean): void {
    this.router?.emitConnection(up);
    for (const listener of [...this.connectionListeners]) {
      try {
        listener(up);
      } catch (err) {
        this.d.log.error({ err }, 'connection listener failed');
      }
    }
    const link = this.link;
    if (!up || !link || !this.router) return;
    this.subscribeInBatches(link, this.router.filters()).catch((err: unknown) =>
      this.d.log.warn({ err: errorMessage(err) }, 'fleet subscriptions failed'),
    );
  }

  private loadKeys(): ReadonlyMap<string, KeyObject> | undefined {
    const file = this.d.config.fleetPublicKey;
    if (!file) {
      this.d.log.warn('fleet.fleetPublicKey is not set: commands and catalog updates will be refused');
      return undefined;
    }
    try {
      return parsePublicKeys(readFileSync(file, 'utf8'));
    } catch (err) {
      this.d.log.error(
        { file },
        `fleet.fleetPublicKey: cannot load ${file}: ${errorMessage(err)}; commands and catalog updates will be refused until it is fixed (make keys with "kiosk keys gen")`,
      );
      return undefined;
    }
  }
}
