import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { MqttClient } from 'mqtt';
import { connectFleet, publishAsync } from '../../domain/fleet/fleet-client.js';
import { broker, MOSQUITTO } from '../bench-broker.js';
import type { BenchResult, BenchSuite } from '../bench-types.js';

/**
 * What one registry instance ingests, and how a `$share` group splits the stream between two:
 * bursts of FLEET_INGEST_BURST citizen records (default 5,000, QoS 1, from 4 publishers) on one
 * Mosquitto. Baseline in the same run: a plain QoS 1 subscriber that stores nothing and acks at
 * once (what the broker and the publishers deliver here), so the ratio says what the registry's
 * own work costs. Records are counted from the registries' `/api/summary`. FLEET_INGEST_BASE=PATH
 * (another checkout's dist/bin/kiosk.js) adds the same burst to that build's registry, on a broker
 * of its own, first: a before/after in one run.
 */
const KIOSK = resolve('dist/bin/kiosk.js');
const PASSWORD = 'bench-password-2026';
const PUBLISHERS = 4;
const suiteName = 'fleet-ingest';

interface Registry {
  proc: ChildProcess;
  summary(): Promise<{ records: Record<string, number>; ingest: IngestCounters }>;
}
interface IngestCounters {
  received: number;
  stored: number;
  duplicates: number;
  transactions?: number;
}

async function startRegistry(url: string, dir: string, name: string, kiosk = KIOSK): Promise<Registry> {
  const db = join(dir, `${name}.sqlite`);
  execFileSync(process.execPath, [kiosk, 'fleet', 'user', 'add', 'bench', '--db', db], {
    env: { ...process.env, KIOSK_FLEET_USER_PASSWORD: PASSWORD },
  });
  const proc = spawn(
    process.execPath,
    [kiosk, 'fleet', 'serve', '--broker', url, '--db', db, '--listen', '127.0.0.1:0', '--client-id', name],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const api = await new Promise<string>((ok, fail) => {
    proc.once('exit', (code) => fail(new Error(`registry ${name} exited with ${code}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const e = JSON.parse(line) as { event?: string; url?: string };
      if (e.event === 'listening') ok(String(e.url));
    });
  });
  const login = await fetch(`${api}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ user: 'bench', password: PASSWORD }),
  });
  const token = ((await login.json()) as { token: string }).token;
  return {
    proc,
    summary: async () =>
      (await (
        await fetch(`${api}/api/summary`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as Awaited<ReturnType<Registry['summary']>>,
  };
}

/** Publishes `n` rating records spread over 4 publishers; resolves when the broker acked all. */
async function burst(publishers: MqttClient[], n: number): Promise<void> {
  await Promise.all(
    publishers.map((client, p) =>
      Promise.all(
        Array.from({ length: Math.ceil(n / publishers.length) }, (_, i) => {
          const seq = i * publishers.length + p;
          if (seq >= n) return undefined;
          const device = `sim-${String((seq % 1000) + 1).padStart(5, '0')}`;
          const id = randomUUID();
          return publishAsync(
            client,
            `kiosk/v1/devices/${device}/records/rating`,
            JSON.stringify({
              id,
              seq,
              device,
              type: 'rating',
              kind: 'record',
              ts: new Date().toISOString(),
              data: { id, score: 5, levels: 5, counter: 1 },
            }),
            { qos: 1 },
          );
        }),
      ),
    ),
  );
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`fleet-ingest: ${what} not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const suite: BenchSuite = {
  name: suiteName,
  unavailable: () => (MOSQUITTO ? undefined : 'mosquitto is not installed'),
  async run() {
    const n = Number(process.env.FLEET_INGEST_BURST ?? 5000);
    const b = await broker();
    const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-ingest-'));
    const procs: ChildProcess[] = [];
    const out: BenchResult[] = [];
    const publishers = await Promise.all(
      Array.from({ length: PUBLISHERS }, (_, i) => connectFleet({ url: b.url, clientId: `bench-pub-${i}` })),
    );
    try {
      // baseline: a subscriber that only counts (QoS 1, acked at once by mqtt.js)
      const plain = await connectFleet({ url: b.url, clientId: 'bench-plain' });
      let got = 0;
      plain.on('message', () => got++);
      await new Promise((ok, fail) =>
        plain.subscribe('$share/plain/kiosk/v1/devices/+/records/#', { qos: 1 }, (e) =>
          e ? fail(e) : ok(e),
        ),
      );
      await burst(publishers, Math.ceil(n / 5)); // warm-up: the publishers' and broker's first burst
      await until('the plain subscriber got the warm-up', 60_000, async () => got >= Math.ceil(n / 5));
      got = 0;
      const p0 = Date.now();
      await burst(publishers, n);
      await until('the plain subscriber got the burst', 60_000, async () => got >= n);
      const plainRate = n / ((Date.now() - p0) / 1000);
      plain.end(true);
      out.push({
        suite: suiteName,
        name: 'plain QoS 1 subscriber (baseline)',
        value: Math.round(plainRate),
        unit: 'records/s',
        better: 'higher',
        note: `burst of ${n} from ${PUBLISHERS} publishers, acked at once, nothing stored`,
      });

      const base = process.env.FLEET_INGEST_BASE;
      if (base) {
        const bb = await broker();
        const basePubs = await Promise.all(
          Array.from({ length: PUBLISHERS }, (_, i) =>
            connectFleet({ url: bb.url, clientId: `bench-bpub-${i}` }),
          ),
        );
        const before = await startRegistry(bb.url, dir, 'registry-base', resolve(base));
        try {
          const t = Date.now();
          await burst(basePubs, n);
          await until(
            'the base registry stored the burst',
            300_000,
            async () => ((await before.summary()).records.rating ?? 0) >= n,
          );
          const rate = n / ((Date.now() - t) / 1000);
          out.push({
            suite: suiteName,
            name: 'one registry instance (SQLite), base build',
            value: Math.round(rate),
            unit: 'records/s',
            better: 'higher',
            note: `${base}: burst of ${n}; ${(rate / plainRate).toFixed(2)}× the plain subscriber in the same run`,
          });
        } finally {
          for (const p of basePubs) p.end(true);
          before.proc.kill('SIGKILL');
          await bb.stop();
        }
      }

      // one registry instance
      const one = await startRegistry(b.url, dir, 'registry-a');
      procs.push(one.proc);
      const stored = async (r: Registry) => (await r.summary()).records.rating ?? 0;
      const r0 = Date.now();
      await burst(publishers, n);
      await until('one registry stored the burst', 180_000, async () => (await stored(one)) >= n);
      const oneRate = n / ((Date.now() - r0) / 1000);
      const s1 = await one.summary();
      out.push({
        suite: suiteName,
        name: 'one registry instance (SQLite)',
        value: Math.round(oneRate),
        unit: 'records/s',
        better: 'higher',
        note: `burst of ${n}: ${s1.records.rating} stored, ${s1.ingest.duplicates} duplicates, ${s1.ingest.transactions ?? s1.ingest.received} transactions; ${(oneRate / plainRate).toFixed(2)}× the plain subscriber in the same run (${Math.round(plainRate)}/s); budget 1,000/s`,
      });

      // a second instance in the same $share group (own SQLite file): how the broker splits it
      const two = await startRegistry(b.url, dir, 'registry-b');
      procs.push(two.proc);
      const [a0, b0] = [await stored(one), await stored(two)];
      const t0 = Date.now();
      await burst(publishers, n);
      await until(
        'two registries stored the burst',
        180_000,
        async () => (await stored(one)) - a0 + ((await stored(two)) - b0) >= n,
      );
      const twoRate = n / ((Date.now() - t0) / 1000);
      const [a1, b1] = [(await stored(one)) - a0, (await stored(two)) - b0];
      out.push({
        suite: suiteName,
        name: 'two registry instances, one $share group',
        value: Math.round(twoRate),
        unit: 'records/s',
        better: 'higher',
        note: `burst of ${n}: instance A stored ${a1}, B ${b1} (${Math.round((100 * a1) / n)} % / ${Math.round((100 * b1) / n)} %); ${(twoRate / oneRate).toFixed(2)}× one instance, ${(twoRate / plainRate).toFixed(2)}× the plain subscriber`,
      });
      return out;
    } finally {
      for (const p of publishers) p.end(true);
      for (const p of procs) p.kill('SIGKILL');
      await b.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
