import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { cpSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../../domain/fleet/signing.js';
import { checkUnpacked } from '../../../domain/release/release-bundle.js';
import { installBundle } from '../../../domain/release/release-installer.js';
import { ReleaseLayout } from '../../../domain/release/release-layout.js';
import { hostArch, type ReleaseArch } from '../../../domain/release/release-manifest.js';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto.js';
import { bundleApp, fakeApp } from '../../helpers/release-app.js';
import { DIST } from '../../helpers/release-bodies.js';
import { KIOSK_BIN, tempDir } from '../../helpers/sim-process.js';
import { seededRandom } from './rng.js';

const exec = promisify(execFile);
const ARCH = hostArch() as ReleaseArch;
const ABI = Number(process.versions.modules);
const SQLITE = resolve('node_modules/better-sqlite3/lib/index.js');
const MQTT = resolve('node_modules/mqtt/build/index.js');

/** Citizen records in the kiosk database every cut starts from (and must find again). */
export const CITIZEN_TICKETS = 100_000;

/** Longest wait for a cut's step to come (a unit that never gets there is cut anyway). */
const STEP_WAIT_MS = 120_000;

/**
 * The `dist/bin/kiosk.js` of the two fake releases: `release ...` is the real CLI (the guard runs
 * from `previous`, as the unit does); `run` does what the kiosk does around an update with the
 * checkout's real code: 1.0.0 follows the signed offer on a real Mosquitto (ReleaseUpdater:
 * chunked download synced at each offset, verify, unpack, database backup, switch) and exits to
 * restart into it; 2.0.0 runs its migration (tickets 3 → 4: a column and a value for every
 * ticket, one transaction, as the kiosk's migrations are) and its health check (real runTrial:
 * integrity check, every ticket still there), is committed and serves. Each step prints a
 * `phase` line so the harness knows where a cut landed.
 */
function deviceBody(broker: string, pubPem: string): string {
  return `
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const DIST = ${JSON.stringify(DIST)};
const here = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const version = here.split('/').at(-1);
const mark = (p) => process.stdout.write('phase ' + p + '\\n');
if (process.argv[2] === 'release') {
  await import(DIST + '/bin/kiosk.js');
} else if (process.argv[2] === 'run') {
  const data = process.argv[process.argv.indexOf('--data-dir') + 1];
  process.on('SIGTERM', () => process.exit(0));
  mark('start ' + version);
  const { ReleaseLayout } = await import(DIST + '/domain/release/release-layout.js');
  const { runTrial } = await import(DIST + '/domain/release/release-trial.js');
  const Database = (await import(${JSON.stringify(SQLITE)})).default;
  const layout = ReleaseLayout.of(here);
  const db = new Database(join(data, 'kiosk.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const schema = () => db.prepare("SELECT MAX(version) AS v FROM schema_migrations WHERE module = 'tickets'").get().v;
  if (version === '2.0.0' && schema() < 4) {
    mark('migrate');
    db.transaction(() => {
      db.exec("ALTER TABLE tickets ADD COLUMN counter TEXT");
      db.exec("UPDATE tickets SET counter = 'Q' || (rowid % 7)");
      db.exec("CREATE INDEX tickets_counter ON tickets (counter, service_day)");
      db.exec("INSERT INTO schema_migrations (module, version) VALUES ('tickets', 4)");
    })();
  }
  const state = await layout.state();
  if (state.phase === 'trial' && state.trial?.version === version) {
    mark('trial');
    const checks = [{ name: 'database', passed: async () => {
      const ok = db.pragma('quick_check', { simple: true });
      if (ok !== 'ok') throw new Error('quick_check: ' + ok);
      const n = db.prepare('SELECT COUNT(*) AS n FROM tickets').get().n;
      if (n !== ${CITIZEN_TICKETS}) throw new Error(n + ' tickets');
    } }];
    const r = await runTrial({ layout, version, checks, deadlineMs: 30000, log: () => undefined });
    if (r.outcome === 'failed') { console.error(r.reason); process.exit(1); }
  }
  mark('serving ' + version);
  setInterval(() => undefined, 1 << 30);
  if (version === '1.0.0') {
    const { ReleaseUpdater } = await import(DIST + '/domain/release/release-updater.js');
    const { installInChildProcess } = await import(DIST + '/app/release-install-process.js');
    const { fleetTopics } = await import(DIST + '/domain/fleet/topics.js');
    const { parsePublicKeys } = await import(DIST + '/domain/fleet/signing.js');
    const { backupDatabase, pendingMigrations, schemaOf } = await import(DIST + '/domain/release/release-switch.js');
    const mqtt = (await import(${JSON.stringify(MQTT)})).default;
    const topics = fleetTopics('kiosk/v1');
    const client = await mqtt.connectAsync(${JSON.stringify(broker)}, { protocolVersion: 5, clientId: 'soak-' + process.pid, clean: true });
    const quiet = { info() {}, warn() {}, error(o, m) { console.error(m); } };
    const updater = new ReleaseUpdater({
      layout, topics, channel: 'stable', arch: ${JSON.stringify(ARCH)}, deviceId: 'kiosk-soak', groups: [],
      keys: parsePublicKeys(${JSON.stringify(pubPem)}), abi: ${ABI}, configVersion: 1, log: quiet,
      subscribe: async (filters) => { await client.subscribeAsync(filters, { qos: 1 }); },
      unsubscribe: async (filters) => { await client.unsubscribeAsync(filters); },
      report: () => undefined,
      whyNotNow: () => undefined,
      notice: async () => undefined,
      backupDatabase: async (m) => pendingMigrations(m, schemaOf(db)).length > 0 ? backupDatabase(db, data, m.version) : null,
      exit: () => { mark('exit'); db.close(); process.exit(0); },
      // as the kiosk does: the install runs in a child process of this release's CLI, at nice 10
      install: (file, expect) => installInChildProcess({ entry: join(here, 'dist', 'bin', 'kiosk.js'), root: layout.dir, log: quiet }, file, expect),
      idleCheckMs: 50,
    });
    await updater.init();
    let last = '';
    setInterval(() => { const s = updater.update.state; if (s !== last) { last = s; mark(s); } }, 5);
    client.on('message', (topic, payload) => {
      if (topic === topics.releaseOffer('stable', ${JSON.stringify(ARCH)})) void updater.onOffer(payload);
      const c = topics.parseReleaseChunk(topic);
      if (c) void updater.onChunk(c.index, c.version, payload);
    });
    await client.subscribeAsync([topics.releaseOffer('stable', ${JSON.stringify(ARCH)})], { qos: 1 });
  }
}
`;
}

export interface ReleaseCutOptions {
  cuts: number;
  seed?: number;
  /** Bytes of incompressible data in 2.0.0 (the download's size). */
  fillerBytes?: number;
  chunkSize?: number;
  progress?: (line: string) => void;
}

export interface ReleaseCutReport {
  cuts: number;
  /** Where each cut landed (the last phase the killed process had reached). */
  cutIn: Record<string, number>;
  /** Which process was killed: the kiosk (`run`) or the update guard before a start. */
  killed: { kiosk: number; guard: number; none: number };
  /** How each cut ended after the unit started the kiosk again (no further cuts). */
  endedOn: Record<string, number>;
  /** current missing, not whole, or not bootable after a cut (before and after the guard). */
  unbootable: number;
  /** Tickets missing or changed, a failed integrity check, a half-applied migration. */
  recordsDamaged: number;
  /** The kiosk did not reach a serving release after the cut. */
  neverServed: number;
  /** Times of the uncut run, ms from the first start, per phase reached. */
  phasesMs: Record<string, number>;
  bundleBytes: number;
  violations: string[];
  ms: number;
}

interface Template {
  opt: string;
  data: string;
  broker: Mosquitto;
  ticketsSum: number;
}

async function prepare(o: ReleaseCutOptions): Promise<Template & { bundleBytes: number }> {
  const keys = generateFleetKeys();
  const key = parsePrivateKey(keys.privatePem);
  const broker = await startMosquitto({ persistence: false });
  const body = deviceBody(broker.url, keys.publicPem);
  const bundle = async (version: string, filler: number) => {
    const app = fakeApp({ version, body, migrations: { tickets: version === '2.0.0' ? 4 : 3 } });
    if (filler > 0) writeFileSync(join(app, 'data', 'filler.bin'), randomFillSync(Buffer.alloc(filler)));
    return bundleApp(app, { version, key, migrations: { tickets: version === '2.0.0' ? 4 : 3 } });
  };
  const v1 = await bundle('1.0.0', 0);
  const v2 = await bundle('2.0.0', o.fillerBytes ?? 4 * 1048576);
  const opt = tempDir('kiosk-opt-template-');
  const layout = new ReleaseLayout(opt);
  await layout.clearIncoming();
  await installBundle(layout, v1, { keys: parsePublicKeys(keys.publicPem) });
  await layout.point('current', '1.0.0');
  await layout.point('previous', '1.0.0');
  const keyFile = join(tempDir('kiosk-keys-'), 'fleet.key');
  writeFileSync(keyFile, keys.privatePem, { mode: 0o600 });
  await exec(process.execPath, [
    KIOSK_BIN,
    'fleet',
    'release',
    'publish',
    '--bundle',
    v2,
    '--key',
    keyFile,
    '--channel',
    'stable',
    '--chunk-size',
    String(o.chunkSize ?? 16 * 1024),
    '--broker',
    broker.url,
    '--json',
  ]);
  const data = tempDir('kiosk-data-template-');
  const db = new Database(join(data, 'kiosk.db'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE schema_migrations (module TEXT, version INTEGER, PRIMARY KEY (module, version));
    INSERT INTO schema_migrations VALUES ('tickets', 1), ('tickets', 2), ('tickets', 3);
    CREATE TABLE tickets (number TEXT NOT NULL, service_day TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO tickets VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= CITIZEN_TICKETS; i++)
      insert.run(`A-${String(i).padStart(5, '0')}`, `2026-12-${String((i % 28) + 1).padStart(2, '0')}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const ticketsSum = ticketSum(db);
  db.close();
  return { opt, data, broker, ticketsSum, bundleBytes: statSync(v2).size };
}

function ticketSum(db: Database.Database): number {
  let sum = 0;
  for (const row of db
    .prepare('SELECT number, service_day FROM tickets ORDER BY rowid')
    .iterate() as Iterable<{
    number: string;
    service_day: string;
  }>)
    for (const ch of `${row.number}|${row.service_day}`) sum = (sum * 31 + ch.charCodeAt(0)) >>> 0;
  return sum;
}

/** What the citizen records look like now; a string when something is wrong. */
function recordsProblem(data: string, expectedSum: number): string | undefined {
  const db = new Database(join(data, 'kiosk.db'));
  try {
    const check = db.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok') return `integrity_check: ${check}`;
    const n = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    if (n !== CITIZEN_TICKETS) return `${n} tickets, expected ${CITIZEN_TICKETS}`;
    if (ticketSum(db) !== expectedSum) return 'ticket numbers or days changed';
    const schema = (
      db.prepare("SELECT MAX(version) AS v FROM schema_migrations WHERE module = 'tickets'").get() as {
        v: number;
      }
    ).v;
    const cols = (db.prepare('PRAGMA table_info(tickets)').all() as { name: string }[]).map((c) => c.name);
    const indexed =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'tickets_counter'").get() !==
      undefined;
    const migrated = cols.includes('counter');
    if (indexed !== migrated) return `half a migration: counter column ${migrated}, its index ${indexed}`;
    if ((schema === 4) !== migrated) return `half a migration: schema ${schema}, counter column ${migrated}`;
    if (migrated) {
      const unset = (
        db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE counter IS NULL').get() as { n: number }
      ).n;
      if (unset > 0) return `migration left ${unset} tickets without a counter`;
    }
    return undefined;
  } finally {
    db.close();
  }
}

/** current points at a whole installed release whose files match its manifest. */
async function bootProblem(opt: string): Promise<string | undefined> {
  const layout = new ReleaseLayout(opt);
  const version = await layout.pointsAt('current');
  if (!version) return 'no current';
  if (!(await layout.bootable('current'))) return `current (${version}) has no dist/bin/kiosk.js`;
  const manifest = await layout.manifest(version);
  if (!manifest) return `current (${version}) has no manifest`;
  const bad = await checkUnpacked(layout.releaseDir(version), manifest);
  return bad.length > 0
    ? `current (${version}) differs from its manifest: ${bad.slice(0, 3).join(', ')}`
    : undefined;
}

interface Unit {
  /** Kills whatever the unit runs now (guard or kiosk); returns which and the last phase seen. */
  cut(): { killed: 'kiosk' | 'guard' | 'none'; phase: string };
  /** Resolves with the serving version, or rejects when the kiosk never got there. */
  served: Promise<string>;
  phases: { phase: string; at: number }[];
  stop(): Promise<void>;
}

/**
 * Plays systemd for the unit (deploy/smart-kiosk.service): before each start the guard from
 * `previous`, then `current`'s kiosk run; a clean exit (the switch) is restarted at once.
 */
function runUnit(opt: string, data: string, startedAt: number): Unit {
  let child: ChildProcess | undefined;
  let role: 'kiosk' | 'guard' | 'none' = 'none';
  let phase = 'boot';
  let stopped = false;
  const phases: { phase: string; at: number }[] = [];
  const note = (p: string) => {
    phase = p;
    phases.push({ phase: p, at: Date.now() - startedAt });
  };
  const runOnce = (argv: string[], who: 'kiosk' | 'guard'): Promise<number | null> =>
    new Promise((resolveExit) => {
      role = who;
      const proc = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let buf = '';
      proc.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith('phase ')) note(line.slice(6));
        }
      });
      proc.stderr.resume();
      proc.once('exit', (code) => {
        child = undefined;
        role = 'none';
        resolveExit(code);
      });
    });
  const served = (async () => {
    for (let start = 0; start < 12 && !stopped; start++) {
      note('guard');
      await runOnce(
        [
          join(opt, 'previous', 'dist', 'bin', 'kiosk.js'),
          'release',
          'guard',
          '--before-start',
          '--dir',
          opt,
          '--data-dir',
          data,
        ],
        'guard',
      );
      if (stopped) break;
      const proc = runOnce(
        [join(opt, 'current', 'dist', 'bin', 'kiosk.js'), 'run', '--data-dir', data],
        'kiosk',
      );
      const serving = new Promise<string>((r) => {
        const timer = setInterval(() => {
          // 2.0.0 serving; or 1.0.0 serving and refusing 2.0.0 (rolled back here: blocked)
          if (phase.startsWith('serving 2.') || phase === 'refused') {
            clearInterval(timer);
            r(phase === 'refused' ? '1.0.0' : phase.slice('serving '.length));
          }
        }, 10);
        void proc.then(() => {
          clearInterval(timer);
          r('');
        });
      });
      const v = await serving;
      if (v) return v;
    }
    if (phase.startsWith('serving ')) return phase.slice('serving '.length);
    throw new Error(`never served (last phase ${phase})`);
  })();
  return {
    phases,
    served,
    cut() {
      stopped = true;
      const killed = role;
      child?.kill('SIGKILL');
      return { killed, phase };
    },
    async stop() {
      stopped = true;
      const c = child;
      if (c) {
        const gone = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        await gone;
      }
      await served.catch(() => undefined);
    },
  };
}

/**
 * kill -9 at random points of an app update (download over MQTT, verify and unpack, database
 * backup, switch, the guard, the new release's migration and health check). After each cut the
 * unit starts again without further cuts: `current` must always be a whole release that boots,
 * the citizen records intact (every ticket, integrity_check, a migration wholly applied or not
 * at all), and the kiosk must end serving a release.
 */
export async function runReleaseCuts(o: ReleaseCutOptions): Promise<ReleaseCutReport> {
  const started = Date.now();
  const random = seededRandom(o.seed ?? 1);
  const t = await prepare(o);
  const violations: string[] = [];
  const report: ReleaseCutReport = {
    cuts: 0,
    cutIn: {},
    killed: { kiosk: 0, guard: 0, none: 0 },
    endedOn: {},
    unbootable: 0,
    recordsDamaged: 0,
    neverServed: 0,
    phasesMs: {},
    bundleBytes: t.bundleBytes,
    violations,
    ms: 0,
  };
  const fresh = () => {
    const opt = tempDir('kiosk-opt-');
    const data = tempDir('kiosk-data-');
    cpSync(t.opt, opt, { recursive: true, verbatimSymlinks: true });
    cpSync(join(t.data, 'kiosk.db'), join(data, 'kiosk.db'));
    return { opt, data };
  };
  try {
    // An uncut run: where the phases fall in time (the cut instants are drawn from them).
    const calib = fresh();
    const calibStart = Date.now();
    const unit = runUnit(calib.opt, calib.data, calibStart);
    await unit.served;
    await unit.stop();
    const windows: { index: number; phase: string; ms: number }[] = [];
    for (let i = 0; i < unit.phases.length; i++) {
      const p = unit.phases[i] as { phase: string; at: number };
      const next = unit.phases[i + 1];
      report.phasesMs[p.phase] ??= p.at;
      if (next) windows.push({ index: i, phase: p.phase, ms: next.at - p.at });
    }
    o.progress?.(`uncut run: ${unit.phases.map((p) => `${p.phase}@${p.at}`).join(' ')}`);
    for (let i = 0; i < o.cuts; i++) {
      const { opt, data } = fresh();
      // A step of the uncut run, then an instant inside it counted from when this run reaches
      // that step (start-up times vary by seconds on a loaded machine; a step of 40 ms would
      // otherwise rarely be hit): every step gets cuts, short ones too.
      const w = windows[Math.floor(random() * windows.length)] as (typeof windows)[number];
      const cutStart = Date.now();
      const cutting = runUnit(opt, data, cutStart);
      while (cutting.phases.length <= w.index && Date.now() - cutStart < STEP_WAIT_MS)
        await new Promise((r) => setTimeout(r, 2));
      const at = random() * w.ms;
      await new Promise((r) => setTimeout(r, at));
      const hit = cutting.cut();
      await cutting.stop();
      report.cuts++;
      report.killed[hit.killed]++;
      const where = hit.phase;
      report.cutIn[where] = (report.cutIn[where] ?? 0) + 1;
      const problems: string[] = [];
      const before = await bootProblem(opt);
      if (before) problems.push(`after the cut: ${before}`);
      // the next boot: the unit starts again (guard first), no more cuts
      const again = runUnit(opt, data, Date.now());
      let ended: string;
      try {
        ended = await again.served;
      } catch (err) {
        ended = 'never served';
        report.neverServed++;
        problems.push((err as Error).message);
      }
      await again.stop();
      const state = await new ReleaseLayout(opt).state();
      const label = `${ended}${state.last?.outcome === 'rolled-back' ? ' (rolled back)' : ''}`;
      report.endedOn[label] = (report.endedOn[label] ?? 0) + 1;
      const after = await bootProblem(opt);
      if (after) problems.push(`after the restart: ${after}`);
      if (before || after) report.unbootable++;
      const records = recordsProblem(data, t.ticketsSum);
      if (records) {
        report.recordsDamaged++;
        problems.push(records);
      }
      for (const p of problems) violations.push(`cut ${i + 1} (${where}, +${Math.round(at)} ms): ${p}`);
      if ((i + 1) % 10 === 0 || problems.length > 0)
        o.progress?.(
          `cut ${i + 1}/${o.cuts} in ${where} (${hit.killed}) → ${label}${problems.length ? `: ${problems.join('; ')}` : ''} [${Math.round((Date.now() - cutStart) / 100) / 10} s]`,
        );
    }
  } finally {
    await t.broker.dispose();
  }
  report.ms = Date.now() - started;
  return report;
}
