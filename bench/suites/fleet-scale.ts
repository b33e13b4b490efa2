import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { connectFleet, publishAsync } from '../../domain/fleet/fleet-client.js';
import type { BenchResult, BenchSuite } from '../bench-types.js';

/**
 * Fleet at scale: N simulated kiosks (`kiosk fleet simulate`, the kiosk's own fleet code) on one
 * Mosquitto, a registry (`kiosk fleet serve`), and the fleet tools. Counts from FLEET_SCALE_COUNTS
 * (default 1000,10000). Every process gets its file-descriptor limit raised to the hard limit
 * (each kiosk holds one socket in the simulator and one in the broker). Broker settings needed:
 * `max_connections -1`, the fd limit above N, `max_queued_messages` for the registry's session.
 */
const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));
const KIOSK = resolve('dist/bin/kiosk.js');
const RECORDS_PER_SECOND = 1000;
const BURST = 5000;
const PASSWORD = 'bench-password-2026';

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * Spawns with the soft fd limit raised to the hard one (a shell's ulimit, then exec). Standard
 * error goes to `stderrFile`, never to a pipe nobody reads: Mosquitto logs every connection, and
 * at ~1,000 kiosks its log filled the 64 KB pipe and the broker blocked in write(2) for good (the
 * cause of the 1,000-kiosk run that never finished). Standard output stays a pipe for the
 * callers that read it; `ignoreStdout` drops it.
 */
function spawnRaised(cmd: string, args: string[], stderrFile: string, ignoreStdout = false): ChildProcess {
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const err = openSync(stderrFile, 'a');
  try {
    return spawn('bash', ['-c', `ulimit -n "$(ulimit -Hn)"; exec ${quoted}`], {
      stdio: ['ignore', ignoreStdout ? 'ignore' : 'pipe', err],
    });
  } finally {
    closeSync(err);
  }
}

function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function lines(proc: ChildProcess, on: (e: Record<string, unknown>) => void): void {
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    try {
      on(JSON.parse(line) as Record<string, unknown>);
    } catch {
      /* progress text */
    }
  });
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`fleet-scale: ${what} not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function runOnce(count: number): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-scale-'));
  const port = await freePort();
  const conf = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence false',
    'max_connections -1',
    'max_queued_messages 100000',
    'max_inflight_messages 100',
    'set_tcp_nodelay true',
    ...(process.getuid?.() === 0 ? ['user root'] : []),
  ];
  writeFileSync(join(dir, 'mosquitto.conf'), `${conf.join('\n')}\n`);
  const url = `mqtt://127.0.0.1:${port}`;
  const procs: ChildProcess[] = [];
  const out: BenchResult[] = [];
  const suite = 'fleet-scale';
  const note = `${count} simulated kiosks, one Mosquitto, 2 shared cores, load ${loadavg()[0]?.toFixed(1)} at start`;
  try {
    const broker = spawnRaised(
      MOSQUITTO as string,
      ['-c', join(dir, 'mosquitto.conf')],
      join(dir, 'mosquitto.log'),
      true,
    );
    procs.push(broker);
    await new Promise((r) => setTimeout(r, 300));
    const db = join(dir, 'registry.sqlite');
    execFileSync(process.execPath, [KIOSK, 'fleet', 'user', 'add', 'bench', '--db', db], {
      env: { ...process.env, KIOSK_FLEET_USER_PASSWORD: PASSWORD },
    });
    const registry = spawnRaised(
      process.execPath,
      [KIOSK, 'fleet', 'serve', '--broker', url, '--db', db, '--listen', '127.0.0.1:0'],
      join(dir, 'registry.log'),
    );
    procs.push(registry);
    const api = await new Promise<string>((ok) =>
      lines(registry, (e) => e.event === 'listening' && ok(String(e.url))),
    );
    const login = await fetch(`${api}/api/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'bench', password: PASSWORD }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const summary = async () =>
      (await (
        await fetch(`${api}/api/summary`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        devices: Record<string, number>;
        records: Record<string, number>;
        ingest: { duplicates: number; refused: Record<string, number> };
      };

    const t0 = Date.now();
    const sim = spawnRaised(
      process.execPath,
      [
        KIOSK,
        'fleet',
        'simulate',
        '--count',
        String(count),
        '--broker',
        url,
        '--json',
        '--records-per-second',
        String(RECORDS_PER_SECOND),
        '--connect-rate',
        '500',
      ],
      join(dir, 'simulator.log'),
    );
    procs.push(sim);
    let stoppedEvent: Record<string, unknown> | undefined;
    const allOnline = new Promise<number>((ok) =>
      lines(sim, (e) => {
        if (process.env.BENCH_DEBUG) process.stderr.write(`sim: ${JSON.stringify(e)}\n`);
        if (e.event === 'all-online') ok(Number(e.seconds));
        if (e.event === 'stopped') stoppedEvent = e;
      }),
    );
    const simOnline = await allOnline;
    if (process.env.BENCH_DEBUG) process.stderr.write(`all online in ${simOnline} s\n`);
    out.push({
      suite,
      name: `${count}: all kiosks online (simulator)`,
      value: simOnline,
      unit: 's',
      better: 'lower',
      note,
    });
    await until('registry sees all online', 180_000, async () =>
      (await summary()).devices.online === count ? true : undefined,
    );
    out.push({
      suite,
      name: `${count}: registry sees all online`,
      value: (Date.now() - t0) / 1000,
      unit: 's',
      better: 'lower',
      note: `${note}; budget 60 s at 10,000`,
    });

    // baseline in the same run: the CLI starting and exiting, without any fleet work
    const b0 = Date.now();
    execFileSync(process.execPath, [KIOSK, 'fleet', '--help']);
    const baselineS = (Date.now() - b0) / 1000;
    const timed = (args: string[]) => {
      const t = Date.now();
      const listed = execFileSync(process.execPath, [KIOSK, 'fleet', 'devices', ...args, '--json'], {
        maxBuffer: 1 << 30,
        env: { ...process.env, KIOSK_FLEET_REGISTRY_PASSWORD: PASSWORD },
      });
      return { s: (Date.now() - t) / 1000, n: (JSON.parse(listed.toString()) as unknown[]).length };
    };
    for (const [how, args] of [
      ['retained snapshot', ['--broker', url]],
      ['registry', ['--registry', api, '--registry-user', 'bench']],
    ] as const) {
      const { s, n } = timed([...args]);
      out.push({
        suite,
        name: `${count}: fleet devices --json (${how})`,
        value: s,
        unit: 's',
        better: 'lower',
        note: `listed ${n} of ${count} (budget 3 s); ${(s / baselineS).toFixed(1)}× the CLI's own start (fleet --help, ${baselineS.toFixed(2)} s)`,
      });
      out.push({
        suite,
        name: `${count}: fleet devices listed / kiosks (${how})`,
        value: n / count,
        unit: 'ratio',
        better: 'higher',
        note,
      });
    }

    // records flow at RECORDS_PER_SECOND for 20 s after all are online, then the simulator drains and stops
    await new Promise((r) => setTimeout(r, 20_000));
    out.push({
      suite,
      name: `${count}: registry RSS`,
      value: rssMb(registry.pid),
      unit: 'MB',
      better: 'lower',
      note: `budget 300 MB`,
    });
    out.push({
      suite,
      name: `${count}: broker RSS`,
      value: rssMb(broker.pid),
      unit: 'MB',
      better: 'lower',
      note,
    });
    out.push({
      suite,
      name: `${count}: simulator RSS`,
      value: rssMb(sim.pid),
      unit: 'MB',
      better: 'lower',
      note: 'bash pid: see ps for node',
    });
    sim.kill('SIGTERM');
    // a simulator that does not exit within 2 minutes is killed (and its records not counted)
    const killer = setTimeout(() => sim.kill('SIGKILL'), 120_000);
    await new Promise((ok) => sim.once('exit', ok));
    clearTimeout(killer);
    const made = Number(stoppedEvent?.records ?? NaN);
    const undelivered = Number(stoppedEvent?.undelivered ?? NaN);
    const s0 = Date.now();
    const expected = made - undelivered;
    const stored = await until('registry stored every record', 60_000, async () => {
      const s = await summary();
      const got = (s.records.rating ?? 0) + (s.records['ticket-issued'] ?? 0);
      return got >= expected ? { got, duplicates: s.ingest.duplicates } : undefined;
    });
    out.push({
      suite,
      name: `${count}: records stored / delivered`,
      value: stored.got / expected,
      unit: 'ratio',
      better: 'higher',
      note: `${stored.got} stored of ${expected} delivered (${made} made at ${RECORDS_PER_SECOND}/s, ${undelivered} left in outboxes), ${stored.duplicates} redeliveries ignored, backlog cleared ${((Date.now() - s0) / 1000).toFixed(1)} s after stop`,
    });

    // ingest rate: a burst of BURST records from one publisher (many in flight), until all stored
    const burst = await connectFleet({ url, clientId: 'bench-burst' });
    const before = (await summary()).records.rating ?? 0;
    const i0 = Date.now();
    await Promise.all(
      Array.from({ length: BURST }, (_, i) => {
        const device = `sim-${String((i % count) + 1).padStart(5, '0')}`;
        const id = randomUUID();
        return publishAsync(
          burst,
          `kiosk/v1/devices/${device}/records/rating`,
          JSON.stringify({
            id,
            seq: i,
            device,
            type: 'rating',
            kind: 'record',
            ts: new Date().toISOString(),
            data: { id, score: 5, levels: 5, counter: 1 },
          }),
          { qos: 1 },
        );
      }),
    );
    await until('registry stored the burst', 120_000, async () =>
      ((await summary()).records.rating ?? 0) >= before + BURST ? true : undefined,
    );
    const burstS = (Date.now() - i0) / 1000;
    burst.end(true);
    out.push({
      suite,
      name: `${count}: registry ingest (burst of ${BURST} records)`,
      value: Math.round(BURST / burstS),
      unit: 'records/s',
      better: 'higher',
      note: `one registry, SQLite WAL synchronous=NORMAL, a transaction per batch (acked after its commit); ${(BURST / burstS / RECORDS_PER_SECOND).toFixed(2)}× the 1,000/s target`,
    });
    return out;
  } finally {
    for (const p of procs.reverse()) if (p.exitCode === null) p.kill('SIGKILL');
    if (process.env.BENCH_DEBUG) process.stderr.write(`logs kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const suite: BenchSuite = {
  name: 'fleet-scale',
  unavailable: () => (MOSQUITTO ? undefined : 'mosquitto is not installed'),
  async run() {
    const counts = (process.env.FLEET_SCALE_COUNTS ?? '1000,10000').split(',').map(Number);
    const results: BenchResult[] = [];
    for (const count of counts) results.push(...(await runOnce(count)));
    return results;
  },
};
export default suite;
