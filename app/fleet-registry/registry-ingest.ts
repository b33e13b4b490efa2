import type { IPublishPacket, MqttClient } from 'mqtt';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import { mqttOptions, type BrokerSettings } from '../../domain/fleet/mqtt-options.js';
import { retainedSnapshot } from '../../domain/fleet/retained-snapshot.js';
import { sharedFilter, type FleetTopics } from '../../domain/fleet/topics.js';
import {
  readEnvelope,
  readStatus,
  RefusedInput,
  type DeviceStatusInput,
  type EnvelopeInput,
} from '../../domain/fleet-registry/registry-input.js';
import type { RegistryStore } from '../../domain/fleet-registry/registry-store.js';

const mqtt = lazyRequire<typeof import('mqtt')>('mqtt');

/** Retained statuses (no acknowledgement waits on them) are written after FLUSH_MS or BATCH_MAX. */
const BATCH_MAX = 500;
const FLUSH_MS = 20;

/**
 * MQTT 5 Receive Maximum the registry asks for: QoS 1 messages the broker may send before their
 * PUBACKs, so the largest batch a transaction holds (Mosquitto's max_inflight_messages does not
 * apply to MQTT 5 clients; without it the broker sends a whole backlog at once).
 */
const RECEIVE_MAXIMUM = 1000;

/** Given to mqtt.js's handleMessage callback: go on reading, the PUBACK is sent after the commit. */
const HELD = new Error('acknowledged after the commit');

interface Pending {
  topic: string;
  payload: Buffer;
  live: boolean;
  /** QoS 1 packet id to acknowledge after the commit, on the connection it came on. */
  ack?: { messageId: number; connection: number };
}

/** mqtt.js's packet writer (not part of its typed API): how a held PUBACK goes out. */
type PacketWriter = { _sendPacket(packet: { cmd: 'puback'; messageId: number; reasonCode: number }): void };

export interface IngestStats {
  received: number;
  stored: number;
  duplicates: number;
  /** Committed write transactions (a burst shares them). */
  transactions: number;
  refused: Record<string, number>;
}

/**
 * The registry's MQTT side: one persistent MQTT 5 session in a shared subscription group
 * (`$share/{group}/...`, so several registry instances split the stream), QoS 1. Messages are
 * written in batches, one transaction for whatever arrived while the last one was written (at
 * most RECEIVE_MAXIMUM: the broker's in-flight window), and each is
 * acknowledged only after the transaction that stored it committed, in the order they came — a
 * crash re-delivers, and the envelope id makes the second copy a no-op (the registry database
 * runs WAL with synchronous=NORMAL: a commit survives a kill -9 of the registry): every record is
 * stored exactly once. Retained statuses (never sent to shared subscriptions) are read with a
 * snapshot at each connect.
 */
export class RegistryIngest {
  private client: MqttClient | undefined;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** Counts connections: a PUBACK held over a reconnect is not sent (the broker re-delivers). */
  private connection = 0;
  /** QoS 1 packets whose PUBACK waits for their commit (mqtt.js must not send it). */
  private readonly held = new WeakSet<IPublishPacket>();
  /** Writes run one after another, in arrival order. */
  private chain: Promise<void> = Promise.resolve();
  readonly stats: IngestStats = { received: 0, stored: 0, duplicates: 0, transactions: 0, refused: {} };

  constructor(
    private readonly o: {
      broker: BrokerSettings;
      topics: FleetTopics;
      shareGroup: string;
      store: RegistryStore;
      log: Logger;
      /** Devices whose status or health was just stored (the console's live updates). */
      onStored?: (devices: string[]) => void;
      /**
       * Answers kiosks' last-tickets requests (LastTicketsResponder), after everything that
       * arrived before the request is stored; absent: they are not subscribed to.
       */
      answerLastTickets?: (topic: string, payload: Buffer, packet: IPublishPacket) => Promise<void>;
    },
  ) {}

  async start(): Promise<void> {
    const { topics, shareGroup } = this.o;
    const base = mqttOptions({
      ...this.o.broker,
      sessionExpirySeconds: this.o.broker.sessionExpirySeconds ?? 86_400,
    });
    const options = {
      ...base,
      properties: { ...base.properties, receiveMaximum: RECEIVE_MAXIMUM },
      reconnectPeriod: 1000,
      customHandleAcks: (
        topic: string,
        payload: Buffer,
        packet: IPublishPacket,
        done: (code: number) => void,
      ) => {
        const answer = this.o.answerLastTickets;
        if (answer && topics.parseLastTicketsRequest(topic)) {
          void this.flush()
            .then(() => answer(topic, payload, packet))
            .catch((err: unknown) =>
              this.o.log.warn({ err: errorMessage(err) }, `last-tickets answer failed: ${errorMessage(err)}`),
            )
            .finally(() => done(0));
          return;
        }
        const ack =
          packet.qos === 1 && packet.messageId !== undefined
            ? { messageId: packet.messageId, connection: this.connection }
            : undefined;
        if (ack) this.held.add(packet);
        this.enqueue(topic, payload, true, ack);
        done(0);
      },
    };
    const client = mqtt().connect(this.o.broker.url, options);
    this.client = client;
    // mqtt.js reads the next packet only once the last one's PUBACK is written; holding it back
    // here (the callback's error only moves its reader on) lets a burst gather into one
    // transaction, and write() sends the PUBACKs after the commit
    const handleMessage = client.handleMessage.bind(client);
    client.handleMessage = (packet, callback) => {
      if (packet.cmd === 'publish' && this.held.delete(packet)) callback(HELD);
      else handleMessage(packet, callback);
    };
    const filters = [
      `${topics.prefix}/devices/+/status`,
      `${topics.prefix}/devices/+/telemetry`,
      `${topics.prefix}/devices/+/events/#`,
      `${topics.prefix}/devices/+/records/#`,
      ...(this.o.answerLastTickets ? [topics.filters.lastTicketsRequests()] : []),
    ].map((f) => sharedFilter(shareGroup, f));
    client.on('error', (err) => this.o.log.warn({ err: err.message }, `registry broker: ${err.message}`));
    client.on('connect', () => {
      this.connection++;
      client.subscribe(filters, { qos: 1 }, (err) => {
        if (err) this.o.log.error({ err: err.message }, 'registry subscriptions failed');
      });
      void retainedSnapshot(
        client,
        topics,
        `${topics.prefix}/devices/+/status`,
        (topic, payload, retained) => {
          if (retained) this.enqueue(topic, payload, false);
        },
      ).catch((err: unknown) => this.o.log.warn({ err: errorMessage(err) }, 'status snapshot failed'));
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
  }

  private enqueue(topic: string, payload: Buffer, live: boolean, ack?: Pending['ack']): void {
    this.pending.push({ topic, payload, live, ...(ack ? { ack } : {}) });
    // live messages: written once the packets read so far are queued (setImmediate runs after
    // the socket's data was parsed), so a burst shares a transaction; retained ones: batched
    if (live || this.pending.length >= BATCH_MAX) this.immediate ??= setImmediate(() => void this.flush());
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what arrived in one transaction, then acknowledges it; resolves when written. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearImmediate(this.immediate);
    this.immediate = undefined;
    if (this.pending.length === 0) return this.chain;
    // the batch is taken when its turn comes: what arrives while a write runs goes in the next
    this.chain = this.chain.then(() => {
      const batch = this.pending;
      this.pending = [];
      return batch.length > 0 ? this.write(batch) : undefined;
    });
    return this.chain;
  }

  private async write(batch: Pending[]): Promise<void> {
    const statuses: { input: DeviceStatusInput; receivedAt: number; live: boolean }[] = [];
    const envelopes: { input: EnvelopeInput; receivedAt: number }[] = [];
    const now = Date.now();
    for (const m of batch) {
      this.stats.received++;
      const at = this.o.topics.parseDevice(m.topic);
      try {
        if (!at) throw new RefusedInput('malformed', 'not a device topic');
        if (at.rest === 'status') {
          if (m.payload.length === 0) continue;
          statuses.push({ input: readStatus(at.device, m.payload), receivedAt: now, live: m.live });
        } else envelopes.push({ input: readEnvelope(at.device, m.payload), receivedAt: now });
      } catch (err) {
        const code = err instanceof RefusedInput ? err.code : 'malformed';
        this.stats.refused[code] = (this.stats.refused[code] ?? 0) + 1;
        this.o.log.debug({ topic: m.topic.slice(0, 200), code }, 'registry refused a device message');
      }
    }
    try {
      const fresh = await this.o.store.write({ statuses, envelopes });
      this.stats.transactions++;
      const records = envelopes.filter((e) => e.input.kind !== 'telemetry').length;
      this.stats.stored += fresh;
      this.o.onStored?.([...statuses.map((s) => s.input.device), ...envelopes.map((e) => e.input.device)]);
      this.stats.duplicates += records - fresh;
    } catch (err) {
      // not acknowledged: the broker delivers these again after a reconnect
      this.o.log.error(
        { err: errorMessage(err) },
        `registry write failed: ${errorMessage(err)}; reconnecting`,
      );
      this.connection++; // nothing held on this connection is acknowledged any more
      this.client?.end(true, () => this.client?.reconnect());
      return;
    }
    this.acknowledge(batch);
  }

  /** PUBACKs for a committed batch, in arrival order, if its connection is still the one up. */
  private acknowledge(batch: Pending[]): void {
    const client = this.client;
    if (!client?.connected) return;
    for (const m of batch)
      if (m.ack && m.ack.connection === this.connection)
        (client as unknown as PacketWriter)._sendPacket({
          cmd: 'puback',
          messageId: m.ack.messageId,
          reasonCode: 0,
        });
  }

  /** Publishes retained at QoS 1 through the registry's session; resolves on the broker's PUBACK. */
  publishRetained(topic: string, payload: string): Promise<void> {
    return this.publish(topic, payload, { retain: true });
  }

  /** Publishes a reply (QoS 1, not retained) with the request's correlation data. */
  publishReply(topic: string, payload: string, correlationData: Buffer): Promise<void> {
    return this.publish(topic, payload, { correlationData });
  }

  private publish(
    topic: string,
    payload: string,
    extra: { retain?: boolean; correlationData?: Buffer },
  ): Promise<void> {
    const client = this.client;
    if (!client?.connected) return Promise.reject(new Error('registry not connected to the broker'));
    const properties = {
      contentType: 'application/json',
      ...(extra.correlationData ? { correlationData: extra.correlationData } : {}),
    };
    return new Promise((resolve, reject) =>
      client.publish(topic, payload, { qos: 1, retain: extra.retain === true, properties }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }

  async stop(): Promise<void> {
    await this.flush();
    const client = this.client;
    this.client = undefined;
    if (client) await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }
}
