import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalogBytes } from '../../domain/catalog/catalog-file.js';
import { buildRollout, sha256 } from '../../domain/fleet/catalog-manifest.js';
import { fleetCatalogPath } from '../../domain/fleet/catalog-store.js';
import {
  publishAsync,
  publishRollout,
  sendCommand,
  signCommand,
  subscribeAsync,
} from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { fleetKeys, manager, startFleetSim, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { tempDir, type SimProcess } from '../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';

const topics = fleetTopics('kiosk/v1');
const DEVICE = 'kiosk-catalog';

describe('Fleet e2e: signed catalog rollout over a real Mosquitto', () => {
  let broker: Mosquitto;
  let sim: SimProcess | undefined;
  let mgr: Awaited<ReturnType<typeof manager>> | undefined;
  const keys = fleetKeys();
  const dataDir = tempDir();
  const catalogPath = fleetCatalogPath(dataDir);

  beforeAll(async () => {
    broker = await startMosquitto({ persistence: true });
  });
  afterAll(async () => {
    mgr?.client.end(true);
    if (sim && sim.proc.exitCode === null) await sim.kill();
    await broker?.dispose();
  });

  const events = (type: string) =>
    (mgr?.json(topics.events(DEVICE, type)) ?? []) as { data: Record<string, unknown> }[];

  it('resumes a download after the connection drops midway, verifies it and installs it', async () => {
    sim = await startFleetSim({ broker: broker.url, deviceId: DEVICE, fleetKey: keys.publicFile, dataDir });
    mgr = await manager(broker.url);
    await subscribeAsync(mgr.client, [`kiosk/v1/devices/${DEVICE}/events/#`, topics.status(DEVICE)]);
    await waitFor(() => mgr!.json(topics.status(DEVICE)).some((s) => s.state === 'online'), 15_000, 'online');

    const v1 = buildRollout({
      catalog: catalogBytes(makeCatalog('2026.11.25-1', 400)),
      channel: 'stable',
      key: keys.key,
      chunkSize: 2048,
    });
    const total = v1.chunks.length;
    const half = Math.floor(total / 2);
    expect(total).toBeGreaterThan(6);
    // manifest first and only half of the chunks, as if the publisher's link dropped
    await publishRollout(mgr.client, topics, v1, { chunks: [], manifest: true });
    await publishRollout(mgr.client, topics, v1, { chunks: [...Array(half).keys()], manifest: false });
    const staging = join(dataDir, 'catalog', '.catalog.json.staging');
    const staged = () => readdirSync(staging).flatMap((d) => readdirSync(join(staging, d))).length;
    await waitFor(() => staged() === half, 10_000, 'half of the chunks staged');

    // the kiosk's connection drops (broker restart) and the kiosk itself is power-cycled
    await broker.stop();
    await sim.kill();
    await broker.start();
    mgr.client.end(true);
    mgr = await manager(broker.url);
    await subscribeAsync(mgr.client, [`kiosk/v1/devices/${DEVICE}/events/#`, topics.status(DEVICE)]);
    sim = await startFleetSim({ broker: broker.url, deviceId: DEVICE, fleetKey: keys.publicFile, dataDir });
    await publishRollout(mgr.client, topics, v1, {
      chunks: [...Array(total).keys()].slice(half),
      manifest: false,
    });

    const applied = await waitFor(() => events('catalog-applied')[0], 15_000, 'catalog-applied');
    expect(applied.data).toMatchObject({
      version: '2026.11.25-1',
      resumedFromChunks: half,
      chunks: total,
      kind: 'full',
    });
    expect(sha256(readFileSync(catalogPath))).toBe(v1.manifest.sha256);
    const status = await waitFor(
      () => mgr!.json(topics.status(DEVICE)).find((s) => s.catalogVersion === '2026.11.25-1'),
      5000,
      'status with the catalog version',
    );
    expect(status.state).toBe('online');
  });

  it('refuses tampered and older manifests, applies a delta, and rolls back on command', async () => {
    const base = makeCatalog('2026.11.25-1', 400);
    const next = makeCatalog('2026.11.26-1', 400);
    for (let i = 0; i < 10; i++) (next.procedures[i] as { name: string }).name += ' (cập nhật)';
    const baseBytes = readFileSync(catalogPath);
    expect(JSON.parse(baseBytes.toString()).version).toBe(base.version);
    const delta = buildRollout({
      catalog: catalogBytes(next),
      base: baseBytes,
      channel: 'stable',
      key: keys.key,
      chunkSize: 2048,
    });

    // tampered: a field changed after signing
    await publishAsync(
      mgr!.client,
      topics.catalogManifest('stable'),
      JSON.stringify({ ...delta.manifest, procedures: 1 }),
      { qos: 1, retain: true },
    );
    await waitFor(
      () => events('catalog-refused').find((e) => e.data.code === 'bad-signature'),
      10_000,
      'tampered refused',
    );
    // older than installed
    const older = buildRollout({
      catalog: catalogBytes(makeCatalog('2026.11.24-1', 5)),
      channel: 'stable',
      key: keys.key,
    });
    await publishRollout(mgr!.client, topics, older);
    await waitFor(
      () => events('catalog-refused').find((e) => e.data.code === 'older'),
      10_000,
      'older refused',
    );

    await publishRollout(mgr!.client, topics, delta);
    const applied = await waitFor(
      () => events('catalog-applied').find((e) => e.data.version === '2026.11.26-1'),
      15_000,
      'delta applied',
    );
    expect(applied.data.kind).toBe('delta');
    // The delta is logged beside the file (1e02116): the catalog the kiosk reads is the signed one,
    // and the base file is not rewritten.
    expect(sha256((await readCatalogBytes(catalogPath)).file)).toBe(delta.manifest.sha256);
    expect(readFileSync(catalogPath)).toEqual(baseBytes);

    const cmd = signCommand({ name: 'catalog-rollback', target: { device: DEVICE }, key: keys.key });
    const [r] = await sendCommand(
      mgr!.client,
      topics,
      topics.deviceCommand(DEVICE, 'catalog-rollback'),
      JSON.stringify(cmd),
      { timeoutMs: 8000, expect: 1 },
    );
    expect(r).toMatchObject({ ok: true, result: { from: '2026.11.26-1', to: '2026.11.25-1' } });
    expect((await readCatalogBytes(catalogPath)).file).toEqual(baseBytes);
    await waitFor(() => events('catalog-rolled-back')[0], 5000, 'rolled-back event');
    // the retained manifest of the rolled-back version is not re-applied after a restart
    await sim!.stop();
    sim = await startFleetSim({ broker: broker.url, deviceId: DEVICE, fleetKey: keys.publicFile, dataDir });
    await waitFor(
      () => events('catalog-refused').find((e) => e.data.code === 'blocked'),
      10_000,
      'blocked after restart',
    );
    expect((await readCatalogBytes(catalogPath)).file).toEqual(baseBytes);
  });
});
