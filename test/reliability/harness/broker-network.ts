import type { MqttClient } from 'mqtt';
import { pino } from 'pino';
import { connectFleet, subscribeAsync } from '../../../domain/fleet/fleet-client.js';
import { MqttLink } from '../../../domain/fleet/mqtt-link.js';
import { waitFor } from '../../helpers/fleet.js';
import { startMosquitto } from '../../helpers/mosquitto.js';
import type { KioskProc } from './kiosk-proc.js';
import { sleep } from './rng.js';

export interface Envelope {
  id: string;
  seq: number;
  type: string;
  kind: string;
  data: Record<string, unknown>;
}

/** The centre's queue system: answers "people ahead" requests at once, as a live centre does. */
export async function answerCentreRequests(client: MqttClient): Promise<void> {
  client.on('message', (topic, _payload, packet) => {
    const responseTopic = packet.properties?.responseTopic;
    if (!/(^|\/)(request|centre)\//.test(topic) || !responseTopic) return;
    client.publish(responseTopic, JSON.stringify({ peopleAhead: 0 }), {
      qos: 1,
      properties: { correlationData: packet.properties?.correlationData },
    });
  });
  await subscribeAsync(client, ['request/#', 'kiosk/v1/devices/+/request/#', 'kiosk/v1/devices/+/centre/#']);
}

/** A fleet consumer with a persistent session; QoS 1 messages wait in the broker while it is away. */
export async function eventConsumer(
  url: string,
  deviceId: string,
  options: { clientId?: string; slowMs?: number } = {},
): Promise<{ client: MqttClient; received: Envelope[] }> {
  const received: Envelope[] = [];
  const slowMs = options.slowMs ?? 0;
  let chain = Promise.resolve();
  // The listener goes on before the connection: a resumed session's queued events can arrive
  // with the CONNACK itself.
  const client = await connectFleet(
    {
      url,
      clientId: options.clientId ?? `consumer-${deviceId}`,
      sessionExpirySeconds: 3600,
    },
    (_topic, payload) => {
      try {
        received.push(JSON.parse(payload.toString('utf8')) as Envelope);
      } catch {
        /* not an envelope */
      }
    },
  );
  if (slowMs > 0) {
    // a slow consumer: each message is acknowledged only after it was "processed"
    client.options.customHandleAcks = (_topic, _payload, _packet, done) => {
      chain = chain.then(async () => {
        await sleep(slowMs);
        done(0);
      });
    };
  }
  await subscribeAsync(client, [
    `kiosk/v1/devices/${deviceId}/events/#`,
    `kiosk/v1/devices/${deviceId}/records/#`,
  ]);
  return { client, received };
}

/** Distinct ids and redeliveries of the envelopes of one type. */
export function byId(
  received: Envelope[],
  type: string,
): { ids: Map<string, Envelope>; redeliveries: number } {
  const ids = new Map<string, Envelope>();
  let redeliveries = 0;
  for (const e of received) {
    if (e.type !== type) continue;
    if (ids.has(e.id)) redeliveries++;
    else ids.set(e.id, e);
  }
  return { ids, redeliveries };
}

/** Issues a ticket through the control API and returns its number (acknowledged on screen). */
export async function issueTicket(k: KioskProc): Promise<string> {
  type S = { screen: string; lastTicket: { number: string } | null };
  const before = await k.api<S>('/api/state');
  const after = await k.api<S>('/api/button', { id: '1' });
  await k.api('/api/button', { id: 'ok' });
  const number = after.lastTicket?.number;
  if (!number || number === before.lastTicket?.number) throw new Error('button 1 did not issue a ticket');
  return number;
}

export interface StormReport {
  clients: number;
  outageMs: number;
  /** All clients connected again after the broker came back. */
  reconnected: number;
  /** From broker start to the last client connected (ms). */
  allBackMs: number;
  /** Most reconnections inside any 100 ms window (the herd's peak). */
  peakPer100ms: number;
  /** Spread of reconnection instants: first to last (ms). */
  spreadMs: number;
  brokerAlive: boolean;
  ms: number;
}

/**
 * A reconnect storm: `clients` kiosks' MqttLinks (the project's jittered backoff) lose the broker at
 * the same instant and come back when it restarts. The broker must survive and everyone reconnect.
 */
export async function runReconnectStorm(options: {
  clients: number;
  outageMs: number;
  minMs?: number;
  maxMs?: number;
}): Promise<StormReport> {
  const t0 = Date.now();
  const broker = await startMosquitto({ persistence: false });
  const log = pino({ level: 'silent' });
  const links: MqttLink[] = [];
  const connectedAt: number[] = [];
  try {
    for (let i = 0; i < options.clients; i++) {
      const id = `storm-${i}`;
      const link = new MqttLink(
        {
          url: broker.url,
          clientId: `kiosk-${id}`,
          keepaliveSeconds: 30,
          sessionExpirySeconds: 600,
          will: {
            topic: `kiosk/v1/devices/${id}/status`,
            payload: Buffer.from('{"state":"offline"}'),
            qos: 1,
            retain: true,
          },
        },
        `kiosk/v1/devices/${id}/replies`,
        log,
        { minMs: options.minMs ?? 1000, maxMs: options.maxMs ?? 60_000 },
      );
      link.onConnectionChange((up) => {
        if (up) connectedAt.push(Date.now());
      });
      links.push(link);
      link.start();
    }
    await waitFor(() => links.every((l) => l.connected), 60_000, 'every storm client connected');
    await broker.stop();
    await waitFor(() => links.every((l) => !l.connected), 20_000, 'every client saw the broker go');
    await sleep(options.outageMs);
    connectedAt.length = 0;
    const back = Date.now();
    await broker.start();
    await waitFor(() => links.every((l) => l.connected), 120_000, 'every storm client reconnected');
    const times = [...connectedAt].sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= 100) j++;
      peak = Math.max(peak, i - j + 1);
    }
    // the broker still serves a newcomer
    const probe = await connectFleet({ url: broker.url, clientId: 'storm-probe' });
    probe.end(true);
    return {
      clients: options.clients,
      outageMs: options.outageMs,
      reconnected: links.filter((l) => l.connected).length,
      allBackMs: (times[times.length - 1] ?? back) - back,
      peakPer100ms: peak,
      spreadMs: (times[times.length - 1] ?? 0) - (times[0] ?? 0),
      brokerAlive: true,
      ms: Date.now() - t0,
    };
  } finally {
    await Promise.all(links.map((l) => l.stop().catch(() => undefined)));
    await broker.dispose();
  }
}
