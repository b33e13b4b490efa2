import type { KeyObject } from 'node:crypto';
import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import type { Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { CommandHandlers } from './command-processor.js';
import type { FleetConfig } from './fleet-config.js';
import type { FleetTopics } from './topics.js';

export type TopicHandler = (topic: string, payload: Buffer, packet: IPublishPacket) => void;

/** Which document a feature's status fields go into. */
export type StatusDetail =
  /** The retained online status (and the `status` command). */
  | 'full'
  /** The will, the shutdown status and each health sample: versions only. */
  | 'brief';

/**
 * What the fleet controller gives every feature: the link (publish, topic subscriptions routed
 * back to the feature), identity, trust, and the shared status document. Listeners are registered
 * per owner, so `removeListeners(feature)` undoes everything a feature registered.
 */
export interface FleetContext {
  readonly deviceId: string;
  readonly groups: readonly string[];
  readonly config: FleetConfig;
  readonly topics: FleetTopics;
  /** Trusted fleet keys by key id; undefined when none is configured (commands and catalogs refused). */
  readonly keys: ReadonlyMap<string, KeyObject> | undefined;
  readonly clock: Clock;
  readonly log: Logger;
  /** True while connected to the broker. */
  readonly connected: boolean;
  /**
   * Routes messages on `filters` to `handler` and keeps them subscribed at the broker (again after
   * every reconnect) until unsubscribed or the owner's listeners are removed.
   */
  subscribe(owner: FleetFeature, filters: readonly string[], handler: TopicHandler): Promise<void>;
  unsubscribe(owner: FleetFeature, filters: readonly string[]): Promise<void>;
  /** Publishes; resolves on the broker's acknowledgement (QoS 1). Rejects when offline. */
  publish(topic: string, payload: string | Buffer, options?: IClientPublishOptions): Promise<void>;
  /** Called with true after each (re)connect and false when the connection drops. */
  onConnectionChange(owner: FleetFeature, listener: (connected: boolean) => void): void;
  /** Queues an event for the fleet (`events/{type}`, durable outbox) and refreshes the status. */
  report(type: string, data: Record<string, unknown>): void;
  /** The status document (as on the retained status topic). */
  status(state: 'online'): Promise<Record<string, unknown>>;
  /** Re-publishes the retained status now (when connected). */
  refreshStatus(): void;
  /** Status fields every feature contributes (catalog version, downloads...). */
  statusFields(detail: StatusDetail): Record<string, unknown>;
  /** The command handlers of every feature. */
  commandHandlers(): Partial<CommandHandlers>;
  /** Removes every listener and route `owner` registered. */
  removeListeners(owner: FleetFeature): void;
}

/**
 * One fleet feature (presence, outbox publisher, commands, catalog updater, ...), as in
 * zigbee2mqtt's extensions: the constructor only assigns; `start()` subscribes its topics and
 * registers its listeners; `stop()` removes them (the base does it for everything registered
 * through the context). The controller starts and stops each feature in its own try/catch.
 */
export abstract class FleetFeature {
  abstract readonly name: string;

  constructor(protected readonly ctx: FleetContext) {}

  abstract start(): Promise<void>;

  async stop(): Promise<void> {
    this.ctx.removeListeners(this);
  }

  /** Fields this feature adds to the status documents. */
  statusFields?(detail: StatusDetail): Record<string, unknown>;

  /** Fleet commands this feature answers. */
  commandHandlers?(): Partial<CommandHandlers>;
}

/** Makes a feature from the context; the app passes extra ones in FleetServiceDeps.features. */
export type FleetFeatureFactory = (ctx: FleetContext) => FleetFeature;
