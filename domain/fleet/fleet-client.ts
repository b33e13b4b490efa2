import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import mqtt, { type IClientPublishOptions, type MqttClient } from 'mqtt';
import type { Rollout } from './catalog-manifest.js';
import type { CommandName, CommandResponse, CommandTarget, FleetCommand } from './command-schema.js';
import { mqttOptions, type BrokerSettings } from './mqtt-options.js';
import { signDocument } from './signing.js';
import type { FleetTopics } from './topics.js';

/** Fleet-manager side of the protocol, used by `kiosk fleet` and the tests. */

export async function connectFleet(settings: BrokerSettings): Promise<MqttClient> {
  const client = mqtt.connect(settings.url, mqttOptions(settings));
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => {
        (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
        resolve();
      });
      client.once('error', reject);
      client.once('close', () => reject(new Error(`cannot connect to ${settings.url}`)));
    });
  } catch (err) {
    client.end(true);
    throw err;
  }
  return client;
}

export function publishAsync(
  client: MqttClient,
  topic: string,
  payload: string | Buffer,
  options: IClientPublishOptions,
): Promise<void> {
  return new Promise((resolve, reject) =>
    client.publish(topic, payload, options, (err) => (err ? reject(err) : resolve())),
  );
}

export function subscribeAsync(client: MqttClient, topics: string | string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    client.subscribe(topics, { qos: 1 }, (err, granted) => {
      if (err) return reject(err);
      const refused = (granted ?? []).filter((g) => g.qos > 2).map((g) => g.topic);
      if (refused.length > 0)
        reject(new Error(`broker refused subscription to ${refused.join(', ')} (ACL?)`));
      else resolve();
    }),
  );
}

/** Builds and signs a command. */
export function signCommand(options: {
  name: CommandName;
  args?: Record<string, unknown>;
  target: CommandTarget;
  key: KeyObject;
  ttlMs?: number;
  now?: number;
  id?: string;
}): FleetCommand {
  const issuedAt = options.now ?? Date.now();
  return signDocument(
    {
      id: options.id ?? randomUUID(),
      name: options.name,
      args: options.args ?? {},
      target: options.target,
      issuedAt,
      expiresAt: issuedAt + (options.ttlMs ?? 5 * 60_000),
    },
    options.key,
  ) as FleetCommand;
}

export function commandTopic(topics: FleetTopics, command: Pick<FleetCommand, 'name' | 'target'>): string {
  const t = command.target;
  if ('device' in t) return topics.deviceCommand(t.device, command.name);
  if ('group' in t) return topics.groupCommand(t.group, command.name);
  return topics.allCommand(command.name);
}

/**
 * Publishes a (signed or raw) command as an MQTT 5 request and collects responses until
 * `expect` devices answered or `timeoutMs` passed.
 */
export async function sendCommand(
  client: MqttClient,
  topics: FleetTopics,
  topic: string,
  payload: string | Buffer,
  options: { timeoutMs: number; expect?: number; onResponse?: (r: CommandResponse) => void },
): Promise<CommandResponse[]> {
  const responseTopic = topics.fleetResponses(randomUUID());
  const correlation = randomBytes(16);
  const responses: CommandResponse[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const onMessage = (
    t: string,
    body: Buffer,
    packet: { properties?: { correlationData?: Buffer } },
  ): void => {
    if (t !== responseTopic) return;
    const c = packet.properties?.correlationData;
    if (!c || !Buffer.from(c).equals(correlation)) return;
    try {
      const r = JSON.parse(body.toString('utf8')) as CommandResponse;
      responses.push(r);
      options.onResponse?.(r);
      if (options.expect !== undefined && responses.length >= options.expect) done();
    } catch {
      /* a malformed response is not a response */
    }
  };
  client.on('message', onMessage);
  const timer = setTimeout(done, options.timeoutMs);
  try {
    await subscribeAsync(client, responseTopic);
    await publishAsync(client, topic, payload, {
      qos: 1,
      properties: { responseTopic, correlationData: correlation, contentType: 'application/json' },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    client.removeListener('message', onMessage);
    client.unsubscribe(responseTopic);
  }
  return responses;
}

export interface DeviceStatus {
  device: string;
  state: string;
  ts?: string;
  appVersion?: string;
  catalogVersion?: string | null;
  channel?: string;
  groups?: string[];
  peripherals?: Record<string, unknown>;
  health?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Reads the retained status of every device (waits `quietMs` after the last one arrives). */
export async function listDevices(
  client: MqttClient,
  topics: FleetTopics,
  quietMs = 500,
): Promise<DeviceStatus[]> {
  const found = new Map<string, DeviceStatus>();
  const pattern = new RegExp(
    `^${topics.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/devices/([^/]+)/status$`,
  );
  let timer: NodeJS.Timeout | undefined;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(done, quietMs);
  };
  const onMessage = (topic: string, body: Buffer): void => {
    const m = pattern.exec(topic);
    if (!m || body.length === 0) return;
    try {
      const doc = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      found.set(m[1] as string, { ...doc, device: m[1] as string, state: String(doc.state ?? 'unknown') });
    } catch {
      found.set(m[1] as string, { device: m[1] as string, state: 'malformed-status' });
    }
    arm();
  };
  client.on('message', onMessage);
  try {
    await subscribeAsync(client, `${topics.prefix}/devices/+/status`);
    arm();
    await finished;
  } finally {
    clearTimeout(timer);
    client.removeListener('message', onMessage);
    client.unsubscribe(`${topics.prefix}/devices/+/status`);
  }
  return [...found.values()].sort((a, b) => a.device.localeCompare(b.device));
}

/** Publishes a rollout: chunks first (retained), then the manifest, so devices never wait. */
export async function publishRollout(
  client: MqttClient,
  topics: FleetTopics,
  rollout: Rollout,
  options: { onChunk?: (done: number, total: number) => void; chunks?: number[]; manifest?: boolean } = {},
): Promise<void> {
  const m = rollout.manifest;
  const indexes = options.chunks ?? rollout.chunks.map((_, i) => i);
  let done = 0;
  for (const i of indexes) {
    const chunk = rollout.chunks[i];
    if (!chunk) throw new RangeError(`chunk ${i} does not exist`);
    await publishAsync(client, topics.catalogChunk(m.channel, m.version, i), chunk, { qos: 1, retain: true });
    options.onChunk?.(++done, indexes.length);
  }
  if (options.manifest !== false)
    await publishAsync(client, topics.catalogManifest(m.channel), JSON.stringify(m), {
      qos: 1,
      retain: true,
      properties: { contentType: 'application/json' },
    });
}
