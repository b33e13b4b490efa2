import { randomBytes } from 'node:crypto';
import type { IClientPublishOptions, IPublishPacket, MqttClient } from 'mqtt';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { FleetLink } from './fleet-link.js';
import { Backoff, mqttOptions, type BrokerSettings } from './mqtt-options.js';
import { topicNameProblem } from './topics.js';

const mqtt = lazyRequire<typeof import('mqtt')>('mqtt');

export type MessageListener = (topic: string, payload: Buffer, packet: IPublishPacket) => void;

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** Hints for connection failures a technician can act on. */
function connectHint(err: Error): string {
  const m = err.message;
  if (/ECONNREFUSED/.test(m)) return 'is the broker running and is fleet.broker (host:port) right?';
  if (/ENOTFOUND|EAI_AGAIN/.test(m))
    return 'the broker host name does not resolve; check DNS or fleet.broker';
  if (/certificate|self.signed|CERT_|SSL|TLS|handshake/i.test(m))
    return 'TLS failed: check fleet.ca (the broker CA) and fleet.cert/fleet.key (this device certificate)';
  if (/Not authorized|Bad username|authoriz/i.test(m))
    return 'the broker refused this device: check the certificate CN / username and the broker ACL';
  return 'the kiosk keeps working offline and retries with backoff';
}

/**
 * One MQTT 5 connection with a persistent session, jittered reconnects and request/response
 * (response topic + correlation data). Implements FleetLink for other features.
 */
export class MqttLink implements FleetLink {
  private client: MqttClient | undefined;
  private readonly backoff: Backoff;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly connListeners = new Set<(connected: boolean) => void>();
  private readonly msgListeners = new Set<MessageListener>();
  private stopping = false;
  private lastError = '';
  connects = 0;
  /** Publishes refused before reaching the socket (invalid topic or response topic). */
  refusedPublishes = 0;

  constructor(
    private settings: BrokerSettings,
    private readonly repliesTopic: string,
    private readonly log: Logger,
    backoff: { minMs: number; maxMs: number },
  ) {
    this.backoff = new Backoff(backoff.minMs, backoff.maxMs);
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Sets the will (last-will message) registered by the next connect. Throws TypeError on a bad topic. */
  setWill(will: BrokerSettings['will']): void {
    const problem = will && topicNameProblem(will.topic);
    if (problem) throw new TypeError(`will topic ${JSON.stringify(will.topic)}: ${problem}`);
    this.settings = { ...this.settings, will };
  }

  /** Throws TypeError naming the setting when the URL or a TLS file is unusable. */
  check(): void {
    mqttOptions(this.settings);
  }

  /** Starts connecting (does not wait for the broker: the kiosk works offline). */
  start(): void {
    if (this.client) return;
    this.stopping = false;
    const client = mqtt().connect(this.settings.url, mqttOptions(this.settings));
    this.client = client;
    client.on('connect', (connack) => {
      // small request/response packets must not wait for Nagle + delayed ACK (~40 ms each)
      (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
      this.connects++;
      this.backoff.reset();
      this.lastError = '';
      this.log.info(
        { broker: this.settings.url, sessionPresent: connack.sessionPresent },
        `connected to ${this.settings.url}`,
      );
      void this.subscribe([this.repliesTopic]).catch(() => undefined);
      this.emitConnection(true);
    });
    client.on('message', (topic, payload, packet) => this.dispatch(topic, payload, packet));
    client.on('error', (err) => {
      if (err.message === this.lastError) return;
      this.lastError = err.message;
      this.log.warn(
        { broker: this.settings.url, err: err.message },
        `fleet broker: ${err.message}; ${connectHint(err)}`,
      );
    });
    client.on('close', () => {
      const wasConnected = this.connectsAtClose !== this.connects;
      this.connectsAtClose = this.connects;
      if (wasConnected) {
        this.log.warn({ broker: this.settings.url }, 'disconnected from the fleet broker; queuing locally');
        this.emitConnection(false);
      }
      this.scheduleReconnect();
    });
  }

  private connectsAtClose = 0;

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    const delay = this.backoff.next();
    this.log.debug({ delayMs: delay }, 'reconnecting to the fleet broker');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopping && this.client && !this.client.connected) this.client.reconnect();
    }, delay);
  }

  private emitConnection(connected: boolean): void {
    for (const l of [...this.connListeners]) {
      try {
        l(connected);
      } catch (err) {
        this.log.error({ err }, 'connection listener failed');
      }
    }
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.connListeners.add(listener);
    return () => this.connListeners.delete(listener);
  }

  /** Every message except replies to request(). Returns an unsubscribe function. */
  onMessage(listener: MessageListener): () => void {
    this.msgListeners.add(listener);
    return () => this.msgListeners.delete(listener);
  }

  private dispatch(topic: string, payload: Buffer, packet: IPublishPacket): void {
    if (topic === this.repliesTopic) return this.onReply(payload, packet);
    for (const l of [...this.msgListeners]) {
      try {
        l(topic, payload, packet);
      } catch (err) {
        this.log.error({ err, topic }, `handling ${topic} failed: ${errorMessage(err)}`);
      }
    }
  }

  private onReply(payload: Buffer, packet: IPublishPacket): void {
    const correlation = packet.properties?.correlationData;
    const key = correlation ? Buffer.from(correlation).toString('hex') : '';
    const waiting = this.pending.get(key);
    if (!waiting)
      return this.log.debug({ key }, 'reply without a waiting request (late or unknown); ignored');
    this.pending.delete(key);
    clearTimeout(waiting.timer);
    try {
      const value = JSON.parse(payload.toString('utf8')) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('not a JSON object');
      waiting.resolve(value as Record<string, unknown>);
    } catch (err) {
      waiting.reject(
        new DriverError(
          'fleet',
          'device-fault',
          'bad-reply',
          `reply is not a JSON object: ${errorMessage(err)}`,
          'the responder sent a malformed payload',
        ),
      );
    }
  }

  /**
   * Publishes and resolves when the broker acknowledged (QoS 1) or the packet was sent (QoS 0).
   * An invalid topic or response topic is refused here (TypeError) and never reaches the socket:
   * the broker would drop the whole connection for it.
   */
  publish(
    topic: string,
    payload: string | Buffer,
    options: IClientPublishOptions = { qos: 1 },
  ): Promise<void> {
    const client = this.client;
    if (!client)
      return Promise.reject(
        new DriverError('fleet', 'disconnected', 'not-started', 'fleet link not started'),
      );
    const problem = publishProblem(topic, options);
    if (problem) {
      this.refusedPublishes++;
      return Promise.reject(new TypeError(`publish: ${problem}; not sent`));
    }
    return new Promise((resolve, reject) => {
      client.publish(topic, payload, options, (err) => (err ? reject(err) : resolve()));
    });
  }

  subscribe(topics: string[]): Promise<void> {
    const client = this.client;
    if (!client || topics.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      client.subscribe(topics, { qos: 1 }, (err, granted) => {
        if (err) return reject(err);
        const refused = (granted ?? []).filter((g) => g.qos > 2);
        if (refused.length > 0)
          this.log.warn(
            { topics: refused.map((g) => g.topic) },
            'broker refused subscriptions; check the ACL for this device',
          );
        resolve();
      });
    });
  }

  unsubscribe(topics: string[]): Promise<void> {
    const client = this.client;
    if (!client || topics.length === 0 || !client.connected) return Promise.resolve();
    return new Promise((resolve) => client.unsubscribe(topics, () => resolve()));
  }

  request(
    topic: string,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    if (!this.connected)
      return Promise.reject(
        new DriverError(
          'fleet',
          'disconnected',
          'offline',
          `cannot send ${topic}: not connected to the fleet broker`,
          'try again when the network is back',
        ),
      );
    const correlation = randomBytes(16);
    const key = correlation.toString('hex');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(key);
        reject(
          new DriverError(
            'fleet',
            'timeout',
            'no-reply',
            `no reply on ${topic} within ${timeoutMs} ms`,
            'the responder may be offline',
          ),
        );
      }, timeoutMs);
      this.pending.set(key, { resolve, reject, timer });
      this.publish(topic, JSON.stringify(payload), {
        qos: 1,
        properties: {
          responseTopic: this.repliesTopic,
          correlationData: correlation,
          contentType: 'application/json',
        },
      }).catch((err: unknown) => {
        clearTimeout(timer);
        this.pending.delete(key);
        reject(
          new DriverError(
            'fleet',
            'disconnected',
            'publish-failed',
            `request on ${topic} failed: ${errorMessage(err)}`,
          ),
        );
      });
    });
  }

  /** Publishes `last` (e.g. the offline status) if connected, then disconnects cleanly. */
  async stop(last?: { topic: string; payload: string; retain: boolean }, budgetMs = 1000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    for (const [key, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new DriverError('fleet', 'canceled', 'stopping', 'fleet link stopping'));
      this.pending.delete(key);
    }
    if (!client) return;
    if (last && client.connected && !publishProblem(last.topic, {})) {
      const sent = new Promise<void>((resolve) =>
        client.publish(last.topic, last.payload, { qos: 1, retain: last.retain }, () => resolve()),
      );
      await Promise.race([sent, new Promise((r) => setTimeout(r, budgetMs))]);
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        client.end(true);
        resolve();
      }, budgetMs);
      client.end(false, {}, () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.emitConnection(false);
  }
}

/** Why a publish must not be sent (its topic or response topic is not a valid topic name), or undefined. */
function publishProblem(topic: string, options: IClientPublishOptions): string | undefined {
  const problem = topicNameProblem(topic);
  if (problem) return `topic ${JSON.stringify(topic.slice(0, 200))} ${problem}`;
  const responseTopic = options.properties?.responseTopic;
  const responseProblem = responseTopic === undefined ? undefined : topicNameProblem(responseTopic);
  if (responseProblem)
    return `response topic ${JSON.stringify(responseTopic?.slice(0, 200))} ${responseProblem}`;
  return undefined;
}
