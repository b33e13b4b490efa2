import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openRegistryStore } from '../../app/fleet-registry/open-store.js';
import { connectFleet, publishAsync } from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { broker, MOSQUITTO } from '../bench-broker.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';

/**
 * `kiosk fleet devices --json` with a nation's fleet, without the simulator: FLEET_LIST_COUNT
 * statuses (default 10,000, shaped as a simulated kiosk's) stored straight into a registry's
 * SQLite file and published retained on a private Mosquitto. Each of FLEET_LIST_ROUNDS rounds
 * (default 5) runs, one after the other: the CLI's own start for the command (`fleet devices
 * --help`, the baseline), the list through the registry and the list from the broker's retained
 * snapshot; with FLEET_LIST_OTHER=path/to/kiosk.js (another build) its two lists too, alternated
 * in the same rounds. Wall time, the CLI's CPU (GNU time) and the registry's CPU per answer
 * (/proc ticks), medians; the load average with every figure (the machine is shared).
 */
const KIOSK = resolve('dist/bin/kiosk.js');
const TIME = ['/usr/bin/time'].find((p) => existsSync(p));
const PASSWORD = 'bench-list-2026-pw';
const PROVINCES = ['ha-noi', 'hue', 'da-nang', 'can-tho', 'lao-cai', 'ca-mau', 'nghe-an', 'gia-lai'];

/** A status as a simulated kiosk publishes it (~800 bytes). */
function statusDoc(i: number, now: number): Record<string, unknown> {
  const device = `sim-${String(i + 1).padStart(5, '0')}`;
  const province = PROVINCES[i % PROVINCES.length] as string;
  return {
    state: 'online',
    ts: new Date(now).toISOString(),
    device,
    groups: [province, `${province}.xa-${String(Math.floor(i / 3) % 400).padStart(3, '0')}`],
    channel: 'stable',
    appVersion: '0.1.0',
    catalogVersion: '2026.12.01-1',
    catalog: {
      last: { version: '2026.12.01-1', ok: true, at: new Date(now).toISOString() },
      downloading: null,
    },
    commands: { done: 0, refused: 0, unverified: 0, badResponseRoute: 0 },
    peripherals: {
      printer: {
        driver: 'sim',
        online: true,
        paper: i % 37 === 0 ? 'out' : 'ok',
        coverOpen: false,
        fault: false,
      },
      audio: { driver: 'sim', volume: 80 },
    },
    health: { uptimeSeconds: 3600, outboxDepth: 0, rssMb: 180, diskFreeMb: 5120 },
  };
}

/** CPU ticks (user + system) a process has used so far. */
function ticks(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

/** Runs the CLI; wall ms, CPU ms (when GNU time is here, written to `timeFile`) and what it printed. */
function run(
  kiosk: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeFile: string,
): { wallMs: number; cpuMs: number; out: string } {
  const t0 = Date.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S', '-o', timeFile, process.execPath, kiosk, ...args], {
        env,
        maxBuffer: 1 << 30,
      })
    : spawnSync(process.execPath, [kiosk, ...args], { env, maxBuffer: 1 << 30 });
  const wallMs = Date.now() - t0;
  if (r.status !== 0)
    throw new Error(`fleet-list: ${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
  const [u, s] = TIME ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number) : [];
  return { wallMs, cpuMs: ((u ?? NaN) + (s ?? NaN)) * 1000, out: String(r.stdout) };
}

const suite: BenchSuite = {
  name: 'fleet-list',
  unavailable: () => (MOSQUITTO ? undefined : 'mosquitto is not installed'),
  async run() {
    const count = Number(process.env.FLEET_LIST_COUNT ?? 10_000);
    const rounds = Number(process.env.FLEET_LIST_ROUNDS ?? 5);
    const other = process.env.FLEET_LIST_OTHER;
    const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-list-'));
    const mqtt = await broker();
    const procs: ChildProcess[] = [];
    try {
      const db = join(dir, 'registry.sqlite');
      const store = await openRegistryStore(db);
      await store.addUser('bench', PASSWORD);
      const now = Date.now();
      const publisher = await connectFleet({ url: mqtt.url, clientId: 'bench-list-fleet' });
      const topics = fleetTopics('kiosk/v1');
      for (let at = 0; at < count; at += 1000) {
        const statuses = [];
        const sent = [];
        for (let i = at; i < Math.min(count, at + 1000); i++) {
          const doc = statusDoc(i, now);
          const device = doc.device as string;
          statuses.push({
            input: { device, state: 'online' as const, ts: doc.ts as string, doc },
            receivedAt: now,
            live: true,
          });
          sent.push(
            publishAsync(publisher, topics.status(device), JSON.stringify(doc), { qos: 1, retain: true }),
          );
        }
        await store.write({ statuses, envelopes: [] });
        await Promise.all(sent);
      }
      publisher.end(true);
      await store.close();
      const serve = spawn(
        process.execPath,
        [KIOSK, 'fleet', 'serve', '--broker', mqtt.url, '--db', db, '--listen', '127.0.0.1:0'],
        {
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      procs.push(serve);
      const api = await new Promise<string>((ok, fail) => {
        serve.once('exit', (code) => fail(new Error(`fleet serve exited with ${code}`)));
        createInterface({ input: serve.stdout! }).on('line', (line) => {
          const e = JSON.parse(line) as { event?: string; url?: string };
          if (e.event === 'listening') ok(String(e.url));
        });
      });
      const env = { ...process.env, KIOSK_FLEET_REGISTRY_PASSWORD: PASSWORD };
      const timeFile = join(dir, 'time.txt');
      const registryArgs = ['fleet', 'devices', '--registry', api, '--registry-user', 'bench', '--json'];
      const brokerArgs = ['fleet', 'devices', '--broker', mqtt.url, '--json'];
      const builds = [
        { name: 'this build', kiosk: KIOSK },
        ...(other ? [{ name: 'other build', kiosk: other }] : []),
      ];
      const samples = new Map<string, { wall: number[]; cpu: number[]; server: number[] }>();
      const add = (key: string, wall: number, cpu: number, server = NaN) => {
        const s = samples.get(key) ?? { wall: [], cpu: [], server: [] };
        s.wall.push(wall);
        s.cpu.push(cpu);
        s.server.push(server);
        samples.set(key, s);
      };
      const loads: number[] = [];
      for (let r = 0; r < rounds; r++) {
        loads.push(loadavg()[0] ?? NaN);
        const start = run(KIOSK, ['fleet', 'devices', '--help'], env, timeFile);
        add('start', start.wallMs, start.cpuMs);
        for (const b of builds) {
          const t0 = ticks(serve.pid);
          const viaRegistry = run(b.kiosk, registryArgs, env, timeFile);
          add(`${b.name} registry`, viaRegistry.wallMs, viaRegistry.cpuMs, (ticks(serve.pid) - t0) * 10);
          const n = (JSON.parse(viaRegistry.out) as unknown[]).length;
          if (n !== count)
            throw new Error(`fleet-list: ${b.name} listed ${n} of ${count} through the registry`);
          const viaBroker = run(b.kiosk, brokerArgs, env, timeFile);
          add(`${b.name} snapshot`, viaBroker.wallMs, viaBroker.cpuMs);
          const m = (JSON.parse(viaBroker.out) as unknown[]).length;
          if (m !== count) throw new Error(`fleet-list: ${b.name} listed ${m} of ${count} from the snapshot`);
        }
      }
      const med = (v: number[]) => percentile(v, 50);
      const base = samples.get('start') as { wall: number[]; cpu: number[] };
      const note = `${count} devices, ${rounds} rounds alternated, load ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} (2 shared cores)`;
      const out: BenchResult[] = [
        {
          suite: 'fleet-list',
          name: 'CLI start: fleet devices --help (baseline) wall',
          value: med(base.wall),
          unit: 'ms',
          better: 'lower',
          note: `${note}; CPU ${med(base.cpu).toFixed(0)} ms`,
        },
      ];
      for (const [key, s] of samples) {
        if (key === 'start') continue;
        out.push({
          suite: 'fleet-list',
          name: `${count}: fleet devices --json (${key}) wall`,
          value: med(s.wall),
          unit: 'ms',
          better: 'lower',
          note: `${note}; ${(med(s.wall) / med(base.wall)).toFixed(1)}× the CLI's start; budget 3,000 ms; CLI CPU ${med(s.cpu).toFixed(0)} ms (start ${med(base.cpu).toFixed(0)})${key.endsWith('registry') ? `, registry CPU ${med(s.server).toFixed(0)} ms an answer` : ''}`,
        });
      }
      return out;
    } finally {
      for (const p of procs) p.kill('SIGKILL');
      await mqtt.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
