import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fleetCatalogPath } from '../../domain/fleet/catalog-store.js';
import { connectFleet, listDevices, publishAsync, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { startFleetSim, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { tempDir, type SimProcess, runKiosk, type CliResult } from '../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';

const kiosk = (...args: string[]): Promise<CliResult> => runKiosk(args, { timeoutMs: 40_000 });

describe('Fleet e2e: kiosk fleet catalog publish and watch against two simulated kiosks', () => {
  let broker: Mosquitto;
  const sims: SimProcess[] = [];
  const keyDir = tempDir('fleet-cli-keys-');
  let privateKey = '';

  beforeAll(async () => {
    broker = await startMosquitto();
    const gen = await kiosk('keys', 'gen', '--out', keyDir, '--json');
    expect(gen.code).toBe(0);
    const keys = JSON.parse(gen.stdout) as { keyId: string; privateKey: string; publicKey: string };
    privateKey = keys.privateKey;
    for (const id of ['kiosk-pub-1', 'kiosk-pub-2'])
      sims.push(await startFleetSim({ broker: broker.url, deviceId: id, fleetKey: keys.publicKey }));
    const mgr = await connectFleet({ url: broker.url, clientId: 'cli-catalog-setup' });
    await waitFor(
      async () =>
        (await listDevices(mgr, fleetTopics('kiosk/v1'), 300)).filter((d) => d.state === 'online').length ===
        2,
      15_000,
      'two online kiosks',
    );
    mgr.end(true);
  });
  afterAll(async () => {
    for (const s of sims) if (s.proc.exitCode === null) await s.stop();
    await broker?.dispose();
  });

  it('fleet catalog publish rolls a catalog out and reports that both kiosks applied it', async () => {
    const file = join(tempDir(), 'catalog.json');
    writeFileSync(file, catalogBytes(makeCatalog('2026.11.25-7', 300)));
    const r = await kiosk(
      'fleet',
      'catalog',
      'publish',
      '--catalog',
      file,
      '--key',
      privateKey,
      '--channel',
      'stable',
      '--chunk-size',
      '4096',
      '--wait',
      '20',
      '--broker',
      broker.url,
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      version: string;
      devices: { applied: string[]; pending: string[] };
    };
    expect(summary.version).toBe('2026.11.25-7');
    expect(summary.devices.applied.sort()).toEqual(['kiosk-pub-1', 'kiosk-pub-2']);
    // kiosks store the same JSON without whitespace
    const compact = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
    for (const s of sims) expect(readFileSync(fleetCatalogPath(s.dataDir), 'utf8')).toBe(compact);
  });

  it('counts an answer whose event never reached it from the kiosk status (a broker drops what a slow reader cannot take)', async () => {
    const version = '2026.11.25-8';
    const file = join(tempDir(), 'catalog.json');
    writeFileSync(file, catalogBytes(makeCatalog(version, 40)));
    const topics = fleetTopics('kiosk/v1');
    // Kiosks whose events the broker dropped: only their retained statuses change (the third
    // does not answer: the refusal its status shows is of an earlier publish of this version).
    const dropped = await connectFleet({ url: broker.url, clientId: 'cli-catalog-dropped' });
    const status = (device: string, catalog: Record<string, unknown>) =>
      publishAsync(
        dropped,
        topics.status(device),
        JSON.stringify({ state: 'online', device, channel: 'stable', groups: [], ...catalog }),
        { qos: 1, retain: true },
      );
    const earlier = { version, ok: false, code: 'stalled', reason: 'an earlier publish', at: 'x' };
    await status('kiosk-event-lost-1', { catalogVersion: '2026.11.25-7', catalog: { last: null } });
    await status('kiosk-event-lost-2', { catalogVersion: '2026.11.25-7', catalog: { last: earlier } });
    await status('kiosk-event-lost-3', { catalogVersion: '2026.11.25-7', catalog: { last: earlier } });
    // they answer the new manifest (the previous test's is retained on the channel too)
    dropped.on('message', (topic, payload) => {
      if (topic !== topics.catalogManifest('stable')) return;
      if ((JSON.parse(payload.toString('utf8')) as { version?: string }).version !== version) return;
      void status('kiosk-event-lost-1', {
        catalogVersion: version,
        catalog: { last: { version, ok: true } },
      });
      void status('kiosk-event-lost-2', {
        catalogVersion: '2026.11.25-7',
        catalog: {
          last: { version, ok: false, code: 'delta-base-mismatch', reason: 'base differs', at: 'y' },
        },
      });
    });
    await subscribeAsync(dropped, topics.catalogManifest('stable'));
    try {
      const r = await kiosk(
        'fleet',
        'catalog',
        'publish',
        '--catalog',
        file,
        '--key',
        privateKey,
        '--channel',
        'stable',
        '--wait',
        '20',
        '--broker',
        broker.url,
        '--json',
      );
      expect(r.code, r.stderr).toBe(1);
      const summary = JSON.parse(r.stdout) as {
        devices: {
          expected: string[];
          applied: string[];
          refused: Record<string, string>;
          pending: string[];
        };
      };
      expect(summary.devices.expected.sort()).toEqual([
        'kiosk-event-lost-1',
        'kiosk-event-lost-2',
        'kiosk-event-lost-3',
        'kiosk-pub-1',
        'kiosk-pub-2',
      ]);
      expect(summary.devices.applied.sort()).toEqual(['kiosk-event-lost-1', 'kiosk-pub-1', 'kiosk-pub-2']);
      expect(summary.devices.refused).toEqual({ 'kiosk-event-lost-2': 'delta-base-mismatch: base differs' });
      expect(summary.devices.pending).toEqual(['kiosk-event-lost-3']);
    } finally {
      for (const device of ['kiosk-event-lost-1', 'kiosk-event-lost-2', 'kiosk-event-lost-3'])
        await publishAsync(dropped, topics.status(device), '', { qos: 1, retain: true });
      dropped.end(true);
    }
  });

  it('fleet watch prints live events as JSON lines (shared subscription)', async () => {
    const watching = kiosk(
      'fleet',
      'watch',
      '--device',
      'kiosk-pub-1',
      '--share',
      'ops',
      '--json',
      '--count',
      '1',
      '--duration',
      '15',
      '--broker',
      broker.url,
    );
    await new Promise((r) => setTimeout(r, 800));
    await sims[0]!.api('/api/button', { id: '1' });
    const r = await watching;
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n')[0] ?? '{}') as { device: string; kind: string };
    expect(line.device).toBe('kiosk-pub-1');
    expect(line.kind).toMatch(/^(events\/|telemetry|status)/);
  });
});
