import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { CatalogHolder } from '../../domain/catalog/catalog-holder.js';
import { DEFAULT_CATALOG_PATH } from '../../domain/catalog/catalog-service.js';
import { importPortalFile } from '../../domain/catalog/portal-import.js';
import type { CatalogFile } from '../../domain/catalog/procedure.js';
import { buildRollout } from '../../domain/fleet/catalog-manifest.js';
import { catalogIndexPath, CatalogStore } from '../../domain/fleet/catalog-store.js';
import { CatalogUpdater } from '../../domain/fleet/catalog-updater.js';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../domain/fleet/signing.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { broker, MOSQUITTO } from '../bench-broker.js';
import { treeCpuSeconds, treeMemory } from '../lean/proc-tree.js';
import { INPUT_SCRIPT, measureInput } from '../lean/measure-input.js';
import { writeKioskConfig } from '../lean/kiosk-config.js';
import { unitEnvironment } from '../lean/unit-env.js';

/**
 * Issue #16, the lean runtime, measured the way a panel sees it: the built `kiosk run` (file display
 * 1280×800 rgb565le, mock peripherals, the shipped commune catalog, fleet link to a private
 * Mosquitto) against a bare Node + @napi-rs/canvas script drawing the same home screen, in the
 * same run, alternating, so the ratio holds on a busy machine. First frame = the file display's
 * bytes hold a frame (its title bar row written); memory = RSS/PSS of the process tree from
 * /proc. Then idle memory and CPU, CLI start, input → frame per screen, catalog delta apply.
 *
 * KIOSK_BENCH_IDLE_S (default 60) sets the idle wait and CPU window; KIOSK_BENCH_ROUNDS (default
 * 5) the cold starts of each; KIOSK_BENCH_LEAN (default all: start,idle,cli,input,apply) the parts
 * to run, comma-separated; KIOSK_BENCH_KIOSK another build's dist/bin/kiosk.js to measure instead (an
 * older checkout's, for a before/after from one machine state); KIOSK_BENCH_BASELINE another build
 * whose cold starts alternate with this one's in the start part (rows named "baseline").
 */
const KIOSK = resolve(process.env.KIOSK_BENCH_KIOSK ?? 'dist/bin/kiosk.js');
/** Another build's dist/bin/kiosk.js started in the same rounds (before/after from one run). */
const BASELINE = process.env.KIOSK_BENCH_BASELINE && resolve(process.env.KIOSK_BENCH_BASELINE);
const BARE = resolve('dist/bench/lean/bare-home.js');
/** `kiosk run` is started with the systemd unit's environment (malloc arenas, heap limit). */
const UNIT_ENV = unitEnvironment();
const WIDTH = 1280;
const HEIGHT = 800;
const IDLE_S = Number(process.env.KIOSK_BENCH_IDLE_S ?? 60);
const ROUNDS = Number(process.env.KIOSK_BENCH_ROUNDS ?? 5);
const PORTAL = join(process.cwd(), '..', 'shared', 'data', 'tthc', 'portal_procedures.jsonl');
const SUITE = 'lean';
const PARTS = new Set((process.env.KIOSK_BENCH_LEAN ?? 'start,idle,cli,input,apply').split(','));
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Start {
  firstFrameMs: number;
  /**
   * CPU time (utime+stime, tree) spawn → first frame: what the start costs whatever else the
   * machine runs (the wall time also holds the waits for a core; 10 ms ticks).
   */
  firstFrameCpuMs: number;
  /** Spawn → catalog loaded (and fleet connected, with a broker). */
  readyMs: number;
  peakRss: number;
  peakPss: number;
}

const writeConfig = (dir: string, brokerUrl: string | undefined): string =>
  writeKioskConfig(dir, { width: WIDTH, height: HEIGHT, ...(brokerUrl ? { brokerUrl } : {}) });

/**
 * True once a frame is in the file: its first row (the title bar, never black) is no longer zero.
 * The first frame goes out in one write of all rows (drivers/display/raw-framebuffer.ts).
 */
function frameWritten(file: string, row: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    return readSync(fd, row, 0, row.length, 0) === row.length && row.some((b) => b !== 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Spawns a process and watches `panel` until a frame is in it, sampling the tree's memory; resolves
 * when `ready` says so from the process's stdout lines (or at exit).
 */
async function watchStart(
  args: string[],
  panel: string,
  ready: (line: string) => boolean,
  env: Record<string, string> = {},
): Promise<{ start: Start; proc: ChildProcess }> {
  const row = Buffer.alloc(WIDTH * 2);
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const errors: string[] = [];
  proc.stderr?.on('data', (d: Buffer) => errors.push(d.toString()));
  let readyAt: number | undefined;
  let exited = false;
  proc.once('exit', () => {
    exited = true;
    readyAt ??= performance.now();
  });
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    if (readyAt === undefined && ready(line)) readyAt = performance.now();
  });
  let firstFrame: number | undefined;
  let firstFrameCpu = 0;
  let cpuSoFar = 0;
  let peakRss = 0;
  let peakPss = 0;
  let lastSample = 0;
  const deadline = t0 + 60_000;
  while (readyAt === undefined || firstFrame === undefined) {
    const now = performance.now();
    if (now > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`no frame / not ready within 60 s: ${errors.join('')}`);
    }
    // the CPU read just before looking: the frame seen was drawn by then or later
    if (firstFrame === undefined && !exited && proc.pid) cpuSoFar = treeCpuSeconds(proc.pid) * 1000;
    if (firstFrame === undefined && frameWritten(panel, row)) {
      firstFrame = performance.now() - t0;
      firstFrameCpu = cpuSoFar;
    }
    if (!exited && now - lastSample > 20 && proc.pid) {
      lastSample = now;
      const m = treeMemory(proc.pid);
      peakRss = Math.max(peakRss, m.rss);
      peakPss = Math.max(peakPss, m.pss);
    }
    if (exited && firstFrame === undefined) throw new Error(`exited before a frame: ${errors.join('')}`);
    await sleep(1);
  }
  return {
    start: {
      firstFrameMs: firstFrame,
      firstFrameCpuMs: firstFrameCpu,
      readyMs: (readyAt ?? 0) - t0,
      peakRss,
      peakPss,
    },
    proc,
  };
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

const kioskReady = (fleet: boolean) => {
  let catalog = false;
  let link = !fleet;
  return (line: string): boolean => {
    if (line.includes('"catalog loaded"') || line.includes('"service":"catalog","msg":"service started"'))
      catalog = true;
    if (line.includes('"ns":"fleet"') && line.includes('connected to')) link = true;
    return catalog && link;
  };
};

async function startRounds(brokerUrl: string | undefined): Promise<BenchResult[]> {
  const kiosk: Start[] = [];
  const baseline: Start[] = [];
  const bare: Start[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dir = tmp('bench-lean-');
    try {
      for (const [bin, into] of [[KIOSK, kiosk], ...(BASELINE ? [[BASELINE, baseline]] : [])] as [
        string,
        Start[],
      ][]) {
        const run = join(dir, into === kiosk ? 'kiosk' : 'baseline');
        mkdirSync(run);
        const config = writeConfig(run, brokerUrl);
        const start = () =>
          watchStart(
            [bin, 'run', '--config', config],
            join(run, 'panel.raw'),
            kioskReady(Boolean(brokerUrl)),
            UNIT_ENV,
          );
        // a kiosk boots with the data folder of its previous start (a checked config, a saved
        // search index): the first start after provisioning is not measured, the next one is
        await stop((await start()).proc);
        rmSync(join(run, 'panel.raw'));
        const k = await start();
        await stop(k.proc);
        into.push(k.start);
      }
      const panel = join(dir, 'bare.raw');
      const b = await watchStart([BARE, panel, String(WIDTH), String(HEIGHT)], panel, () => false);
      await stop(b.proc);
      bare.push(b.start);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const med = (xs: Start[], k: keyof Start) =>
    percentile(
      xs.map((x) => x[k]),
      50,
    );
  const ratio = (k: keyof Start) => med(kiosk, k) / med(bare, k);
  const n = `median of ${ROUNDS} cold starts each, alternating`;
  /** The kiosk's rows: its start is the second of its data folder. */
  const nk = `${n}; the second start of a data folder`;
  const fleet = brokerUrl ? 'fleet link on' : 'no broker';
  const base = (k: keyof Start) => med(baseline, k) / med(bare, k);
  const baselineRows: BenchResult[] = BASELINE
    ? [
        {
          suite: SUITE,
          name: 'baseline kiosk run: first frame ratio / bare script',
          value: base('firstFrameMs'),
          unit: '×',
          better: 'lower',
          note: `${BASELINE}, ${med(baseline, 'firstFrameMs').toFixed(0)} ms`,
        },
        {
          suite: SUITE,
          name: 'baseline kiosk run: first frame CPU ratio / bare script',
          value: base('firstFrameCpuMs'),
          unit: '×',
          better: 'lower',
          note: `${med(baseline, 'firstFrameCpuMs').toFixed(0)} ms CPU`,
        },
      ]
    : [];
  return [
    ...baselineRows,
    {
      suite: SUITE,
      name: 'kiosk run: spawn → first frame in the panel file',
      value: med(kiosk, 'firstFrameMs'),
      unit: 'ms',
      better: 'lower',
      note: `${WIDTH}x${HEIGHT} rgb565le, ${nk}, ${fleet}`,
    },
    {
      suite: SUITE,
      name: 'bare canvas script: spawn → first frame',
      value: med(bare, 'firstFrameMs'),
      unit: 'ms',
      better: 'lower',
      note: n,
    },
    {
      suite: SUITE,
      name: 'first frame ratio kiosk / bare script',
      value: ratio('firstFrameMs'),
      unit: '×',
      better: 'lower',
      note: 'target ≤ 1.5',
    },
    {
      suite: SUITE,
      name: 'kiosk run: CPU time spawn → first frame',
      value: med(kiosk, 'firstFrameCpuMs'),
      unit: 'ms',
      better: 'lower',
      note: `utime+stime of the tree, 10 ms ticks; ${nk}`,
    },
    {
      suite: SUITE,
      name: 'bare canvas script: CPU time spawn → first frame',
      value: med(bare, 'firstFrameCpuMs'),
      unit: 'ms',
      better: 'lower',
    },
    {
      suite: SUITE,
      name: 'first frame CPU ratio kiosk / bare script',
      value: ratio('firstFrameCpuMs'),
      unit: '×',
      better: 'lower',
      note: 'the ratio that holds on a busy machine',
    },
    {
      suite: SUITE,
      name: 'kiosk run: spawn → catalog indexed (and fleet connected)',
      value: med(kiosk, 'readyMs'),
      unit: 'ms',
      better: 'lower',
      note: nk,
    },
    {
      suite: SUITE,
      name: 'kiosk run: peak RSS during start (tree)',
      value: med(kiosk, 'peakRss'),
      unit: 'MiB',
      better: 'lower',
      note: 'sampled every 20 ms until ready',
    },
    {
      suite: SUITE,
      name: 'kiosk run: peak PSS during start (tree)',
      value: med(kiosk, 'peakPss'),
      unit: 'MiB',
      better: 'lower',
    },
    {
      suite: SUITE,
      name: 'bare canvas script: peak RSS',
      value: med(bare, 'peakRss'),
      unit: 'MiB',
      better: 'lower',
    },
    {
      suite: SUITE,
      name: 'peak RSS ratio kiosk / bare script',
      value: ratio('peakRss'),
      unit: '×',
      better: 'lower',
    },
  ];
}

/** A `kiosk run` (fleet on) and a `kiosk sim --headless` of one build, left alone side by side. */
interface IdleRun {
  label: string;
  kiosk: ChildProcess;
  sim: ChildProcess;
  cpu0: number;
}

/** Starts one build's kiosk (the second start of its data folder, as every boot after provisioning) and simulator. */
async function startIdle(
  label: string,
  bin: string,
  dir: string,
  brokerUrl: string | undefined,
): Promise<IdleRun> {
  const run = join(dir, label);
  mkdirSync(run);
  const config = writeConfig(run, brokerUrl);
  const start = () =>
    watchStart(
      [bin, 'run', '--config', config],
      join(run, 'panel.raw'),
      kioskReady(Boolean(brokerUrl)),
      UNIT_ENV,
    );
  await stop((await start()).proc);
  const k = await start();
  const sim = spawn(
    process.execPath,
    [bin, 'sim', '--headless', '--port', '0', '--data-dir', join(run, 'sim')],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise<void>((ok, fail) => {
    sim.once('exit', (c) => fail(new Error(`sim exited ${c}`)));
    createInterface({ input: sim.stdout! }).on('line', (l) => {
      if (l.includes('"ns":"simulator"') && l.includes('"url"')) ok();
    });
  });
  return { label, kiosk: k.proc, sim, cpu0: 0 };
}

/**
 * `kiosk run` (fleet on) and `kiosk sim --headless` left alone for IDLE_S; memory and CPU after.
 * With KIOSK_BENCH_BASELINE the baseline build's pair idles in the same window (same load), and
 * the rows give this build's ratio to it.
 */
async function idle(brokerUrl: string | undefined): Promise<BenchResult[]> {
  const dir = tmp('bench-lean-idle-');
  const runs: IdleRun[] = [];
  try {
    runs.push(await startIdle('kiosk', KIOSK, dir, brokerUrl));
    if (BASELINE) runs.push(await startIdle('baseline', BASELINE, dir, brokerUrl));
    await sleep(2000);
    const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    for (const r of runs) r.cpu0 = treeCpuSeconds(r.kiosk.pid as number);
    const t0 = performance.now();
    await sleep(IDLE_S * 1000);
    const window = (performance.now() - t0) / 1000;
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const measured = runs.map((r) => ({
      label: r.label,
      cpu: treeCpuSeconds(r.kiosk.pid as number) - r.cpu0,
      m: treeMemory(r.kiosk.pid as number),
      s: treeMemory(r.sim.pid as number),
    }));
    const note = `after ${IDLE_S} s idle, commune catalog indexed${brokerUrl ? ', fleet link on' : ''}; load ${load0} → ${load1}`;
    const out: BenchResult[] = [];
    for (const { label, cpu, m, s } of measured) {
      const who = label === 'kiosk' ? 'kiosk run' : 'baseline kiosk run';
      const sim = label === 'kiosk' ? 'kiosk sim --headless' : 'baseline kiosk sim --headless';
      out.push(
        {
          suite: SUITE,
          name: `${who}: idle RSS (tree)`,
          value: m.rss,
          unit: 'MiB',
          better: 'lower',
          note: `${note}; target ≤ 110`,
        },
        { suite: SUITE, name: `${who}: idle PSS (tree)`, value: m.pss, unit: 'MiB', better: 'lower', note },
        {
          suite: SUITE,
          name: `${who}: idle CPU (utime+stime)`,
          value: (100 * cpu) / window,
          unit: '%',
          better: 'lower',
          note: `${cpu.toFixed(2)} s CPU over ${window.toFixed(0)} s (header clock ticking); target < 1`,
        },
        {
          suite: SUITE,
          name: `${sim}: idle RSS (tree)`,
          value: s.rss,
          unit: 'MiB',
          better: 'lower',
          note: `after ${IDLE_S} s idle; target ≤ 150`,
        },
      );
    }
    const [now, base] = measured;
    if (now && base)
      out.push(
        {
          suite: SUITE,
          name: 'kiosk run: idle RSS ratio / baseline',
          value: now.m.rss / base.m.rss,
          unit: '×',
          better: 'lower',
          note: `same window; ${BASELINE}`,
        },
        {
          suite: SUITE,
          name: 'kiosk run: idle PSS ratio / baseline',
          value: now.m.pss / base.m.pss,
          unit: '×',
          better: 'lower',
        },
        {
          suite: SUITE,
          name: 'kiosk sim --headless: idle RSS ratio / baseline',
          value: now.s.rss / base.s.rss,
          unit: '×',
          better: 'lower',
        },
      );
    return out;
  } finally {
    for (const r of runs) {
      await stop(r.kiosk);
      await stop(r.sim);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const REGISTRY_PASSWORD = 'mật khẩu bench lean 2026';

/**
 * `kiosk fleet serve` on a free port with one user (`bench`); resolves with its API address and a
 * session token of that user (what a script passes as KIOSK_FLEET_REGISTRY_TOKEN: a password
 * login per command would add the registry's password hashing to the CLI's start).
 */
async function registry(
  brokerUrl: string,
  dir: string,
): Promise<{ proc: ChildProcess; api: string; token: string }> {
  const db = join(dir, 'registry.sqlite');
  await new Promise<void>((ok, fail) =>
    spawn(process.execPath, [KIOSK, 'fleet', 'user', 'add', 'bench', '--db', db], {
      stdio: 'ignore',
      env: { ...process.env, KIOSK_FLEET_USER_PASSWORD: REGISTRY_PASSWORD },
    }).once('exit', (code) => (code === 0 ? ok() : fail(new Error(`fleet user add exited ${code}`)))),
  );
  const proc = spawn(
    process.execPath,
    [KIOSK, 'fleet', 'serve', '--broker', brokerUrl, '--db', db, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const api = await new Promise<string>((ok, fail) => {
    proc.once('exit', (code) => fail(new Error(`fleet serve exited ${code}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const e = JSON.parse(line) as { event?: string; url?: string };
      if (e.event === 'listening') ok(String(e.url));
    });
  });
  const login = await fetch(`${api}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ user: 'bench', password: REGISTRY_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  return { proc, api, token };
}

/**
 * Commands that do not draw: spawn → exit, against `node -e 0` and a bare Node that imports
 * commander (what any CLI of this shape starts with) in the same rounds, interleaved.
 */
async function cliStart(brokerUrl: string | undefined): Promise<BenchResult[]> {
  const dir = tmp('bench-lean-cli-');
  const reg = brokerUrl ? await registry(brokerUrl, dir) : undefined;
  try {
    const config = writeConfig(dir, undefined);
    const run = (args: string[]): Promise<number> =>
      new Promise((ok, fail) => {
        const t = performance.now();
        const p = spawn(process.execPath, args, {
          stdio: 'ignore',
          env: {
            ...process.env,
            KIOSK_LOG_LEVEL: 'error',
            ...(reg ? { KIOSK_FLEET_REGISTRY_TOKEN: reg.token } : {}),
          },
        });
        p.once('error', fail);
        p.once('exit', (code) =>
          code === 0 ? ok(performance.now() - t) : fail(new Error(`${args.join(' ')} exited ${code}`)),
        );
      });
    const NODE = 'node -e 0 (Node start alone)';
    const COMMANDER = 'node -e "import(\'commander\')" (Node + the CLI library)';
    const commands: [string, string[]][] = [
      [NODE, ['-e', '0']],
      [COMMANDER, ['-e', "import('commander')"]],
      ['kiosk doctor --json', [KIOSK, 'doctor', '--json', '--config', config]],
      ['kiosk config check', [KIOSK, 'config', 'check', config]],
      ...(brokerUrl && reg
        ? ([
            [
              'kiosk fleet devices',
              [KIOSK, 'fleet', 'devices', '--broker', brokerUrl, '--wait', '1', '--json'],
            ],
            ['kiosk fleet devices --registry', [KIOSK, 'fleet', 'devices', '--registry', reg.api, '--json']],
          ] as [string, string[]][])
        : []),
    ];
    const times = new Map<string, number[]>(commands.map(([n]) => [n, []]));
    const RUNS = 11;
    for (let i = 0; i < RUNS + 1; i++)
      for (const [name, args] of commands) {
        const ms = await run(args);
        if (i > 0) times.get(name)?.push(ms);
      }
    const median = (name: string) => percentile(times.get(name) ?? [], 50);
    const node = median(NODE);
    const commander = median(COMMANDER);
    return commands.map(([name]) => {
      const ms = median(name);
      return {
        suite: SUITE,
        name: `CLI start → exit: ${name}`,
        value: ms,
        unit: 'ms',
        better: 'lower' as const,
        note:
          name === NODE
            ? `median of ${RUNS}, interleaved with the commands`
            : `median of ${RUNS}; ${(ms / node).toFixed(2)}× node -e 0, ${(ms / commander).toFixed(2)}× node + commander${name.startsWith('kiosk') ? '; target ≤ 200 ms' : ''}`,
      };
    });
  } finally {
    if (reg) await stop(reg.proc);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every screen at both panel sizes: a focus move (DOWN) → its rows written to the file display,
 * in a process of its own (bench/lean/input-latency.ts) with `kiosk run`'s V8 flag and the
 * systemd unit's environment, so its heap is the kiosk's and not the bench's.
 */
async function inputLatency(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const root = resolve(dirname(KIOSK), '..');
  for (const [width, height] of [
    [800, 480],
    [1280, 800],
  ] as const) {
    const target = width === 800 ? 16.7 : 25;
    const screens = await measureInput(root, width, height, 60);
    const worst = { screen: '', ms: 0 };
    for (const s of screens) {
      const p99 = percentile(s.times, 99);
      if (p99 > worst.ms) Object.assign(worst, { screen: s.name, ms: p99 });
      const gcMax = Math.max(0, ...s.gc.flat());
      out.push({
        suite: SUITE,
        name: `input → frame p99 ${s.name} ${width}x${height}`,
        value: p99,
        unit: 'ms',
        better: 'lower',
        note: `focus move, ${s.times.length} presses, p50 ${percentile(s.times, 50).toFixed(1)} ms, CPU p99 ${percentile(s.cpu, 99).toFixed(1)} ms, longest GC pause in a press ${gcMax.toFixed(1)} ms; target ≤ ${target}`,
      });
    }
    out.push({
      suite: SUITE,
      name: `input → frame p99 worst screen ${width}x${height}`,
      value: worst.ms,
      unit: 'ms',
      better: 'lower',
      note: `${worst.screen}; target ≤ ${target}`,
    });
  }
  return out;
}

/**
 * Verify + apply of catalog rollouts as the kiosk does it: the updater stages, hashes, unzips,
 * validates and installs, then the catalog in use is swapped (search index included). The longest
 * event-loop stall during the apply is what an input waits at worst.
 */
async function catalogApply(): Promise<BenchResult[]> {
  const keys = generateFleetKeys();
  const key = parsePrivateKey(keys.privatePem);
  const silent = pino({ level: 'silent' });
  const bases: [string, CatalogFile][] = [
    [
      'commune catalog',
      JSON.parse(gunzipSync(readFileSync(DEFAULT_CATALOG_PATH)).toString('utf8')) as CatalogFile,
    ],
  ];
  if (existsSync(PORTAL))
    bases.push([
      'portal catalog',
      (await importPortalFile(PORTAL, { level: 'all', now: new Date('2026-11-25T00:00:00Z') })).catalog,
    ]);
  const out: BenchResult[] = [];
  for (const [label, catalog] of bases) {
    const dir = tmp('bench-lean-apply-');
    try {
      // as compose.ts makes it: indexes in slices, saves the index in the data folder
      const holder = new CatalogHolder(
        [{ path: DEFAULT_CATALOG_PATH, source: 'shipped' }],
        silent,
        undefined,
        {
          sliced: true,
          indexPath: (path, source) => catalogIndexPath(dir, path, source),
        },
      );
      await holder.start({ signal: new AbortController().signal, fail: () => undefined });
      const store = new CatalogStore(join(dir, 'catalog.json'));
      const updater = new CatalogUpdater({
        store,
        topics: fleetTopics('kiosk/v1'),
        channel: 'stable',
        deviceId: 'bench-lean',
        groups: [],
        keys: parsePublicKeys(keys.publicPem),
        log: silent,
        subscribe: async () => undefined,
        unsubscribe: async () => undefined,
        report: () => undefined,
        running: () => holder.current,
        activate: (path, _version, _previous, installed) =>
          installed ? holder.install(path, installed) : holder.reload(path),
      });
      await updater.init();
      const base = Buffer.from(JSON.stringify(catalog));
      const next = structuredClone(catalog);
      next.version = catalog.version.replace(/-(\d+)$/, (_, n: string) => `-${Number(n) + 1}`);
      const step = Math.max(1, Math.floor(next.procedures.length / 10));
      for (let i = 0; i < 10; i++) {
        const p = next.procedures[(i * step) % next.procedures.length] as { name: string };
        p.name += ' (sửa đổi)';
      }
      const rollouts = [
        buildRollout({ catalog: base, channel: 'stable', key }),
        buildRollout({ catalog: Buffer.from(JSON.stringify(next)), base, channel: 'stable', key }),
      ];
      const results: { ms: number; cpu: number; stall: number }[] = [];
      for (const r of rollouts) {
        await updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
        const h = monitorEventLoopDelay({ resolution: 1 });
        h.enable();
        const t = performance.now();
        const cpu0 = process.cpuUsage();
        for (let i = 0; i < r.chunks.length; i++)
          await updater.onChunk(i, r.manifest.version, r.chunks[i] as Buffer);
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpu0);
        h.disable();
        if (updater.version !== r.manifest.version || holder.current?.catalog.version !== r.manifest.version)
          throw new Error(
            `rollout ${r.manifest.version} was not applied: ${JSON.stringify(updater.lastResult)}`,
          );
        results.push({ ms, cpu: (used.user + used.system) / 1000, stall: h.max / 1e6 });
        // the index is saved in the background: not into the next rollout's figures
        await holder.indexSaved();
      }
      type Run = { ms: number; cpu: number; stall: number };
      const [f, d] = results as [Run, Run];
      const n = catalog.procedures.length;
      out.push(
        {
          suite: SUITE,
          name: `${label}: full verify + apply + index swap`,
          value: f.ms,
          unit: 'ms',
          better: 'lower',
          note: `${n} procedures${label === 'portal catalog' ? '; target ≤ 500' : ''}`,
        },
        {
          suite: SUITE,
          name: `${label}: full apply, longest event-loop stall`,
          value: f.stall,
          unit: 'ms',
          better: 'lower',
          note: 'target ≤ one frame (16.7 ms)',
        },
        {
          suite: SUITE,
          name: `${label}: 10-procedure delta verify + apply + index update`,
          value: d.ms,
          unit: 'ms',
          better: 'lower',
          note: 'target ≤ 50',
        },
        {
          suite: SUITE,
          name: `${label}: 10-procedure delta verify + apply + index update, CPU`,
          value: d.cpu,
          unit: 'ms',
          better: 'lower',
          note: 'utime+stime of the process during the apply (what a quiet machine waits); target ≤ 50',
        },
        {
          suite: SUITE,
          name: `${label}: delta apply, longest event-loop stall`,
          value: d.stall,
          unit: 'ms',
          better: 'lower',
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

const suite: BenchSuite = {
  name: SUITE,
  unavailable: () =>
    [KIOSK, BARE, INPUT_SCRIPT].every((f) => existsSync(f)) ? undefined : 'not built (npm run build)',
  async run(): Promise<BenchResult[]> {
    const b = MOSQUITTO ? await broker() : undefined;
    try {
      const parts: [string, () => Promise<BenchResult[]>][] = [
        ['start', () => startRounds(b?.url)],
        ['idle', () => idle(b?.url)],
        ['cli', () => cliStart(b?.url)],
        ['input', inputLatency],
        ['apply', catalogApply],
      ];
      const out: BenchResult[] = [];
      for (const [name, run] of parts) if (PARTS.has(name)) out.push(...(await run()));
      return out;
    } finally {
      await b?.stop();
    }
  },
};
export default suite;
