import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Clock } from '../../runtime/clock.js';
import type { FleetConfig } from './fleet-config.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../../runtime/events.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { Db } from '../../runtime/storage/database.js';
import type { Outbox, OutboxMessage } from '../telemetry/outbox.js';
import { OutboxPublisher } from '../telemetry/outbox-publisher.js';
import type { TelemetryService } from '../telemetry/telemetry-service.js';
import { appVersion } from './app-version.js';
import { CatalogStore } from './catalog-store.js';
import { CatalogUpdater } from './catalog-updater.js';
import { createCommandHandlers } from './command-handlers.js';
import { CommandProcessor, type CommandRoute } from './command-processor.js';
import { MAX_COMMAND_LIFETIME_MS, type CommandResponse } from './command-schema.js';
import { CommandStore } from './command-store.js';
import type { DeviceActions } from './device-actions.js';
import type { FleetLink } from './fleet-link.js';
import { systemHealth } from './health.js';
import { MqttLink } from './mqtt-link.js';
import { parsePublicKeys } from './signing.js';
import { chunkIndexOf, fleetTopics, type FleetTopics } from './topics.js';
import type { IPublishPacket } from 'mqtt';

export interface FleetServiceDeps {
  config: FleetConfig;
  deviceId: string;
  groups: readonly string[];
  dataDir: string;
  /** Where fleet-delivered catalogs are installed. */
  catalogPath: string;
  db: Db;
  outbox: Outbox;
  telemetry: TelemetryService;
  bus: EventBus<KioskEvents>;
  clock: Clock;
  log: Logger;
  actions: DeviceActions;
  /** Loads a newly installed catalog into the running kiosk; a throw rolls the file back. */
  reloadCatalog?: (path: string, version: string) => Promise<void>;
}

/**
 * The kiosk on the fleet: presence (retained status + will), the durable outbox drained to the
 * broker, periodic health telemetry, signed commands with request/response, and signed catalog
 * rollouts. Everything keeps working offline; the outbox catches up on reconnect.
 */
export class FleetService implements Service, FleetLink {
  readonly name = 'fleet';
  readonly topics: FleetTopics;
  readonly link: MqttLink;
  private running = false;
  private publisher: OutboxPublisher | undefined;
  private processor: CommandProcessor | undefined;
  private updater: CatalogUpdater | undefined;
  private commands: CommandStore | undefined;
  private timer: NodeJS.Timeout | undefined;
  private offs: (() => void)[] = [];
  private keys: ReadonlyMap<string, KeyObject> | undefined;

  constructor(private readonly d: FleetServiceDeps) {
    this.topics = fleetTopics(d.config.prefix);
    this.link = new MqttLink(
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
        will: {
          topic: this.topics.status(d.deviceId),
          payload: Buffer.from(JSON.stringify(this.offlineStatus('connection-lost'))),
          qos: 1,
          retain: true,
        },
      },
      this.topics.replies(d.deviceId),
      d.log,
      { minMs: d.config.reconnectMinMs, maxMs: d.config.reconnectMaxMs },
    );
  }

  get connected(): boolean {
    return this.link.connected;
  }

  request(
    topic: string,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    return this.link.request(topic, payload, timeoutMs);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    return this.link.onConnectionChange(listener);
  }

  get catalogVersion(): string | null {
    return this.updater?.version ?? null;
  }

  get outboxPublisher(): OutboxPublisher | undefined {
    return this.publisher;
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    const d = this.d;
    try {
      this.link.check();
    } catch (err) {
      throw new TypeError(`fleet.${errorMessage(err)}`, { cause: err });
    }
    this.keys = this.loadKeys();
    this.commands = new CommandStore(d.db);
    this.commands.prune(d.clock.now() - MAX_COMMAND_LIFETIME_MS);
    const store = new CatalogStore(d.catalogPath);
    this.updater = new CatalogUpdater({
      store,
      topics: this.topics,
      channel: d.config.channel,
      keys: this.keys,
      log: d.log,
      subscribe: (t) => this.link.subscribe(t),
      unsubscribe: (t) => this.link.unsubscribe(t),
      report: (type, data) => {
        d.telemetry.queue('event', `events/${type}`, data);
        this.refreshStatus();
      },
      activate: async (path, version, previousVersion) => {
        await d.reloadCatalog?.(path, version);
        d.bus.emit('catalog.updated', { path, version, previousVersion });
      },
    });
    await this.updater.init();
    this.processor = new CommandProcessor({
      deviceId: d.deviceId,
      groups: d.groups,
      keys: this.keys,
      store: this.commands,
      clock: d.clock,
      handlers: createCommandHandlers({
        actions: d.actions,
        status: () => this.statusDocument('online'),
        refreshStatus: () => this.refreshStatus(),
        rollbackCatalog: () => (this.updater as CatalogUpdater).rollback(),
        connected: () => this.link.connected,
      }),
    });
    this.publisher = new OutboxPublisher(d.outbox, (m) => this.publishOutbox(m), d.log);
    this.offs = [
      d.bus.on(this.name, 'outbox.queued', () => this.publisher?.kick()),
      this.link.onConnectionChange((up) => this.onConnection(up)),
      this.link.onMessage((topic, payload, packet) => this.onMessage(topic, payload, packet)),
    ];
    this.timer = setInterval(() => void this.sampleTelemetry(), d.config.telemetryIntervalSeconds * 1000);
    this.timer.unref();
    this.running = true;
    this.link.start();
    // one sample at boot, so the fleet sees health right away (and after every restart)
    void this.sampleTelemetry();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.timer);
    for (const off of this.offs) off();
    this.offs = [];
    this.publisher?.stop();
    await this.link.stop({
      topic: this.topics.status(this.d.deviceId),
      payload: JSON.stringify(this.offlineStatus('shutdown')),
      retain: true,
    });
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

  private onConnection(up: boolean): void {
    this.publisher?.setConnected(up);
    if (!up) return;
    const id = this.d.deviceId;
    const t = this.topics;
    const subs = [
      `${t.status(id).replace(/\/status$/, '')}/cmd/+`,
      ...this.d.groups.map((g) => `${t.prefix}/groups/${g}/cmd/+`),
      `${t.prefix}/all/cmd/+`,
      t.catalogManifest(this.d.config.channel),
    ];
    this.refreshStatus();
    this.link
      .subscribe(subs)
      .then(() => this.updater?.onReconnect())
      .catch((err: unknown) => this.d.log.warn({ err: errorMessage(err) }, 'fleet subscriptions failed'));
  }

  private offlineStatus(reason: string): Record<string, unknown> {
    return {
      state: 'offline',
      reason,
      ts: new Date(this.d.clock.now()).toISOString(),
      device: this.d.deviceId,
      appVersion: appVersion(),
      catalogVersion: this.updater?.version ?? null,
    };
  }

  private async statusDocument(state: 'online'): Promise<Record<string, unknown>> {
    return {
      state,
      ts: new Date(this.d.clock.now()).toISOString(),
      device: this.d.deviceId,
      groups: this.d.groups,
      channel: this.d.config.channel,
      appVersion: appVersion(),
      catalogVersion: this.updater?.version ?? null,
      catalog: { last: this.updater?.lastResult ?? null, downloading: this.updater?.progress ?? null },
      peripherals: await this.d.actions.peripherals().catch((err: unknown) => ({ error: errorMessage(err) })),
      health: {
        uptimeSeconds: Math.round(process.uptime()),
        outboxDepth: this.d.outbox.count(),
        rssMb: Math.round(process.memoryUsage().rss / 1048576),
      },
    };
  }

  /** Publishes the retained status now (when connected). */
  refreshStatus(): void {
    if (!this.running || !this.link.connected) return;
    this.statusDocument('online')
      .then((doc) =>
        this.link.publish(this.topics.status(this.d.deviceId), JSON.stringify(doc), { qos: 1, retain: true }),
      )
      .catch((err: unknown) => this.d.log.warn({ err: errorMessage(err) }, 'could not publish status'));
  }

  /** Queues one health sample in the outbox (kept while offline, dropped first when full). */
  async sampleTelemetry(): Promise<void> {
    try {
      const sample = {
        ...(await systemHealth(this.d.dataDir)),
        outbox: this.d.outbox.depth(),
        peripherals: await this.d.actions
          .peripherals()
          .catch((err: unknown) => ({ error: errorMessage(err) })),
        counters: this.d.actions.counters(),
        catalogVersion: this.updater?.version ?? null,
        connected: this.link.connected,
      };
      this.d.telemetry.queue('telemetry', 'telemetry', sample);
      // keep the retained status fresh too ("last seen" in kiosk fleet devices)
      this.refreshStatus();
    } catch (err) {
      this.d.log.warn({ err: errorMessage(err) }, 'telemetry sample failed');
    }
  }

  private publishOutbox(m: OutboxMessage): Promise<void> {
    const type = m.topic.slice(m.topic.lastIndexOf('/') + 1);
    const envelope = {
      id: m.uid,
      seq: m.id,
      device: this.d.deviceId,
      type,
      kind: m.kind,
      ts: new Date(m.createdAt).toISOString(),
      data: m.payload,
    };
    return this.link.publish(
      `${this.topics.prefix}/devices/${this.d.deviceId}/${m.topic}`,
      JSON.stringify(envelope),
      {
        qos: 1,
        properties: { contentType: 'application/json' },
      },
    );
  }

  private route(topic: string): CommandRoute | undefined {
    const p = this.topics.prefix;
    const m = /^(?:devices\/([^/]+)|groups\/([^/]+)|(all))\/cmd\/([^/]+)$/.exec(
      topic.startsWith(`${p}/`) ? topic.slice(p.length + 1) : '',
    );
    if (!m) return undefined;
    const name = m[4] as string;
    if (m[1]) return { scope: 'device', scopeId: m[1], name };
    if (m[2]) return { scope: 'group', scopeId: m[2], name };
    return { scope: 'all', name };
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const channel = this.d.config.channel;
    if (topic === this.topics.catalogManifest(channel)) {
      void this.updater
        ?.onManifest(payload)
        .catch((err: unknown) =>
          this.d.log.error({ err }, `catalog manifest handling failed: ${errorMessage(err)}`),
        );
      return;
    }
    const chunkPrefix = `${this.topics.prefix}/catalog/${channel}/chunks/`;
    if (topic.startsWith(chunkPrefix)) {
      const index = chunkIndexOf(topic);
      const version = topic.slice(chunkPrefix.length).split('/')[0] ?? '';
      if (index !== undefined)
        void this.updater
          ?.onChunk(index, version, payload)
          .catch((err: unknown) => this.d.log.error({ err }, `catalog chunk failed: ${errorMessage(err)}`));
      return;
    }
    const route = this.route(topic);
    if (route && this.processor) void this.runCommand(route, payload, packet);
  }

  private async runCommand(route: CommandRoute, payload: Buffer, packet: IPublishPacket): Promise<void> {
    let response: CommandResponse;
    try {
      response = await (this.processor as CommandProcessor).handle(payload, route);
    } catch (err) {
      response = {
        id: null,
        device: this.d.deviceId,
        name: route.name,
        ok: false,
        ts: this.d.clock.now(),
        error: { code: 'failed', message: errorMessage(err) },
      };
    }
    if (response.ok)
      this.d.log.info({ id: response.id, command: route.name }, `fleet command ${route.name} done`);
    else
      this.d.log.warn(
        { id: response.id, command: route.name, error: response.error },
        `fleet command ${route.name} refused: ${response.error?.code}: ${response.error?.message}`,
      );
    const responseTopic = packet.properties?.responseTopic ?? this.topics.responses(this.d.deviceId);
    const correlationData = packet.properties?.correlationData;
    await this.link
      .publish(responseTopic, JSON.stringify(response), {
        qos: 1,
        properties: { contentType: 'application/json', ...(correlationData ? { correlationData } : {}) },
      })
      .catch((err: unknown) =>
        this.d.log.warn({ err: errorMessage(err), responseTopic }, 'could not publish the command response'),
      );
  }
}
