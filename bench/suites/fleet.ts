import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { DEFAULT_CATALOG_PATH } from '../../domain/catalog/catalog-service.js';
import { importPortalFile } from '../../domain/catalog/portal-import.js';
import { buildRollout, type Rollout } from '../../domain/fleet/catalog-manifest.js';
import { CatalogStore } from '../../domain/fleet/catalog-store.js';
import type { RunningCatalog } from '../../domain/fleet/delta-apply.js';
import { CatalogUpdater } from '../../domain/fleet/catalog-updater.js';
import {
  connectFleet,
  publishRollout,
  sendCommand,
  signCommand,
  subscribeAsync,
} from '../../domain/fleet/fleet-client.js';
import { MqttLink } from '../../domain/fleet/mqtt-link.js';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../domain/fleet/signing.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { openDatabase } from '../../runtime/storage/database.js';
import { Outbox } from '../../domain/telemetry/outbox.js';
import { OutboxPublisher } from '../../domain/telemetry/outbox-publisher.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { broker, MOSQUITTO } from '../bench-broker.js';

/**
 * Fleet over MQTT 5 against a private Mosquitto: outbox flush after reconnect, command round trip
 * through a kiosk process, catalog rollouts (shipped commune catalog end to end; full portal
 * catalog and a 10-procedure delta verify + apply), memory.
 */
const PORTAL = join(process.cwd(), '..', 'shared', 'data', 'tthc', 'portal_procedures.jsonl');
const topics = fleetTopics('kiosk/v1');
const silent = pino({ level: 'silent' });
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

const waitUntil = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('bench: timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

async function outboxFlush(url: string): Promise<BenchResult[]> {
  const dir = tmp('bench-outbox-');
  const db = openDatabase(join(dir, 'kiosk.db'));
  const outbox = new Outbox(db, 100_000);
  const N = 10_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++)
    outbox.enqueue(
      i % 10 === 0 ? 'record' : 'event',
      'events/ticket-issued',
      { number: `A-${i}`, group: 'tu-phap' },
      Date.now(),
    );
  const enqueueMs = performance.now() - t0;
  const link = new MqttLink(
    { url, clientId: 'bench-outbox', sessionExpirySeconds: 60 },
    'kiosk/v1/devices/bench/replies',
    silent,
    { minMs: 100, maxMs: 500 },
  );
  const publisher = new OutboxPublisher(
    outbox,
    (m) =>
      link.publish(
        `kiosk/v1/devices/bench/${m.topic}`,
        JSON.stringify({ id: m.uid, seq: m.id, data: m.payload }),
        { qos: 1 },
      ),
    silent,
  );
  const rss0 = process.memoryUsage().rss;
  link.onConnectionChange((up) => publisher.setConnected(up));
  const t1 = performance.now();
  link.start();
  if (!(await publisher.idle(120_000))) throw new Error('outbox did not drain');
  const flushMs = performance.now() - t1;
  const rssDelta = (process.memoryUsage().rss - rss0) / 1048576;
  publisher.stop();
  await link.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      suite: 'fleet',
      name: 'outbox enqueue (durable, fsync per write)',
      value: N / (enqueueMs / 1000),
      unit: 'msg/s',
      better: 'higher',
      note: `${N} messages, SQLite WAL synchronous=FULL`,
    },
    {
      suite: 'fleet',
      name: 'outbox flush of 10,000 queued events after reconnect',
      value: flushMs,
      unit: 'ms',
      better: 'lower',
      note: `${Math.round(N / (flushMs / 1000))} msg/s, QoS 1, delete after PUBACK`,
    },
    {
      suite: 'fleet',
      name: 'outbox flush: RSS growth',
      value: Math.max(0, rssDelta),
      unit: 'MiB',
      better: 'lower',
      note: 'process RSS delta while draining 10,000',
    },
  ];
}

async function commandRoundTrip(
  url: string,
  keysDir: string,
  publicFile: string,
  privatePem: string,
): Promise<BenchResult[]> {
  const dataDir = tmp('bench-fleet-sim-');
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ fleet: { reconnectMinMs: 200 } }));
  const proc = spawn(
    process.execPath,
    [
      resolve('dist/bin/kiosk.js'),
      'sim',
      '--headless',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--config',
      join(dataDir, 'kiosk.json'),
      '--broker',
      url,
      '--device-id',
      'bench-kiosk',
      '--fleet-key',
      publicFile,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((ok, fail) => {
    proc.once('exit', (c) => fail(new Error(`sim exited ${c}`)));
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      if (l.includes('"ns":"fleet"') && l.includes('connected to')) ok();
    });
  });
  const key = parsePrivateKey(privatePem);
  const mgr = await connectFleet({ url, clientId: 'bench-mgr' });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const cmd = signCommand({ name: 'ping', target: { device: 'bench-kiosk' }, key });
    const t = performance.now();
    const [r] = await sendCommand(
      mgr,
      topics,
      topics.deviceCommand('bench-kiosk', 'ping'),
      JSON.stringify(cmd),
      { timeoutMs: 5000, expect: 1 },
    );
    if (!r?.ok) throw new Error(`ping failed: ${JSON.stringify(r)}`);
    if (i >= 10) times.push(performance.now() - t);
  }
  // end-to-end rollout of the shipped commune-level catalog to this kiosk
  const shipped = gunzipSync(readFileSync(DEFAULT_CATALOG_PATH));
  const applied = new Set<string>();
  mgr.on('message', (topic, payload) => {
    if (topic.endsWith('/events/catalog-applied'))
      applied.add(String((JSON.parse(payload.toString()) as { data: { version: string } }).data.version));
  });
  await subscribeAsync(mgr, 'kiosk/v1/devices/bench-kiosk/events/#');
  const t0 = performance.now();
  const rollout = buildRollout({ catalog: shipped, channel: 'stable', key });
  await publishRollout(mgr, topics, rollout);
  await waitUntil(() => applied.has(rollout.manifest.version), 60_000);
  const rolloutMs = performance.now() - t0;
  const rss =
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  mgr.end(true);
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keysDir, { recursive: true, force: true });
  return [
    {
      suite: 'fleet',
      name: 'signed command round trip (ping, kiosk process)',
      value: percentile(times, 50),
      unit: 'ms',
      better: 'lower',
      note: `p50 of ${times.length}; p95 ${percentile(times, 95).toFixed(1)} ms`,
    },
    {
      suite: 'fleet',
      name: 'rollout of the shipped catalog (sign, publish, download, verify, apply)',
      value: rolloutMs,
      unit: 'ms',
      better: 'lower',
      note: `${rollout.manifest.procedures} procedures, ${(shipped.length / 1048576).toFixed(1)} MiB JSON, ${rollout.chunks.length} chunks of 256 KiB gzip`,
    },
    {
      suite: 'fleet',
      name: 'kiosk RSS with fleet link after a rollout',
      value: rss,
      unit: 'MiB',
      better: 'lower',
    },
  ];
}

/** Device-side verify + apply of a rollout, in process (no network). */
async function applyTime(rollouts: Rollout[]): Promise<number[]> {
  const dir = tmp('bench-apply-');
  const store = new CatalogStore(join(dir, 'catalog.json'));
  const updater = new CatalogUpdater({
    store,
    deviceId: 'bench-kiosk',
    groups: [],
    topics,
    channel: 'stable',
    keys: parsePublicKeys(sharedKeys.publicPem),
    log: silent,
    subscribe: async () => undefined,
    unsubscribe: async () => undefined,
    report: () => undefined,
    // as a kiosk does: the catalog just installed is the one running, so a delta on it keeps it
    running: () => running,
    activate: async (_path, _version, _previous, installed) => {
      running = installed;
    },
  });
  let running: RunningCatalog | undefined;
  await updater.init();
  const times: number[] = [];
  for (const r of rollouts) {
    await updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
    const t = performance.now();
    for (let i = 0; i < r.chunks.length; i++)
      await updater.onChunk(i, r.manifest.version, r.chunks[i] as Buffer);
    times.push(performance.now() - t);
    if (updater.version !== r.manifest.version)
      throw new Error(`rollout ${r.manifest.version} was not applied: ${JSON.stringify(updater.lastResult)}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return times;
}

const sharedKeys = generateFleetKeys();

async function fullCatalog(): Promise<BenchResult[]> {
  if (!existsSync(PORTAL)) return [];
  const key = parsePrivateKey(sharedKeys.privatePem);
  const { catalog } = await importPortalFile(PORTAL, { level: 'all', now: new Date('2026-11-25T00:00:00Z') });
  const base = Buffer.from(JSON.stringify(catalog));
  const next = structuredClone(catalog);
  next.version = next.version.replace(/-(\d+)$/, (_, n: string) => `-${Number(n) + 1}`);
  for (let i = 0; i < 10; i++) (next.procedures[i * 97] as { name: string }).name += ' (sửa đổi)';
  const t0 = performance.now();
  const full = buildRollout({ catalog: base, channel: 'stable', key });
  const signMs = performance.now() - t0;
  const delta = buildRollout({ catalog: Buffer.from(JSON.stringify(next)), base, channel: 'stable', key });
  const [fullMs = NaN, deltaMs = NaN] = await applyTime([full, delta]);
  return [
    {
      suite: 'fleet',
      name: 'full catalog: build + sign rollout',
      value: signMs,
      unit: 'ms',
      better: 'lower',
      note: `${catalog.procedures.length} procedures, ${(base.length / 1048576).toFixed(1)} MiB → ${(full.manifest.content.size / 1048576).toFixed(2)} MiB gzip`,
    },
    {
      suite: 'fleet',
      name: 'full catalog: verify + apply on the kiosk',
      value: fullMs,
      unit: 'ms',
      better: 'lower',
      note: `${full.chunks.length} chunks: stage, hash, gunzip, validate, fsync + rename`,
    },
    {
      suite: 'fleet',
      name: '10-procedure delta: verify + apply',
      value: deltaMs,
      unit: 'ms',
      better: 'lower',
      note: `${(delta.manifest.content.size / 1024).toFixed(1)} KiB on the wire vs ${(full.manifest.content.size / 1024).toFixed(0)} KiB full`,
    },
  ];
}

const suite: BenchSuite = {
  name: 'fleet',
  unavailable: () => (MOSQUITTO ? undefined : 'mosquitto is not installed (apt-get install mosquitto)'),
  async run(): Promise<BenchResult[]> {
    const b = await broker();
    try {
      const keysDir = tmp('bench-keys-');
      writeFileSync(join(keysDir, 'pub.pem'), sharedKeys.publicPem);
      return [
        ...(await outboxFlush(b.url)),
        ...(await commandRoundTrip(b.url, keysDir, join(keysDir, 'pub.pem'), sharedKeys.privatePem)),
        ...(await fullCatalog()),
      ];
    } finally {
      await b.stop();
    }
  },
};
export default suite;
