import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectFleet } from '../../domain/fleet/fleet-client.js';
import { retainedSnapshot } from '../../domain/fleet/retained-snapshot.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { fleetKeys, waitFor } from '../helpers/fleet.js';
import { startSimulator, type SimulatorProcess } from '../helpers/fleet-simulator.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { startRegistry, type Registry } from '../helpers/registry.js';
import { runKiosk, tempDir } from '../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';

const PASSWORD = 'mật khẩu triển khai 2026';
const env = { KIOSK_FLEET_REGISTRY_PASSWORD: PASSWORD };
const GOOD = 24;
const BAD = 6;

interface Report {
  id: string;
  state: string;
  reason: string | null;
  wave: number;
  inWave: number;
  applied: number;
  failed: number;
  failures: Record<string, number>;
  pending: number;
  offline: number;
  target: number;
}

describe('Fleet e2e: staged catalog rollouts driven by the registry', () => {
  let broker: Mosquitto;
  let registry: Registry;
  const sims: SimulatorProcess[] = [];
  const dir = tempDir('fleet-rollout-');
  const db = join(dir, 'registry.sqlite');
  const keys = fleetKeys();
  const file = (name: string, version: string, n = 30, edit = '') => {
    const path = join(dir, name);
    writeFileSync(path, catalogBytes(makeCatalog(version, n, edit)));
    return path;
  };
  const base = file('base.json', '2026.12.01-1');
  const other = file('other.json', '2026.12.01-2', 30, ' (khác)');
  const registryArgs = () => ['--registry', registry.url, '--registry-user', 'quan-ly'];
  const versions = async () => {
    const r = await runKiosk(['fleet', 'devices', ...registryArgs(), '--json'], { env });
    const list = JSON.parse(r.stdout) as { device: string; catalogVersion: string | null }[];
    return new Map(list.map((d) => [d.device, d.catalogVersion]));
  };
  /** The versions whose catalog chunks the broker retains on the channel (non-empty payloads). */
  const retainedChunkVersions = async () => {
    const client = await connectFleet({ url: broker.url, clientId: `chunks-${Date.now()}` });
    const topics = fleetTopics('kiosk/v1');
    const found = new Map<string, number>();
    try {
      const snapshot = await retainedSnapshot(
        client,
        topics,
        'kiosk/v1/catalog/stable/chunks/#',
        (t, body, retained) => {
          const version = t.split('/')[5] as string;
          if (retained && body.length > 0) found.set(version, (found.get(version) ?? 0) + 1);
        },
      );
      expect(snapshot.complete).toBe(true);
    } finally {
      client.end(true);
    }
    return Object.fromEntries([...found].sort());
  };
  const status = async (id: string) => {
    const r = await runKiosk(['fleet', 'rollout', 'status', id, ...registryArgs(), '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Report;
  };

  beforeAll(async () => {
    broker = await startMosquitto();
    const add = await runKiosk(['fleet', 'user', 'add', 'quan-ly', '--db', db], {
      env: { KIOSK_FLEET_USER_PASSWORD: PASSWORD },
    });
    expect(add.code, add.stderr).toBe(0);
    registry = await startRegistry(broker.url, db, 'registry-rollout');
    const sim = (prefix: string, count: number, catalog: string) =>
      startSimulator([
        '--count',
        String(count),
        '--broker',
        broker.url,
        '--fleet-key',
        keys.publicFile,
        '--catalog',
        catalog,
        '--id-prefix',
        prefix,
        '--telemetry-interval',
        '5',
      ]);
    sims.push(await sim('good', GOOD, base), await sim('bad', BAD, other));
    await waitFor(
      async () => ((await versions()).size === GOOD + BAD ? true : undefined),
      20_000,
      'all kiosks in the registry',
    );
  }, 120_000);
  afterAll(async () => {
    for (const s of sims) await s.stop();
    registry?.proc.kill('SIGKILL');
    await broker?.dispose();
  });

  it('aborts a delta rollout when a wave fails over the threshold, with exact counts', async () => {
    const next = file('next.json', '2026.12.02-1', 30, ' mới');
    const r = await runKiosk(
      [
        'fleet',
        'rollout',
        'start',
        '--broker',
        broker.url,
        ...registryArgs(),
        '--catalog',
        next,
        '--base',
        base,
        '--key',
        keys.privateFile,
        '--channel',
        'stable',
        '--waves',
        '10%,50%,100%',
        '--abort-on-failures',
        '2%',
        '--min-wave-minutes',
        '0',
        '--json',
      ],
      { env, timeoutMs: 90_000 },
    );
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.state).toBe('aborted');
    expect(report.reason).toMatch(/delta-base-mismatch/);
    expect(report.failures['delta-base-mismatch']).toBe(report.failed);
    expect(report.failed).toBeGreaterThan(0);
    expect(report.target).toBe(GOOD + BAD);
    const v = await waitFor(
      async () => {
        const m = await versions();
        return [...m.values()].filter((x) => x === '2026.12.02-1').length === report.applied ? m : undefined;
      },
      10_000,
      `${report.applied} kiosks on the new version`,
    );
    // the bad kiosks never got it; good kiosks outside the stopped waves kept the base
    for (const [device, version] of v) if (device.startsWith('bad')) expect(version).toBe('2026.12.01-2');
    expect([...v.values()].filter((x) => x === '2026.12.01-1').length).toBeGreaterThan(0);
    expect(report.applied + report.failed + report.pending + report.offline).toBe(report.inWave);
    // nobody may download the aborted version any more: its chunks are gone from the broker
    expect(await retainedChunkVersions()).toEqual({});
  }, 120_000);

  it('rolls a full catalog out to one device only', async () => {
    const one = file('one.json', '2026.12.03-1', 30, ' một');
    const r = await runKiosk(
      [
        'fleet',
        'rollout',
        'start',
        '--broker',
        broker.url,
        ...registryArgs(),
        '--catalog',
        one,
        '--key',
        keys.privateFile,
        '--channel',
        'stable',
        '--device',
        'bad-00001',
        '--min-wave-minutes',
        '0',
        '--json',
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      state: 'completed',
      applied: 1,
      failed: 0,
      inWave: 1,
      target: 1,
    });
    const v = await versions();
    expect([...v].filter(([, x]) => x === '2026.12.03-1').map(([d]) => d)).toEqual(['bad-00001']);
  }, 90_000);

  it('survives a kill -9 of the registry: paused, restarted, resumed, completed', async () => {
    const all = file('all.json', '2026.12.04-1', 30, ' tất cả');
    const start = await runKiosk(
      [
        'fleet',
        'rollout',
        'start',
        '--broker',
        broker.url,
        ...registryArgs(),
        '--catalog',
        all,
        '--key',
        keys.privateFile,
        '--channel',
        'stable',
        '--waves',
        '20%,100%',
        '--min-wave-minutes',
        '0',
        '--no-follow',
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(start.code, start.stderr).toBe(0);
    const id = start.stdout.trim();
    const paused = await runKiosk(['fleet', 'rollout', 'pause', id, ...registryArgs()], { env });
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(/paused/);
    registry.proc.kill('SIGKILL');
    await registry.exited;
    registry = await startRegistry(broker.url, db, 'registry-rollout');
    expect((await status(id)).state).toBe('paused');
    const resumed = await runKiosk(['fleet', 'rollout', 'resume', id, ...registryArgs()], { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const done = await runKiosk(['fleet', 'rollout', 'status', id, '--follow', ...registryArgs(), '--json'], {
      env,
      timeoutMs: 60_000,
    });
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      state: 'completed',
      wave: 2,
      applied: GOOD + BAD,
      failed: 0,
    });
    const v = await versions();
    expect([...v.values()].every((x) => x === '2026.12.04-1')).toBe(true);
    // the superseded 2026.12.03-1 (retained on the channel when this one started) is cleared;
    // the completed version's chunk stays for kiosks that come back later
    expect(Object.keys(await retainedChunkVersions())).toEqual(['2026.12.04-1']);
    // a finished rollout cannot be aborted; a second rollout on a busy channel is refused
    const late = await runKiosk(['fleet', 'rollout', 'abort', id, ...registryArgs()], { env });
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/completed/);
  }, 120_000);
});
