import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRollout, sha256 } from '../../domain/fleet/catalog-manifest.js';
import { fleetCatalogPath } from '../../domain/fleet/catalog-store.js';
import { connectFleet, publishAsync, publishRollout } from '../../domain/fleet/fleet-client.js';
import { waitFor } from '../helpers/fleet.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';
import {
  answerCentreRequests,
  byId,
  eventConsumer,
  issueTicket,
  runReconnectStorm,
} from './harness/broker-network.js';
import { startFleetKiosk, topics, type FleetKiosk } from './harness/fleet-kiosk.js';

describe('Reliability: broker and network trouble (real Mosquitto, kiosk process)', () => {
  let fk: FleetKiosk;
  beforeAll(async () => {
    fk = await startFleetKiosk({ deviceId: 'kiosk-network' });
    await answerCentreRequests(fk.mgr);
  });
  afterAll(async () => {
    await fk?.dispose();
  });

  it('a long broker outage: events accumulate, then each arrives exactly once by id', async () => {
    let consumer = await eventConsumer(fk.broker.url, fk.deviceId);
    const issued: string[] = [];
    for (let i = 0; i < 3; i++) issued.push(await issueTicket(fk.kiosk));
    await waitFor(() => byId(consumer.received, 'ticket-issued').ids.size === 3, 15_000, 'first tickets');

    consumer.client.end(true);
    await fk.broker.stop();
    for (let i = 0; i < 15; i++) issued.push(await issueTicket(fk.kiosk));
    const queued = await fk.kiosk.api<{ outboxCount: number }>('/api/state');
    expect(queued.outboxCount).toBeGreaterThanOrEqual(15);

    await fk.broker.start();
    consumer = await eventConsumer(fk.broker.url, fk.deviceId);
    const got = await waitFor(
      () => {
        const r = byId(consumer.received, 'ticket-issued');
        return r.ids.size >= issued.length - 3 ? r : undefined;
      },
      30_000,
      `${issued.length} ticket events after the outage`,
    );
    consumer.client.end(true);
    const numbers = [...got.ids.values()].map((e) => e.data.number);
    expect(numbers).toEqual(issued.slice(3)); // nothing lost, in order, once each by id
    expect(new Set(numbers).size).toBe(numbers.length);
    await waitFor(
      async () => (await fk.kiosk.api<{ outboxCount: number }>('/api/state')).outboxCount === 0,
      15_000,
      'outbox drained',
    );
    console.log(
      `outage: ${issued.length - 3} events queued offline, ${got.redeliveries} redeliveries (same id)`,
    );
  }, 90_000);

  it('a slow consumer does not hold the kiosk back; it still gets everything once by id', async () => {
    const slow = await eventConsumer(fk.broker.url, fk.deviceId, { clientId: 'slow-consumer', slowMs: 150 });
    const issued: string[] = [];
    for (let i = 0; i < 15; i++) issued.push(await issueTicket(fk.kiosk));
    await waitFor(
      async () => (await fk.kiosk.api<{ outboxCount: number }>('/api/state')).outboxCount === 0,
      15_000,
      'kiosk outbox drained while the consumer is slow',
    );
    const behind = issued.length - byId(slow.received, 'ticket-issued').ids.size;
    const got = await waitFor(
      () => {
        const r = byId(slow.received, 'ticket-issued');
        return r.ids.size >= issued.length ? r : undefined;
      },
      30_000,
      'slow consumer caught up',
    );
    slow.client.end(true);
    expect([...got.ids.values()].map((e) => e.data.number)).toEqual(issued);
    console.log(
      `slow consumer: ${behind} of ${issued.length} still unread when the kiosk's outbox was empty`,
    );
  }, 90_000);

  it('broker restarted three times during a catalog download: resumes, never applies a corrupt file', async () => {
    const path = fleetCatalogPath(fk.dataDir);
    const rollout = buildRollout({
      catalog: catalogBytes(makeCatalog('2026.11.26-1', 1500, ' tải lại')),
      channel: 'stable',
      key: fk.keys.key,
      chunkSize: 512,
    });
    const total = rollout.chunks.length;
    expect(total).toBeGreaterThan(20);
    const parts = [0, Math.floor(total / 4), Math.floor(total / 2), Math.floor((3 * total) / 4), total];
    const consumer = await eventConsumer(fk.broker.url, fk.deviceId, { clientId: 'catalog-watch' });
    consumer.client.end(true); // its persistent session keeps collecting while it is away
    for (let p = 0; p < 4; p++) {
      const pub = await connectFleet({ url: fk.broker.url, clientId: `rollout-${p}` });
      const chunks = [...Array(total).keys()].slice(parts[p], parts[p + 1]);
      await publishRollout(pub, topics, rollout, { chunks, manifest: p === 0 });
      pub.end(true);
      // never a half file: either nothing yet or the complete new version
      const now = (() => {
        try {
          return sha256(readFileSync(path));
        } catch {
          return null;
        }
      })();
      expect([null, rollout.manifest.sha256]).toContain(now);
      if (p < 3) {
        await fk.broker.stop();
        await fk.broker.start();
      }
    }
    await waitFor(
      () => {
        try {
          return sha256(readFileSync(path)) === rollout.manifest.sha256;
        } catch {
          return false;
        }
      },
      30_000,
      'catalog applied after the restarts',
    );
    const watch = await eventConsumer(fk.broker.url, fk.deviceId, { clientId: 'catalog-watch' });
    const applied = await waitFor(
      () => watch.received.find((e) => e.type === 'catalog-applied' && e.data.version === '2026.11.26-1'),
      15_000,
      'catalog-applied event',
    );
    watch.client.end(true);
    expect(watch.received.filter((e) => e.type === 'catalog-refused')).toEqual([]);
    console.log(
      `catalog: ${total} chunks, 3 broker restarts, resumed from ${String(applied.data.resumedFromChunks)}`,
    );
    const clear = await connectFleet({ url: fk.broker.url, clientId: 'rollout-clear' });
    await publishAsync(clear, topics.catalogManifest('stable'), '', { qos: 1, retain: true });
    clear.end(true);
  }, 90_000);
});

describe('Reliability: reconnect storm with the project reconnect/jitter logic (MqttLink)', () => {
  it('40 kiosks lose the broker at once; it survives and all reconnect (soak: 200)', async () => {
    const report = await runReconnectStorm({ clients: 40, outageMs: 2000 });
    console.log(`reconnect storm: ${JSON.stringify(report)}`);
    expect(report.reconnected).toBe(40);
    expect(report.brokerAlive).toBe(true);
    // jitter: the herd does not come back in one instant
    expect(report.peakPer100ms).toBeLessThan(40);
  }, 120_000);
});
