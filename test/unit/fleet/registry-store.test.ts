import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openRegistryStore } from '../../../app/fleet-registry/open-store.js';
import type {
  RegistryDevice,
  RegistryStore,
  RolloutRow,
} from '../../../domain/fleet-registry/registry-store.js';
import { waveHash, WAVE_SPACE } from '../../../domain/fleet/rollout-audience.js';
import { waveCuts } from '../../../domain/fleet-registry/rollout-plan.js';
import { postgresDatabase, type PostgresDb } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/sim-process.js';

const postgres = await postgresDatabase();
if ('unavailable' in postgres)
  process.stderr.write(`registry store: PostgreSQL runs skipped: ${postgres.unavailable}\n`);
const backends = [
  { name: 'SQLite', db: () => join(tempDir('registry-store-'), 'registry.sqlite') },
  ...('url' in postgres ? [{ name: 'PostgreSQL', db: () => (postgres as PostgresDb).url }] : []),
];
afterAll(async () => {
  if ('url' in postgres) await postgres.dispose();
});

const status = (
  device: string,
  channel: string,
  catalogVersion: string,
  ts = new Date().toISOString(),
  extra: Record<string, unknown> = {},
) => ({
  input: {
    device,
    state: 'online' as const,
    ts,
    doc: {
      state: 'online',
      ts,
      device,
      channel,
      catalogVersion,
      groups: ['hue', 'hue.xa-001'],
      ...extra,
    } as Record<string, unknown>,
  },
  receivedAt: Date.now(),
  live: true,
});

describe.each(backends)('Fleet registry store ($name): one schema, the same answers', (backend) => {
  let store: RegistryStore;

  it('migrates twice without harm and answers device queries the same way', async () => {
    const db = backend.db();
    await (await openRegistryStore(db)).close();
    store = await openRegistryStore(db);
    await store.write({
      statuses: [status('k-2', 'stable', 'v1'), status('k-1', 'stable', 'v1'), status('k-3', 'pilot', 'v1')],
      envelopes: [],
    });
    expect((await store.devices({ channel: 'stable' })).devices.map((d) => d.device)).toEqual(['k-1', 'k-2']);
    expect((await store.devices({ search: 'K-3' })).total).toBe(1);
    expect((await store.devices({ group: 'hue.xa-001', limit: 1 })).devices).toHaveLength(1);
    expect((await store.devices({ group: 'hue.xa-001', limit: 1 })).total).toBe(3);
    expect((await store.channelDevices('stable')).map((d) => d.catalogVersion)).toEqual(['v1', 'v1']);
  });

  it('answers the list as JSON text equal to the parsed answer, health and no health alike', async () => {
    await store.write({
      statuses: [],
      envelopes: [
        {
          input: {
            id: 'h-k1-0001',
            device: 'k-1',
            type: 'health',
            kind: 'telemetry',
            ts: '2026-12-04T08:00:00Z',
            data: { cpu: { load: 0.5 }, note: '"<tên>"' },
          },
          receivedAt: Date.now(),
        },
      ],
    });
    expect((await store.device('k-1'))?.health).toEqual({ cpu: { load: 0.5 }, note: '"<tên>"' });
    for (const q of [{}, { limit: 2, offset: 1 }, { search: 'nothing-like-this' }])
      expect(JSON.parse(await store.devicesJson(q))).toEqual(await store.devices(q));
    // byte for byte what JSON.stringify of the parsed answer gives (key order included)
    expect(await store.devicesJson({})).toBe(JSON.stringify(await store.devices({})));
  });

  it('answers the statuses as fleet devices --json prints them: the status with the columns over it', async () => {
    const at = new Date().toISOString();
    await store.write({
      statuses: [
        // a channel and groups from an earlier status stay in the columns when a later one lacks them
        status('k-4', 'pilot', 'v1', at, { appVersion: '0.1.0', peripherals: { printer: { paper: 'out' } } }),
        status('k-5', 'stable', 'v2', at, { appVersion: 7, health: { rssMb: 1 } }),
      ],
      envelopes: [],
    });
    const later = new Date(Date.now() + 1000).toISOString();
    await store.write({
      statuses: [
        {
          input: {
            device: 'k-4',
            state: 'offline',
            ts: later,
            doc: { state: 'offline', ts: later, device: 'k-4', catalogVersion: 3 },
          },
          receivedAt: Date.now(),
          live: true,
        },
      ],
      envelopes: [],
    });
    // how the CLI printed a registry device before the registry wrote the list itself
    const printed = (d: RegistryDevice) => ({
      ...d.status,
      device: d.device,
      state: d.state,
      ts: d.ts,
      appVersion: d.appVersion ?? undefined,
      catalogVersion: d.catalogVersion,
      ...(d.channel ? { channel: d.channel } : {}),
      groups: d.groups,
      problems: d.problems,
      ...(d.health ? { health: d.health } : {}),
      receivedAt: new Date(d.receivedAt).toISOString(),
    });
    for (const q of [
      {},
      { limit: 2, offset: 1 },
      { offline: true },
      { problem: 'paper' as const },
      { search: 'nothing-like-this' },
    ]) {
      const { devices, total } = await store.devices(q);
      const answer = await store.statusesJson(q);
      expect(answer.total).toBe(total);
      expect(answer.items.map((j) => JSON.parse(j) as unknown)).toEqual(devices.map(printed));
      // SQLite keeps the status's key order: byte for byte what JSON.stringify gave
      if (store.kind === 'sqlite')
        expect(answer.items).toEqual(devices.map((d) => JSON.stringify(printed(d))));
    }
    const k4 = JSON.parse((await store.statusesJson({ ids: ['k-4'] })).items[0] as string) as Record<
      string,
      unknown
    >;
    expect(k4).toMatchObject({
      state: 'offline',
      channel: 'pilot',
      groups: ['hue', 'hue.xa-001'],
      catalogVersion: null,
    });
    expect(k4).not.toHaveProperty('appVersion');
    const k5 = JSON.parse((await store.statusesJson({ ids: ['k-5'] })).items[0] as string) as Record<
      string,
      unknown
    >;
    expect(k5).not.toHaveProperty('appVersion'); // a number is not a version
    expect(k5.health).toEqual({ rssMb: 1 });
  });

  it("keeps a device's last screenshot, the newer replacing the older", async () => {
    const png = (n: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(n, n)]);
    expect(await store.screenshot('k-1')).toBeUndefined();
    await store.putScreenshot({ device: 'k-1', png: png(10), takenAt: 1000, storedBy: 'quan-ly' });
    await store.putScreenshot({ device: 'k-1', png: png(300), takenAt: 2000, storedBy: 'ky-thuat' });
    const got = await store.screenshot('k-1');
    expect({ ...got, png: got?.png.equals(png(300)) }).toEqual({
      device: 'k-1',
      png: true,
      takenAt: 2000,
      storedBy: 'ky-thuat',
    });
  });

  it('searches id, name and groups with case and diacritics folded; counts by state, problem, province', async () => {
    const named = status('k-4', 'stable', 'v1', undefined, {
      name: 'Quầy Đăng ký 2',
      groups: ['da-nang', 'da-nang.xa-003'],
      peripherals: { printer: { online: true, paper: 'out' } },
    });
    const offline = { ...status('k-5', 'stable', 'v1'), live: false };
    offline.input = { ...offline.input, state: 'offline' as 'online' };
    await store.write({ statuses: [named, offline], envelopes: [] });
    const ids = async (q: Parameters<RegistryStore['devices']>[0]) =>
      (await store.devices(q)).devices.map((d) => d.device);
    expect(await ids({ search: 'quay dang' })).toEqual(['k-4']);
    expect(await ids({ search: 'ĐĂNG KÝ' })).toEqual(['k-4']);
    expect(await ids({ search: 'da-nang.xa-003' })).toEqual(['k-4']);
    expect(await ids({ search: '%' })).toEqual([]);
    expect(await ids({ problem: 'any' })).toEqual(['k-4']);
    expect(await ids({ online: true, search: 'k-' })).toEqual(['k-1', 'k-2', 'k-3', 'k-4']);
    expect(await ids({ offline: true })).toEqual(['k-5']);
    const counts = await store.counts();
    expect(counts.states).toEqual({ online: 4, offline: 1 });
    expect(counts.problems).toEqual({ any: 1, paper: 1, printer: 0, disk: 0, clock: 0 });
    expect(counts.provinces).toEqual({ hue: 4, 'da-nang': 1 });
  });

  it('keeps rollouts and their catalog events; a transition wins only from the state it expects', async () => {
    const now = Date.now();
    const row: RolloutRow = {
      id: `r-${randomUUID().slice(0, 8)}`,
      createdAt: now,
      createdBy: 'quan-ly',
      channel: 'stable',
      version: 'v2',
      plan: '{}',
      state: 'running',
      wave: 0,
      publishedWave: -1,
      waveStartedAt: null,
      reason: null,
      updatedAt: now,
    };
    await store.addRollout(row);
    expect(
      await store.updateRollout(
        row.id,
        { state: 'running', wave: 0 },
        { publishedWave: 0, waveStartedAt: now },
      ),
    ).toBe(true);
    expect(await store.updateRollout(row.id, { state: 'running', wave: 0 }, { wave: 1 })).toBe(true);
    // a second instance that still thinks it is wave 0 loses
    expect(await store.updateRollout(row.id, { state: 'running', wave: 0 }, { wave: 1 })).toBe(false);
    expect(await store.rollout(row.id)).toMatchObject({
      wave: 1,
      publishedWave: 0,
      waveStartedAt: now,
      state: 'running',
    });
    expect((await store.rollouts()).map((r) => r.id)).toContain(row.id);
    const event = (type: string, data: Record<string, unknown>) => ({
      input: {
        id: randomUUID(),
        device: 'k-1',
        type,
        kind: 'event' as const,
        ts: new Date().toISOString(),
        data,
      },
      receivedAt: now + 1,
    });
    await store.write({
      statuses: [],
      envelopes: [
        event('catalog-refused', { version: 'v2', code: 'delta-base-mismatch' }),
        event('ticket-issued', { number: 'A-001' }),
      ],
    });
    const events = await store.catalogEvents(now);
    expect(events).toEqual([
      {
        device: 'k-1',
        type: 'catalog-refused',
        data: { version: 'v2', code: 'delta-base-mismatch' },
        receivedAt: now + 1,
      },
    ]);
    expect(await store.catalogEvents(now + 2)).toEqual([]);
    await store.close();
  });

  it("gives a device's ticket records of the day asked and of its newest day, no other's", async () => {
    const s = await openRegistryStore(backend.db());
    const ticket = (device: string, number: string, serviceDay: string) => ({
      input: {
        id: randomUUID(),
        device,
        type: 'ticket-issued',
        kind: 'record' as const,
        ts: new Date().toISOString(),
        data: { number, group: 'tu-phap', serviceDay },
      },
      receivedAt: Date.now(),
    });
    await s.write({
      statuses: [],
      envelopes: [
        ticket('k-1', 'A-007', '2026-12-01'),
        ticket('k-1', 'A-003', '2026-12-02'),
        ticket('k-1', 'A-012', '2026-12-02'),
        ticket('k-1', 'A-040', '2026-11-30'),
        ticket('k-2', 'A-099', '2026-12-03'),
      ],
    });
    const days = (rows: Record<string, unknown>[]) =>
      rows.map((r) => `${String(r.number)}@${String(r.serviceDay)}`).sort();
    expect(days(await s.ticketRecords('k-1', '2026-12-03'))).toEqual([
      'A-003@2026-12-02',
      'A-012@2026-12-02',
    ]);
    expect(days(await s.ticketRecords('k-1', '2026-12-01'))).toEqual([
      'A-003@2026-12-02',
      'A-007@2026-12-01',
      'A-012@2026-12-02',
    ]);
    expect(await s.ticketRecords('k-3', '2026-12-03')).toEqual([]);
    await s.close();
  });
});

describe('Fleet rollouts: wave cuts', () => {
  it('puts exactly ceil(p × N) of the known devices in each wave, at least one, all at 100%', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `kiosk-${i}`);
    const cuts = waveCuts('r-test', ids, [1, 10, 50, 100]);
    expect(cuts.map((c) => c.expected)).toEqual([10, 100, 500, 1000]);
    for (const c of cuts) expect(ids.filter((d) => waveHash('r-test', d) < c.below)).toHaveLength(c.expected);
    expect(cuts[3]?.below).toBe(WAVE_SPACE);
    expect(waveCuts('r-test', ids.slice(0, 20), [1])[0]?.expected).toBe(1);
  });
});
