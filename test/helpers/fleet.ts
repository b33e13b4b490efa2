import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IClientPublishOptions, MqttClient } from 'mqtt';
import { connectFleet, publishAsync, sendCommand, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import type { FleetTopics } from '../../domain/fleet/topics.js';
import { generateFleetKeys, parsePrivateKey } from '../../domain/fleet/signing.js';
import { startSim, tempDir, type SimProcess } from './sim-process.js';

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A fleet key pair written to a temp dir, as `kiosk keys gen` does. */
export function fleetKeys(dir = tempDir('fleet-keys-')) {
  const keys = generateFleetKeys();
  const privateFile = join(dir, 'fleet-private.pem');
  const publicFile = join(dir, 'fleet-public.pem');
  writeFileSync(privateFile, keys.privatePem, { mode: 0o600 });
  writeFileSync(publicFile, keys.publicPem);
  return { ...keys, dir, privateFile, publicFile, key: parsePrivateKey(keys.privatePem) };
}

/** Starts a simulated kiosk on the fleet with fast reconnects (config file in its data dir). */
export async function startFleetSim(options: {
  broker: string;
  deviceId: string;
  fleetKey?: string;
  dataDir?: string;
  fleet?: Record<string, unknown>;
  device?: Record<string, unknown>;
}): Promise<SimProcess> {
  const dataDir = options.dataDir ?? tempDir();
  const configFile = join(dataDir, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      device: { groups: ['test-group'], ...options.device },
      fleet: { reconnectMinMs: 200, reconnectMaxMs: 1000, keepaliveSeconds: 5, ...options.fleet },
    }),
  );
  const args = ['--config', configFile, '--broker', options.broker, '--device-id', options.deviceId];
  if (options.fleetKey) args.push('--fleet-key', options.fleetKey);
  return startSim({ dataDir, args });
}

/** A fleet-manager MQTT client that records every message it receives. */
export async function manager(url: string, extra: Partial<Parameters<typeof connectFleet>[0]> = {}) {
  const client: MqttClient = await connectFleet({
    url,
    clientId: `mgr-${Math.random().toString(16).slice(2)}`,
    ...extra,
  });
  const messages: { topic: string; payload: Buffer; retain: boolean }[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload, retain: packet.retain }));
  return {
    client,
    messages,
    json: (topic: string) =>
      messages
        .filter((m) => m.topic === topic && m.payload.length > 0)
        .map((m) => JSON.parse(m.payload.toString()) as Record<string, unknown>),
  };
}

/**
 * Publishes `payload` on `topic` as an MQTT 5 request (response topic and correlation data as the
 * fleet CLI sends them, or `properties` instead), then a signed `barrier` command, and returns
 * whatever came back to the first request by the time the barrier was answered. The kiosk handles
 * messages in the order they arrive, so an answer to the first would have come before.
 */
export async function answersBefore(
  client: MqttClient,
  topics: FleetTopics,
  request: { topic: string; payload: string | Buffer; properties?: IClientPublishOptions['properties'] },
  barrier: { topic: string; payload: string },
): Promise<{ topic: string; payload: string }[]> {
  const responseTopic = topics.fleetResponses(randomUUID());
  const seen: { topic: string; payload: string }[] = [];
  const onMessage = (t: string, body: Buffer) => {
    if (t === responseTopic || t.startsWith(`${responseTopic}/`))
      seen.push({ topic: t, payload: body.toString() });
  };
  client.on('message', onMessage);
  try {
    await subscribeAsync(client, [responseTopic, `${responseTopic}/+`]);
    await publishAsync(client, request.topic, request.payload, {
      qos: 1,
      properties: request.properties ?? {
        responseTopic,
        correlationData: randomBytes(16),
        contentType: 'application/json',
      },
    });
    const [answer] = await sendCommand(client, topics, barrier.topic, barrier.payload, {
      timeoutMs: 10_000,
      expect: 1,
    });
    if (!answer?.ok) throw new Error(`the barrier command was not answered ok: ${JSON.stringify(answer)}`);
  } finally {
    client.removeListener('message', onMessage);
    client.unsubscribe([responseTopic, `${responseTopic}/+`]);
  }
  return seen;
}
