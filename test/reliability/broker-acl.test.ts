import fc from 'fast-check';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFleet, publishAsync, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { createTestPki, type TestPki } from '../helpers/certs.js';
import { fleetKeys, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { tempDir } from '../helpers/sim-process.js';
import { spawnKiosk, type KioskProc } from './harness/kiosk-proc.js';
import { sleep } from './harness/rng.js';

const topics = fleetTopics('kiosk/v1');
const VICTIM = 'kiosk-acl-a';
const INTRUDER = 'kiosk-acl-b';

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

describe('Reliability: broker ACL with mutual TLS (deploy/mosquitto/acl): one kiosk cannot act as another', () => {
  let pki: TestPki;
  let broker: Mosquitto;
  let kiosk: KioskProc;
  let intruder: MqttClient;
  let mgr: MqttClient;
  const keys = fleetKeys();
  const dataDir = tempDir();
  const client = (cn: string) => {
    const { cert, key } = pki.issue(cn);
    return connectFleet({ url: broker.url, clientId: `${cn}-${Date.now()}`, ca: pki.ca, cert, key });
  };

  beforeAll(async () => {
    pki = createTestPki(tempDir('pki-'));
    const server = pki.issue('broker', { server: true });
    broker = await startMosquitto({
      tls: { cafile: pki.ca, certfile: server.cert, keyfile: server.key, requireCertificate: true },
      acl: readFileSync(resolve('deploy/mosquitto/acl'), 'utf8'),
    });
    const device = pki.issue(VICTIM);
    kiosk = spawnKiosk({
      dataDir,
      deviceId: VICTIM,
      broker: broker.url,
      fleetKey: keys.publicFile,
      config: { fleet: { ca: pki.ca, cert: device.cert, key: device.key } },
    });
    await kiosk.ready;
    mgr = await client('fleet-manager');
    const statuses: Record<string, unknown>[] = [];
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
    await broker?.dispose();
    for (const dir of [dataDir, keys.dir, pki?.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
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
});
