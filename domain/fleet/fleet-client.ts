import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { IClientPublishOptions, MqttClient } from 'mqtt';
import { lazyRequire } from '../../runtime/lazy-require.js';
import type { Rollout } from './catalog-manifest.js';
import type { CommandName } from './command-names.js';
import type { CommandResponse, CommandTarget, FleetCommand } from './command-schema.js';
import { mqttOptions, type BrokerSettings } from './mqtt-options.js';
import { signDocument } from './signing.js';
import { deviceProblems, type DeviceProblem } from './device-problems.js';
import { retainedSnapshot, type SnapshotOptions, type SnapshotResult } from './retained-snapshot.js';
import { isSegment, type FleetTopics } from './topics.js';

const mqtt = lazyRequire<typeof import('mqtt')>('mqtt');

/** Fleet-manager side of the protocol, used by `kiosk fleet` and the tests. */

/**
 * Connects and resolves once the broker has accepted. `onMessage` is attached before the
 * connection opens: a resumed session's queued messages can arrive in the same read as the
 * CONNACK, before any listener added after this promise resolves (mqtt.js would ack and drop them).
 */
export async function connectFleet(
  settings: BrokerSettings,
  onMessage?: (topic: string, payload: Buffer) => void,
): Promise<MqttClient> {
  const client = mqtt().connect(settings.url, mqttOptions(settings));
  if (onMessage) client.on('message', onMessage);
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

/**
 * Subscribes at QoS 1 unless told otherwise. QoS 0 suits a live stream a slow reader must not
 * lose to the broker's per-client QoS 1 cap (in flight + queued, 20 + 1,000 by Mosquitto's
 * defaults): the broker writes QoS 0 messages straight to the socket instead of holding them
 * until acknowledged. Rejects when the broker refuses a filter.
 */
export function subscribeAsync(
  client: MqttClient,
  topics: string | string[],
  options: { qos: 0 | 1 } = { qos: 1 },
): Promise<void> {
  return new Promise((resolve, reject) =>
    client.subscribe(topics, { qos: options.qos }, (err, granted) => {
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
  options: {
    timeoutMs: number;
    expect?: number;
    onResponse?: (r: CommandResponse) => void;
    /** More MQTT 5 properties for the request (user properties...); the response route is the CLI's own. */
    properties?: IClientPublishOptions['properties'];
    /** A message on the response route that is not a response of the device it claims to be from. */
    onRejected?: (reason: string) => void;
  },
): Promise<CommandResponse[]> {
  const requestId = randomUUID();
  const responseTopic = topics.fleetResponses(requestId);
  const responders = `${responseTopic}/+`;
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
    if (t !== responseTopic && !t.startsWith(`${responseTopic}/`)) return;
    const c = packet.properties?.correlationData;
    if (!c || !Buffer.from(c).equals(correlation)) return;
    // Who answered is the topic level the broker's ACL binds to the kiosk's certificate, never
    // what the payload says: a response that claims another device is rejected.
    const from = topics.parseFleetResponse(t);
    let r: CommandResponse;
    try {
      r = JSON.parse(body.toString('utf8')) as CommandResponse;
    } catch {
      return options.onRejected?.(`a response on ${t} that is not JSON`);
    }
    if (!from || from.requestId !== requestId)
      return options.onRejected?.(`a response on ${t}, not on a device's own response topic`);
    if (typeof r !== 'object' || r === null || r.device !== from.device)
      return options.onRejected?.(
        `a response on ${from.device}'s topic claiming to be from ${JSON.stringify((r as { device?: unknown } | null)?.device)}`,
      );
    responses.push(r);
    options.onResponse?.(r);
    if (options.expect !== undefined && responses.length >= options.expect) done();
  };
  client.on('message', onMessage);
  const timer = setTimeout(done, options.timeoutMs);
  try {
    await subscribeAsync(client, [responseTopic, responders]);
    await publishAsync(client, topic, payload, {
      qos: 1,
      properties: {
        contentType: 'application/json',
        ...options.properties,
        responseTopic,
        correlationData: correlation,
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    client.removeListener('message', onMessage);
    client.unsubscribe([responseTopic, responders]);
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
  /** What the status shows is wrong (paper, printer, disk, clock). */
  problems?: DeviceProblem[];
  [key: string]: unknown;
}

export interface DevicesSnapshot {
  devices: DeviceStatus[];
  /** How the snapshot ended and what it saw (retained statuses vs live ones). */
  snapshot: SnapshotResult;
}

/**
 * The status of every device the broker retains, as a bounded snapshot (see retainedSnapshot):
 * ends when the retained burst ends, however busy the live fleet is, or at the hard timeout.
 * A live status seen meanwhile replaces the retained one (it is newer). Each device carries the
 * problems its status shows.
 */
export async function snapshotDevices(
  client: MqttClient,
  topics: FleetTopics,
  options: SnapshotOptions = {},
): Promise<DevicesSnapshot> {
  // the burst is only kept here (payload, retain flag, when it came) and read after it ended: a
  // client that keeps up with the burst is one the broker does not drop messages for
  const seen = new Map<string, { body: Buffer; retained: boolean; at: number }>();
  const snapshot = await retainedSnapshot(
    client,
    topics,
    topics.filters.allStatus(),
    (topic, body, retained) => {
      const at = topics.parseDevice(topic);
      if (!at || at.rest !== 'status') return;
      seen.set(at.device, { body, retained, at: Date.now() });
    },
    options,
  );
  const found: DeviceStatus[] = [];
  for (const [device, m] of seen) {
    if (!isSegment(device) || m.body.length === 0) continue;
    found.push(readStatus(device, m.body, m.retained, m.at));
  }
  return { devices: found.sort((a, b) => a.device.localeCompare(b.device)), snapshot };
}

/** One device's status as the fleet tools show it, with its problems; malformed ones say so. */
function readStatus(device: string, body: Buffer, retained: boolean, at: number): DeviceStatus {
  let doc: Record<string, unknown>;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    doc =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    if (typeof doc.state !== 'string') throw new TypeError('no state');
  } catch {
    return { device, state: 'malformed-status', problems: [] };
  }
  return {
    ...doc,
    device,
    state: doc.state as string,
    problems: deviceProblems(doc, { at, live: !retained }),
  };
}

/** The retained status of every device (a bounded snapshot; a number is the settle time in ms). */
export async function listDevices(
  client: MqttClient,
  topics: FleetTopics,
  options: number | SnapshotOptions = {},
): Promise<DeviceStatus[]> {
  const o = typeof options === 'number' ? { settleMs: options } : options;
  return (await snapshotDevices(client, topics, o)).devices;
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
