import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { publishAsync } from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { manager, waitFor } from '../helpers/fleet.js';
import { startRegistry, type Registry } from '../helpers/registry.js';
import { postgresDatabase, type PostgresDb } from '../helpers/postgres.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { runKiosk, tempDir } from '../helpers/sim-process.js';

const topics = fleetTopics('kiosk/v1');
const PASSWORD = 'mật khẩu đủ dài 2026';

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ user: 'quan-ly', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const envelope = (device: string, type: string, data: Record<string, unknown>, id = randomUUID()) =>
  JSON.stringify({ id, seq: 1, device, type, kind: 'record', ts: new Date().toISOString(), data });

const postgres = await postgresDatabase();
if ('unavailable' in postgres)
  process.stderr.write(`fleet-registry e2e: PostgreSQL runs skipped: ${postgres.unavailable}\n`);
const backends: { name: string; db: () => string }[] = [
  { name: 'SQLite', db: () => join(tempDir('fleet-registry-'), 'registry.sqlite') },
  ...('url' in postgres ? [{ name: 'PostgreSQL', db: () => (postgres as PostgresDb).url }] : []),
];

describe.each(backends)(
  'Fleet e2e: kiosk fleet serve keeps a registry ($name) fed by a shared subscription',
  (backend) => {
    let broker: Mosquitto;
    let registry: Registry | undefined;
    let mgr: Awaited<ReturnType<typeof manager>>;
    const db = backend.db();
    let token = '';
    const api = async <T>(path: string, t = token): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${registry!.url}${path}`, { headers: { authorization: `Bearer ${t}` } });
      return { status: res.status, body: (await res.json()) as T };
    };

    beforeAll(async () => {
      broker = await startMosquitto();
      const add = await runKiosk(['fleet', 'user', 'add', 'quan-ly', '--db', db], {
        env: { KIOSK_FLEET_USER_PASSWORD: PASSWORD },
      });
      expect(add.code, add.stderr).toBe(0);
      const short = await runKiosk(['fleet', 'user', 'add', 'x', '--db', db], {
        env: { KIOSK_FLEET_USER_PASSWORD: 'short' },
      });
      expect(short.code).toBe(2);
      mgr = await manager(broker.url);
      // a retained status from before the registry ran
      await publishAsync(
        mgr.client,
        topics.status('kiosk-old'),
        JSON.stringify({
          state: 'offline',
          reason: 'shutdown',
          ts: new Date().toISOString(),
          device: 'kiosk-old',
        }),
        { qos: 1, retain: true },
      );
      registry = await startRegistry(broker.url, db);
      token = await login(registry.url);
    });
    afterAll(async () => {
      mgr?.client.end(true);
      registry?.proc.kill('SIGKILL');
      await registry?.exited;
      await broker?.dispose();
    });

    it('needs a login with the right password and listens on 127.0.0.1', async () => {
      expect(new URL(registry!.url).hostname).toBe('127.0.0.1');
      expect((await api('/api/devices', 'nope')).status).toBe(401);
      const wrong = await fetch(`${registry!.url}/api/login`, {
        method: 'POST',
        body: JSON.stringify({ user: 'quan-ly', password: 'sai' }),
      });
      expect(wrong.status).toBe(401);
    });

    it('keeps the last status of each device, retained ones from before it started too', async () => {
      await publishAsync(
        mgr.client,
        topics.status('kiosk-a'),
        JSON.stringify({
          state: 'online',
          ts: new Date().toISOString(),
          device: 'kiosk-a',
          groups: ['ha-noi', 'ha-noi.xa-001'],
          appVersion: '0.1.0',
          channel: 'stable',
          peripherals: { printer: { online: true, paper: 'out' } },
        }),
        { qos: 1, retain: true },
      );
      const list = await waitFor(
        async () => {
          const r = await api<{
            devices: { device: string; state: string; problems: string[] }[];
            total: number;
          }>('/api/devices');
          return r.body.total === 2 ? r.body.devices : undefined;
        },
        10_000,
        'two devices in the registry',
      );
      expect(list.map((d) => [d.device, d.state, d.problems])).toEqual([
        ['kiosk-a', 'online', ['paper']],
        ['kiosk-old', 'offline', []],
      ]);
      expect(
        (await api<{ total: number }>('/api/devices?problem=paper&group=ha-noi.xa-001')).body.total,
      ).toBe(1);
      expect((await api<{ total: number }>('/api/devices?offline=1')).body.total).toBe(1);
    });

    it('answers kiosk fleet devices --registry with the filters and its own count', async () => {
      const env = { KIOSK_FLEET_REGISTRY_PASSWORD: PASSWORD };
      const base = ['fleet', 'devices', '--registry', registry!.url, '--registry-user', 'quan-ly'];
      const all = await runKiosk([...base, '--json'], { env });
      expect(all.code, all.stderr).toBe(0);
      const devices = JSON.parse(all.stdout) as { device: string; state: string; groups: string[] }[];
      expect(devices.map((d) => d.device)).toEqual(['kiosk-a', 'kiosk-old']);
      expect(devices[0]).toMatchObject({ state: 'online', appVersion: '0.1.0', problems: ['paper'] });
      expect(all.stderr).toMatch(/2 shown of 2 kiosks in the registry \(1 online\)/);
      const paper = await runKiosk([...base, '--problem', 'paper', '--group', 'ha-noi'], { env });
      expect(paper.code, paper.stderr).toBe(0);
      expect(paper.stdout).toMatch(/^kiosk-a\s+online/m);
      expect(paper.stdout).not.toMatch(/kiosk-old/);
      expect(paper.stderr).toMatch(/1 shown of 2 kiosks/);
      const offline = await runKiosk([...base, '--offline', '--json'], { env });
      expect((JSON.parse(offline.stdout) as { device: string }[]).map((d) => d.device)).toEqual([
        'kiosk-old',
      ]);
      const noLogin = await runKiosk([...base]);
      expect(noLogin.code).toBe(1);
      expect(noLogin.stderr).toMatch(/needs a login/);
      const wrong = await runKiosk([...base], { env: { KIOSK_FLEET_REGISTRY_PASSWORD: 'sai mật khẩu rồi' } });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/wrong user name or password/);
    });

    it('stores each record once by id, and refuses malformed, oversized and misaddressed input', async () => {
      const id = randomUUID();
      const xss = '<img src=x onerror=alert(1)>';
      const rating = envelope('kiosk-a', 'rating', { id, score: 4, levels: 5, counter: 2, comment: xss }, id);
      for (let i = 0; i < 3; i++)
        await publishAsync(mgr.client, topics.deviceMessage('kiosk-a', 'records/rating'), rating, { qos: 1 });
      const bad = [
        'not json',
        JSON.stringify({ id: 'x' }),
        envelope('kiosk-b', 'rating', { score: 1 }), // names another device than its topic
        envelope('kiosk-a', 'rating', { blob: 'x'.repeat(70_000) }),
      ];
      for (const body of bad)
        await publishAsync(mgr.client, topics.deviceMessage('kiosk-a', 'records/rating'), body, { qos: 1 });
      await publishAsync(
        mgr.client,
        'kiosk/v1/devices/bad$id/records/rating',
        envelope('bad$id', 'rating', { score: 1 }),
        { qos: 1 },
      );
      const summary = await waitFor(
        async () => {
          const s = (
            await api<{
              records: Record<string, number>;
              ingest: { duplicates: number; refused: Record<string, number> };
            }>('/api/summary')
          ).body;
          const refused = Object.values(s.ingest.refused).reduce((a, b) => a + b, 0);
          return s.ingest.duplicates === 2 && refused === 5 ? s : undefined;
        },
        10_000,
        'the records and refusals counted',
      );
      expect(summary.records).toEqual({ rating: 1 });
      expect(summary.ingest.refused).toMatchObject({
        'not-json': 1,
        malformed: 1,
        'wrong-device': 1,
        oversized: 1,
        'bad-device': 1,
      });
      const ratings = (
        await api<{ ratings: { group: string; counter: number; count: number; mean: number }[] }>(
          '/api/ratings',
        )
      ).body.ratings;
      expect(ratings).toEqual([{ group: 'ha-noi.xa-001', counter: 2, count: 1, mean: 4 }]);
    });

    it('loses no record and doubles none across a kill -9 of the registry', async () => {
      const before =
        (await api<{ records: Record<string, number> }>('/api/summary')).body.records.rating ?? 0;
      const ids = Array.from({ length: 200 }, () => randomUUID());
      const send = (from: number, to: number) =>
        Promise.all(
          ids
            .slice(from, to)
            .map((id) =>
              publishAsync(
                mgr.client,
                topics.deviceMessage('kiosk-a', 'records/rating'),
                envelope('kiosk-a', 'rating', { id, score: 5 }, id),
                { qos: 1 },
              ),
            ),
        );
      await send(0, 100);
      registry!.proc.kill('SIGKILL');
      await registry!.exited;
      await send(100, 200); // while the registry is down: queued in its persistent session
      await send(50, 150); // redeliveries a kiosk might make after a lost PUBACK
      registry = await startRegistry(broker.url, db);
      token = await login(registry.url);
      await waitFor(
        async () =>
          (await api<{ records: Record<string, number> }>('/api/summary')).body.records.rating ===
          before + 200,
        15_000,
        `${before + 200} ratings`,
      );
      await new Promise((r) => setTimeout(r, 500));
      expect((await api<{ records: Record<string, number> }>('/api/summary')).body.records.rating).toBe(
        before + 200,
      );
    });

    const summary = async () =>
      (
        await api<{
          records: Record<string, number>;
          ingest: { received: number; transactions: number; duplicates: number };
        }>('/api/summary')
      ).body;
    const burst = (ids: ReturnType<typeof randomUUID>[]) =>
      Promise.all(
        ids.map((id) =>
          publishAsync(
            mgr.client,
            topics.deviceMessage('kiosk-a', 'records/rating'),
            envelope('kiosk-a', 'rating', { id, score: 3 }, id),
            { qos: 1 },
          ),
        ),
      );

    it('writes a burst of records in shared transactions, each acknowledged after its commit', async () => {
      const before = await summary();
      const ids = Array.from({ length: 1000 }, () => randomUUID());
      await burst(ids);
      const after = await waitFor(
        async () => {
          const s = await summary();
          return (s.records.rating ?? 0) === (before.records.rating ?? 0) + 1000 ? s : undefined;
        },
        30_000,
        '1,000 more ratings',
      );
      const messages = after.ingest.received - before.ingest.received;
      const transactions = after.ingest.transactions - before.ingest.transactions;
      expect(messages).toBeGreaterThanOrEqual(1000); // and the statuses read at connect
      expect(transactions).toBeGreaterThan(0);
      expect(transactions * 5).toBeLessThanOrEqual(messages);
    });

    it('loses and doubles no record when killed -9 in the middle of a burst', async () => {
      const before = (await summary()).records.rating ?? 0;
      const ids = Array.from({ length: 3000 }, () => randomUUID());
      const sent = burst(ids);
      const seen = await waitFor(
        async () => {
          const n = (await summary()).records.rating ?? 0;
          return n > before ? n : undefined;
        },
        30_000,
        'the first ratings of the burst',
      );
      registry!.proc.kill('SIGKILL');
      await registry!.exited;
      expect(seen).toBeLessThan(before + 3000); // killed while it was storing the burst
      await sent;
      registry = await startRegistry(broker.url, db);
      token = await login(registry.url);
      await waitFor(
        async () => ((await summary()).records.rating ?? 0) === before + 3000,
        30_000,
        `${before + 3000} ratings`,
      );
      await new Promise((r) => setTimeout(r, 500));
      expect((await summary()).records.rating).toBe(before + 3000);
    });

    it('says which database it cannot reach and why', async () => {
      const r = await runKiosk([
        'fleet',
        'serve',
        '--broker',
        broker.url,
        '--db',
        'postgres://kiosk:secret@127.0.0.1:1/fleet',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /registry database postgres:\/\/kiosk:\*\*\*@127\.0\.0\.1:1\/fleet: .*ECONNREFUSED/,
      );
      expect(r.stderr).toMatch(/is the PostgreSQL server running/);
      expect(r.stderr).not.toMatch(/secret/);
    });
  },
);

afterAll(async () => {
  if ('url' in postgres) await postgres.dispose();
});
