import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { connectFleet, publishAsync, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../domain/fleet/signing.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { verifyBundle, writeBundle } from '../../domain/release/release-bundle.js';
import { installBundle } from '../../domain/release/release-installer.js';
import { ReleaseLayout } from '../../domain/release/release-layout.js';
import { hostArch, type ReleaseArch } from '../../domain/release/release-manifest.js';
import { buildOffer, readChunk } from '../../domain/release/release-offer.js';
import { ReleaseUpdater } from '../../domain/release/release-updater.js';
import { CONFIG_VERSION } from '../../runtime/config/migrate.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { broker, MOSQUITTO } from '../bench-broker.js';
import { rig as uiRig } from './ui.js';
import { installInChildProcess } from '../../app/release-install-process.js';

/**
 * Issue #18, app updates, measured on the real app: the bundle `kiosk release build` makes of this
 * checkout (and of the cross-built trees named in KIOSK_BENCH_RELEASE_TREES, e.g.
 * `arm64=/tmp/tree-arm64,armhf=/tmp/tree-armhf`, laid out by deploy/release-tree.sh), its verify
 * and unpack against reading + hashing the same bytes (the floor), the download over a private
 * Mosquitto in 1 MiB chunks to "waiting for idle", the citizen UI's input → frame while that runs
 * against idle in the same process, and switch → committed: the unpacked release started as the
 * systemd unit would start `current`, until its health check commits it.
 */
const KIOSK = resolve('dist/bin/kiosk.js');
const SUITE = 'release';
const ARCH = hostArch() as ReleaseArch;
const ABI = Number(process.versions.modules);
const run = promisify(execFile);
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const MiB = 1048576;

function trees(): [ReleaseArch, string][] {
  return (process.env.KIOSK_BENCH_RELEASE_TREES ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [ReleaseArch, string]);
}

async function sha256Of(file: string): Promise<number> {
  const t0 = performance.now();
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  hash.digest('hex');
  return performance.now() - t0;
}

/** `kiosk release build` of `app` for `arch`: the bundle file, its summary and the wall time. */
async function build(
  dir: string,
  privateFile: string,
  arch: ReleaseArch,
  app?: string,
): Promise<{ file: string; ms: number; files: number; unpacked: number; bytes: number }> {
  const file = join(dir, `app-${arch}.skr`);
  const t0 = performance.now();
  const { stdout } = await run(
    process.execPath,
    [
      KIOSK,
      'release',
      'build',
      '--key',
      privateFile,
      '--out',
      file,
      '--arch',
      arch,
      '--json',
      ...(app ? ['--app', app] : []),
    ],
    { maxBuffer: 64 * MiB },
  );
  const ms = performance.now() - t0;
  const s = JSON.parse(stdout) as { files: number; unpackedBytes: number; bytes: number };
  return { file, ms, files: s.files, unpacked: s.unpackedBytes, bytes: s.bytes };
}

/** A one-file release 0.0.1 to switch from (what the kiosk runs before the update). */
async function baseRelease(dir: string, key: ReturnType<typeof parsePrivateKey>): Promise<string> {
  const app = join(dir, 'base-app');
  mkdirSync(join(app, 'dist', 'bin'), { recursive: true });
  writeFileSync(join(app, 'dist', 'bin', 'kiosk.js'), '#!/usr/bin/env node\n');
  const out = join(dir, 'base.skr');
  await writeBundle({
    out,
    key,
    inputs: [
      {
        source: join(app, 'dist', 'bin', 'kiosk.js'),
        file: { path: 'dist/bin/kiosk.js', size: 20, mode: 0o755 },
      },
    ],
    links: [],
    manifest: {
      format: 'smart-kiosk-release',
      version: '0.0.1',
      arch: ARCH,
      node: { abi: { min: ABI, max: ABI }, builtWith: process.versions.node },
      minConfigVersion: 1,
      migrations: {},
      createdAt: new Date().toISOString(),
    },
  });
  return out;
}

function kioskConfig(dir: string, brokerUrl: string, publicFile: string): string {
  const file = join(dir, 'kiosk.json');
  writeFileSync(
    file,
    JSON.stringify({
      logLevel: 'info',
      device: { id: 'bench-release' },
      display: {
        driver: 'file',
        file: join(dir, 'panel.raw'),
        width: 800,
        height: 480,
        pixelFormat: 'rgb565le',
      },
      input: { buttons: { driver: 'mock' }, touch: { driver: 'mock' } },
      printer: { driver: 'mock' },
      scanner: { driver: 'mock' },
      audio: { driver: 'mock' },
      storage: { dataDir: join(dir, 'data') },
      fleet: { enabled: true, broker: brokerUrl, reconnectMinMs: 200, fleetPublicKey: publicFile },
      updates: { trialSeconds: 120 },
    }),
  );
  return file;
}

interface Presses {
  /** Per-press input → frame settled, ms. */
  times: number[];
  /** Share of the time the kiosk's event loop was busy (perf_hooks eventLoopUtilization). */
  elu: number;
  /** Longest event-loop delay seen, ms (monitorEventLoopDelay, 10 ms resolution). */
  maxDelay: number;
  /** 1-minute load average at the end (other processes on this machine). */
  load: number;
}

/** Focus moves on the UI rig while `busy` runs (or for `idleMs` when it is undefined). */
async function pressesDuring(busy: Promise<unknown> | undefined, idleMs: number): Promise<Presses> {
  const r = await uiRig(800, 480, 'rgb565le');
  const times: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    r.showList();
    r.ui.refresh();
    await r.ui.flush();
    let done = busy === undefined;
    void busy?.finally(() => (done = true));
    const until = performance.now() + idleMs;
    const elu0 = performance.eventLoopUtilization();
    delay.enable();
    while (busy ? !done : performance.now() < until) {
      const t0 = performance.now();
      r.bus.emit('input.button', { id: 'down', action: 'press', at: 0 });
      await r.ui.settle();
      times.push(performance.now() - t0);
      await new Promise((ok) => setTimeout(ok, 20)); // a person presses a few times a second at most
    }
    await busy;
    delay.disable();
    const elu = performance.eventLoopUtilization(elu0).utilization;
    return { times, elu, maxDelay: delay.max / 1e6, load: loadavg()[0] ?? 0 };
  } finally {
    await r.close();
  }
}

const suite: BenchSuite = {
  name: SUITE,
  unavailable: () => (MOSQUITTO ? undefined : 'mosquitto is not installed'),
  async run(): Promise<BenchResult[]> {
    const out: BenchResult[] = [];
    const dir = tmp('kiosk-bench-release-');
    const keys = generateFleetKeys();
    const privateFile = join(dir, 'fleet-private.pem');
    const publicFile = join(dir, 'fleet-public.pem');
    writeFileSync(privateFile, keys.privatePem, { mode: 0o600 });
    writeFileSync(publicFile, keys.publicPem);
    const key = parsePrivateKey(keys.privatePem);
    const trusted = parsePublicKeys(keys.publicPem);
    const mqtt = await broker();
    try {
      // 1. bundles: this checkout for this machine's arch, and any cross-built trees
      const host = await build(dir, privateFile, ARCH);
      const bundles: [ReleaseArch, Awaited<ReturnType<typeof build>>][] = [[ARCH, host]];
      for (const [arch, app] of trees()) bundles.push([arch, await build(dir, privateFile, arch, app)]);
      for (const [arch, b] of bundles)
        out.push(
          {
            suite: SUITE,
            name: `bundle size (${arch})`,
            value: b.bytes / MiB,
            unit: 'MiB',
            better: 'lower',
            note: `${b.files} files, ${(b.unpacked / MiB).toFixed(1)} MiB unpacked (${((100 * b.bytes) / b.unpacked).toFixed(0)} %)`,
          },
          {
            suite: SUITE,
            name: `kiosk release build (${arch})`,
            value: b.ms / 1000,
            unit: 's',
            better: 'lower',
            note: 'CLI, hash + gzip -9 + sign',
          },
        );

      // 2. verify and unpack on the kiosk, against reading + hashing the same bytes
      const floor: number[] = [];
      const verify: number[] = [];
      const unpack: number[] = [];
      for (let i = 0; i < 3; i++) {
        floor.push(await sha256Of(host.file));
        let t0 = performance.now();
        await verifyBundle(host.file, { keys: trusted, arch: ARCH, abi: ABI, configVersion: CONFIG_VERSION });
        verify.push(performance.now() - t0);
        const layout = new ReleaseLayout(tmp('kiosk-bench-opt-'));
        await layout.clearIncoming();
        t0 = performance.now();
        await installBundle(layout, host.file, {
          keys: trusted,
          arch: ARCH,
          abi: ABI,
          configVersion: CONFIG_VERSION,
        });
        unpack.push(performance.now() - t0);
        rmSync(layout.dir, { recursive: true, force: true });
      }
      const f50 = percentile(floor, 50);
      out.push(
        {
          suite: SUITE,
          name: 'read + sha256 of the bundle (floor)',
          value: f50,
          unit: 'ms',
          better: 'lower',
          note: `${(host.bytes / MiB).toFixed(1)} MiB, median of 3`,
        },
        {
          suite: SUITE,
          name: 'verify (signature, arch, ABI, payload hash)',
          value: percentile(verify, 50),
          unit: 'ms',
          better: 'lower',
          note: `${(percentile(verify, 50) / f50).toFixed(2)}× the floor`,
        },
        {
          suite: SUITE,
          name: 'install: verify + unpack + check every file',
          value: percentile(unpack, 50),
          unit: 'ms',
          better: 'lower',
          note: `${(percentile(unpack, 50) / f50).toFixed(1)}× the floor; ${host.files} files`,
        },
      );

      // 2b. the install alone (the part #18 moved to a child process), rounds interleaved with
      // idle presses so the machine's own load weighs on each the same; samples pooled
      const rounds = Number(process.env.KIOSK_BENCH_RELEASE_ROUNDS ?? 4);
      const expect = { keys: trusted, arch: ARCH, abi: ABI, configVersion: CONFIG_VERSION };
      const pool = { idle: [] as Presses[], inProcess: [] as Presses[], child: [] as Presses[] };
      const quiet = pino({ level: 'silent' });
      for (let i = 0; i < rounds; i++) {
        const steps: (keyof typeof pool)[] =
          i % 2 === 0 ? ['idle', 'inProcess', 'child'] : ['child', 'inProcess', 'idle'];
        for (const step of steps) {
          const layout = new ReleaseLayout(tmp('kiosk-bench-opt-'));
          await layout.clearIncoming();
          const busy =
            step === 'idle'
              ? undefined
              : step === 'child'
                ? installInChildProcess({ entry: KIOSK, root: layout.dir, log: quiet }, host.file, expect)
                : installBundle(layout, host.file, expect);
          pool[step].push(await pressesDuring(busy, 3000));
          rmSync(layout.dir, { recursive: true, force: true });
        }
      }
      const times = (ps: Presses[]) => ps.flatMap((p) => p.times);
      const mean = (ps: Presses[], f: (p: Presses) => number) => ps.reduce((n, p) => n + f(p), 0) / ps.length;
      const idlePooled = percentile(times(pool.idle), 99);
      const pooledNote = (ps: Presses[]) =>
        `${times(ps).length} presses in ${rounds} rounds, p50 ${percentile(times(ps), 50).toFixed(1)} ms; event loop busy ${(100 * mean(ps, (p) => p.elu)).toFixed(1)} %, longest delay ${Math.max(...ps.map((p) => p.maxDelay)).toFixed(0)} ms, load ${mean(ps, (p) => p.load).toFixed(1)}`;
      out.push(
        {
          suite: SUITE,
          name: 'input → frame p99 during an install, child process at nice 10 (rounds pooled)',
          value: percentile(times(pool.child), 99),
          unit: 'ms',
          better: 'lower',
          note: `idle + ${(percentile(times(pool.child), 99) - idlePooled).toFixed(1)} ms (target ≤ 5); ${pooledNote(pool.child)}`,
        },
        {
          suite: SUITE,
          name: 'input → frame p99 during an install in the kiosk process (rounds pooled)',
          value: percentile(times(pool.inProcess), 99),
          unit: 'ms',
          better: 'lower',
          note: `baseline, before the child installer: idle + ${(percentile(times(pool.inProcess), 99) - idlePooled).toFixed(1)} ms; ${pooledNote(pool.inProcess)}`,
        },
        {
          suite: SUITE,
          name: 'input → frame p99 idle, interleaved with the installs (rounds pooled)',
          value: idlePooled,
          unit: 'ms',
          better: 'lower',
          note: pooledNote(pool.idle),
        },
      );

      // 3. over MQTT: chunks + signed offer, the kiosk's ReleaseUpdater downloads, verifies,
      // installs — once with the install in the UI's process (as before #18's child installer),
      // then as the kiosk does it (a child process at nice 10), each on its own channel
      const viaMqtt = async (channel: string, child: boolean) => {
        const topics = fleetTopics('kiosk/v1');
        const opt = tmp('kiosk-bench-opt-');
        const layout = new ReleaseLayout(opt);
        await layout.clearIncoming();
        await installBundle(layout, await baseRelease(dir, key), {
          keys: trusted,
          arch: ARCH,
          abi: ABI,
          configVersion: CONFIG_VERSION,
        });
        await layout.point('current', '0.0.1');
        await layout.point('previous', '0.0.1');
        const device = await connectFleet({ url: mqtt.url, clientId: `bench-release-kiosk-${channel}` });
        const fleet = await connectFleet({ url: mqtt.url, clientId: `bench-release-manager-${channel}` });
        const log = pino({ level: 'silent' });
        const run = { idle: false, exited: 0 };
        const updater = new ReleaseUpdater({
          layout,
          topics,
          channel,
          arch: ARCH,
          deviceId: `bench-release-${channel}`,
          groups: [],
          keys: trusted,
          abi: ABI,
          configVersion: CONFIG_VERSION,
          log,
          subscribe: async (filters) => subscribeAsync(device, filters),
          unsubscribe: async (filters) => void (await device.unsubscribeAsync(filters)),
          report: () => undefined,
          whyNotNow: () => (run.idle ? undefined : 'bench: not yet'),
          notice: async () => undefined,
          backupDatabase: async () => null,
          exit: () => run.exited++,
          install: child
            ? (file, expect) => installInChildProcess({ entry: KIOSK, root: opt, log }, file, expect)
            : undefined,
          idleCheckMs: 50,
        });
        device.on('message', (topic, payload) => {
          if (topic === topics.releaseOffer(channel, ARCH)) void updater.onOffer(payload);
          const c = topics.parseReleaseChunk(topic);
          if (c) void updater.onChunk(c.index, c.version, payload);
        });
        await subscribeAsync(device, [topics.releaseOffer(channel, ARCH)]);
        const offer = await buildOffer({ file: host.file, channel, key, chunkSize: MiB });
        const tPub = performance.now();
        for (let i = 0; i < offer.bundle.chunks.length; i++)
          await publishAsync(
            fleet,
            topics.releaseChunk(channel, ARCH, offer.version, i),
            await readChunk(host.file, offer, i),
            { qos: 1, retain: true },
          );
        await publishAsync(fleet, topics.releaseOffer(channel, ARCH), JSON.stringify(offer), {
          qos: 1,
          retain: true,
        });
        const published = performance.now() - tPub;
        const tOffer = performance.now();
        const downloaded = (async () => {
          while (updater.update.state !== 'waiting-for-idle') {
            if (updater.update.state === 'refused')
              throw new Error(`bench: release refused: ${updater.update.reason}`);
            await new Promise((ok) => setTimeout(ok, 10));
          }
        })();
        const during = await pressesDuring(downloaded, 0);
        const fetched = performance.now() - tOffer;
        return { opt, layout, device, fleet, updater, run, offer, published, during, fetched };
      };
      const before = await viaMqtt('bench-in-process', false);
      before.updater.stop();
      await before.device.endAsync();
      await before.fleet.endAsync();
      rmSync(before.opt, { recursive: true, force: true });
      const { opt, layout, device, fleet, updater, run, offer, published, during, fetched } = await viaMqtt(
        'stable',
        true,
      );
      const idle = await pressesDuring(undefined, Math.max(2000, Math.min(fetched, 10_000)));
      const idle99 = percentile(idle.times, 99);
      const loop = (p: Presses) =>
        `event loop busy ${(100 * p.elu).toFixed(1)} %, longest delay ${p.maxDelay.toFixed(0)} ms, load ${p.load.toFixed(1)}`;
      out.push(
        {
          suite: SUITE,
          name: 'fleet release publish: chunks + offer to the broker',
          value: published,
          unit: 'ms',
          better: 'lower',
          note: `${offer.bundle.chunks.length} chunks of 1 MiB, QoS 1 retained`,
        },
        {
          suite: SUITE,
          name: 'offer → downloaded, verified, unpacked (waiting for idle)',
          value: fetched,
          unit: 'ms',
          better: 'lower',
          note: `${(host.bytes / MiB).toFixed(1)} MiB over MQTT, installed by the child process; ${(before.fetched / 1000).toFixed(1)} s with the install in the kiosk process`,
        },
        {
          suite: SUITE,
          name: 'input → frame p99 while a release downloads + installs (child at nice 10)',
          value: percentile(during.times, 99),
          unit: 'ms',
          better: 'lower',
          note: `${during.times.length} presses, 800x480 rgb565le, p50 ${percentile(during.times, 50).toFixed(1)} ms; idle + ${(percentile(during.times, 99) - idle99).toFixed(1)} ms (target ≤ 5); ${loop(during)}`,
        },
        {
          suite: SUITE,
          name: 'input → frame p99 while a release downloads + installs in the kiosk process',
          value: percentile(before.during.times, 99),
          unit: 'ms',
          better: 'lower',
          note: `baseline: the install before the child installer; ${before.during.times.length} presses; idle + ${(percentile(before.during.times, 99) - idle99).toFixed(1)} ms; ${loop(before.during)}`,
        },
        {
          suite: SUITE,
          name: 'input → frame p99 idle (same process, after)',
          value: idle99,
          unit: 'ms',
          better: 'lower',
          note: `${idle.times.length} presses; ${loop(idle)}`,
        },
      );

      // 4. switch → committed: the updater switches at idle, then the unit starts `current`
      run.idle = true;
      const tSwitch = performance.now();
      while (run.exited === 0) await new Promise((ok) => setTimeout(ok, 10));
      const switched = performance.now() - tSwitch;
      updater.stop();
      await device.endAsync();
      await fleet.endAsync();
      const runDir = tmp('kiosk-bench-run-');
      const config = kioskConfig(runDir, mqtt.url, publicFile);
      const tStart = performance.now();
      const proc = spawn(
        process.execPath,
        [join(opt, 'current', 'dist', 'bin', 'kiosk.js'), 'run', '--config', config],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      proc.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      let committedMs = NaN;
      try {
        for (;;) {
          const s = await layout.state();
          if (s.last?.outcome === 'committed' && s.phase === 'committed') {
            committedMs = performance.now() - tStart;
            break;
          }
          if (s.phase === 'failed' || s.phase === 'rolling-back' || s.last?.outcome === 'rolled-back')
            throw new Error(`bench: the release was not committed: ${s.last?.reason ?? s.phase}`);
          if (proc.exitCode !== null)
            throw new Error(`bench: the release exited ${proc.exitCode}: ${stderr}`);
          if (performance.now() - tStart > 180_000) throw new Error('bench: no commit within 180 s');
          await new Promise((ok) => setTimeout(ok, 50));
        }
      } finally {
        proc.kill('SIGTERM');
        await new Promise((ok) => (proc.exitCode !== null ? ok(undefined) : proc.once('exit', ok)));
      }
      out.push(
        {
          suite: SUITE,
          name: 'switch at idle (backup none, links renamed, exit)',
          value: switched,
          unit: 'ms',
          better: 'lower',
          note: 'from idle to the process exit',
        },
        {
          suite: SUITE,
          name: 'new release start → health check passed, committed',
          value: committedMs,
          unit: 'ms',
          better: 'lower',
          note: 'first frame, services, broker, doctor checks; mock devices',
        },
      );
      rmSync(opt, { recursive: true, force: true });
      rmSync(runDir, { recursive: true, force: true });
    } finally {
      await mqtt.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
export default suite;
