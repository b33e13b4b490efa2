import fc from 'fast-check';
import { rmSync } from 'node:fs';
import type { IPublishPacket, MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectFleet,
  publishAsync,
  sendCommand,
  signCommand,
  subscribeAsync,
} from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { fleetKeys, waitFor } from '../helpers/fleet.js';
import { startShippedBroker, type ShippedBroker } from '../helpers/shipped-broker.js';
import { tempDir } from '../helpers/sim-process.js';
import { spawnKiosk, type KioskProc } from './harness/kiosk-proc.js';
import { sleep } from './harness/rng.js';

const topics = fleetTopics('kiosk/v1');
const VICTIM = 'kiosk-acl-a';
const INTRUDER = 'kiosk-acl-b';
/** A third kiosk certificate used for client-id takeover attempts. */
const TAKER = 'kiosk-acl-c';

/** Topics the intruder kiosk must never write: another kiosk's, commands, catalogs. */
const forbidden = fc.oneof(
  fc
    .constantFrom(
      'status',
      'telemetry',
      'events/ticket-issued',
      'events/catalog-applied',
      'records/rating',
      'responses',
      'replies',
      'cmd/restart',
      'centre/queue-ahead',
    )
    .map((suffix) => `kiosk/v1/devices/${VICTIM}/${suffix}`),
  fc.constantFrom('restart', 'announce', 'catalog-rollback').map((n) => topics.allCommand(n)),
  fc.constantFrom('reliability', 'ha-noi').map((g) => topics.groupCommand(g, 'restart')),
  fc.constant(topics.catalogManifest('stable')),
  fc.integer({ min: 0, max: 9 }).map((i) => topics.catalogChunk('stable', '2099.01.01-1', i)),
);

describe('Reliability: the shipped broker config and ACL (deploy/mosquitto) with mutual TLS: one kiosk cannot act as another', () => {
  let shipped: ShippedBroker;
  let kiosk: KioskProc;
  let intruder: MqttClient;
  let mgr: MqttClient;
  const keys = fleetKeys();
  const dataDir = tempDir();
  /** A client with a kiosk certificate for `cn` on the kiosk listener. */
  const client = (cn: string, clientId = `${cn}-${Date.now()}`) => {
    const { cert, key } = shipped.kioskPki.issue(cn);
    return connectFleet({ url: shipped.kioskUrl, clientId, ca: shipped.ca, cert, key });
  };
  const operator = (cn: string) => {
    const { cert, key } = shipped.operatorPki.issue(cn);
    return connectFleet({
      url: shipped.operatorUrl,
      clientId: `${cn}-${Math.random().toString(16).slice(2)}`,
      ca: shipped.ca,
      cert,
      key,
    });
  };
  const statuses: Record<string, unknown>[] = [];
  const signedPing = (target: { device: string } | { all: true }) =>
    JSON.stringify(signCommand({ name: 'ping', target, key: keys.key }));

  beforeAll(async () => {
    shipped = await startShippedBroker();
    const device = shipped.kioskPki.issue(VICTIM);
    kiosk = spawnKiosk({
      dataDir,
      deviceId: VICTIM,
      broker: shipped.kioskUrl,
      fleetKey: keys.publicFile,
      config: { fleet: { ca: shipped.ca, cert: device.cert, key: device.key } },
    });
    await kiosk.ready;
    mgr = await operator('fleet-manager');
    mgr.on('message', (t, p) => {
      if (t === topics.status(VICTIM) && p.length > 0)
        statuses.push(JSON.parse(p.toString()) as Record<string, unknown>);
    });
    await subscribeAsync(mgr, topics.status(VICTIM));
    await waitFor(() => statuses.some((s) => s.state === 'online'), 20_000, 'victim kiosk online over mTLS');
    intruder = await client(INTRUDER);
  });
  afterAll(async () => {
    intruder?.end(true);
    mgr?.end(true);
    await kiosk?.powerCut();
    await shipped?.dispose();
    for (const dir of [dataDir, keys.dir, shipped?.kioskPki.dir, shipped?.operatorPki.dir])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every publish to another kiosk, to commands or to catalogs is refused (PUBACK 135) — fast-check over topics', async () => {
    await publishAsync(intruder, `kiosk/v1/devices/${INTRUDER}/events/test`, '{}', { qos: 1 }); // its own: fine
    await fc.assert(
      fc.asyncProperty(forbidden, fc.boolean(), async (topic, retain) => {
        const err = await publishAsync(intruder, topic, '{"state":"online","forged":true}', {
          qos: 1,
          retain,
        }).then(
          () => undefined,
          (e: unknown) => e as { code?: number },
        );
        expect(err, topic).toMatchObject({ code: 135 });
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it("sniffing with wildcards never shows the other kiosk's records, events or commands", async () => {
    const seen: string[] = [];
    intruder.on('message', (topic) => seen.push(topic));
    for (const pattern of [
      '#',
      'kiosk/v1/#',
      'kiosk/v1/devices/+/records/#',
      `kiosk/v1/devices/${VICTIM}/#`,
      '$SYS/#',
    ])
      await subscribeAsync(intruder, pattern).catch(() => undefined);
    // the victim serves citizens: a ticket and a rating go out as records/events
    await kiosk.api('/api/button', { id: '1' });
    await kiosk.api('/api/button', { id: 'ok' });
    const s = await kiosk.api<{ details: Record<string, unknown> }>('/api/button', { id: '4' });
    if (s.details.step === 'counter') await kiosk.api('/api/button', { id: '1' });
    await kiosk.api('/api/button', { id: '5' });
    await publishAsync(mgr, topics.deviceCommand(VICTIM, 'ping'), '{}', { qos: 1 });
    await waitFor(
      async () => (await kiosk.api<{ outboxCount: number }>('/api/state')).outboxCount === 0,
      15_000,
      'victim outbox delivered',
    );
    await sleep(500);
    expect(seen.filter((t) => t.includes(`/devices/${VICTIM}/`) || t.startsWith('$SYS'))).toEqual([]);
    // and the victim's retained status was not overwritten by the forged one
    const status = await new Promise<Record<string, unknown>>((done) => {
      const probe = (t: string, p: Buffer) => {
        if (t !== topics.status(VICTIM)) return;
        mgr.removeListener('message', probe);
        done(JSON.parse(p.toString()) as Record<string, unknown>);
      };
      mgr.on('message', probe);
      void mgr.unsubscribeAsync(topics.status(VICTIM)).then(() => subscribeAsync(mgr, topics.status(VICTIM)));
    });
    expect(status.forged).toBeUndefined();
    expect(status.device).toBe(VICTIM);
  });

  it('a kiosk that hears a fleet-wide command cannot answer it as another kiosk: the ACL binds the response level to its certificate, the CLI rejects a payload that claims another', async () => {
    await subscribeAsync(intruder, topics.allCommand('ping'));
    const attempts: Promise<{ topic: string; code: number }>[] = [];
    const forge = (t: string, p: Buffer, packet: IPublishPacket) => {
      // the intruder's sniffing subscriptions overlap, so the same command arrives more than once
      if (t !== topics.allCommand('ping') || attempts.length > 0) return;
      const rt = packet.properties?.responseTopic ?? '';
      const correlationData = packet.properties?.correlationData;
      const forged = JSON.stringify({
        id: 'x',
        device: VICTIM,
        name: 'ping',
        ok: true,
        ts: Date.now(),
        result: { pong: true },
      });
      for (const topic of [`${rt}/${VICTIM}`, rt, `${rt}/${INTRUDER}`])
        attempts.push(
          publishAsync(intruder, topic, forged, {
            qos: 1,
            properties: { ...(correlationData ? { correlationData } : {}) },
          }).then(
            () => ({ topic, code: 0 }),
            (e: { code?: number }) => ({ topic, code: e.code ?? -1 }),
          ),
        );
    };
    intruder.on('message', forge);
    const rejected: string[] = [];
    try {
      const responses = await sendCommand(mgr, topics, topics.allCommand('ping'), signedPing({ all: true }), {
        timeoutMs: 4000,
        onRejected: (reason) => rejected.push(reason),
      });
      const results = await Promise.all(attempts);
      expect(results.map((r) => r.code)).toEqual([135, 135, 0]);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ device: VICTIM, ok: true, result: { pong: true } });
      expect(rejected).toEqual([
        expect.stringMatching(new RegExp(`on ${INTRUDER}'s topic claiming to be from "${VICTIM}"`)),
      ]);
    } finally {
      intruder.removeListener('message', forge);
    }
  });

  it("another kiosk's certificate cannot take over the kiosk's client id (use_username_as_clientid), nor connect as an operator", async () => {
    const before = shipped.connections(VICTIM);
    expect(before).toBeGreaterThan(0);
    for (const clientId of [
      `kiosk-${VICTIM}`,
      VICTIM,
      `kiosk-${VICTIM}`,
      VICTIM,
      `kiosk-${VICTIM}`,
      VICTIM,
    ]) {
      const thief = await client(TAKER, clientId);
      // the broker gave the thief its own certificate's identity, not the id it asked for
      await publishAsync(thief, `kiosk/v1/devices/${TAKER}/events/test`, '{}', { qos: 1 });
      expect(
        await publishAsync(thief, topics.status(VICTIM), '{"state":"offline"}', {
          qos: 1,
          retain: true,
        }).then(
          () => 0,
          (e: { code?: number }) => e.code,
        ),
      ).toBe(135);
      thief.end(true);
    }
    const { cert, key } = shipped.kioskPki.issue(TAKER);
    await expect(
      connectFleet({ url: shipped.operatorUrl, clientId: `kiosk-${VICTIM}`, ca: shipped.ca, cert, key }),
    ).rejects.toThrow();
    // the victim was never knocked off: no new connection, still online, and it answers
    await sleep(500);
    expect(shipped.connections(VICTIM)).toBe(before);
    expect(shipped.connections(TAKER)).toBe(6);
    expect(kiosk.logs.join('\n')).not.toMatch(/disconnected from the fleet broker/);
    expect(statuses.at(-1)?.state).toBe('online');
    const [pong] = await sendCommand(
      mgr,
      topics,
      topics.deviceCommand(VICTIM, 'ping'),
      signedPing({ device: VICTIM }),
      {
        timeoutMs: 10_000,
        expect: 1,
      },
    );
    expect(pong).toMatchObject({ ok: true, device: VICTIM });
    // operators keep free client ids: two fleet CLIs with one certificate are connected at once
    const second = await operator('fleet-manager');
    await sleep(200);
    expect(mgr.connected && second.connected).toBe(true);
    second.end(true);
  });
});
