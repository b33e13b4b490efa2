import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulatedIdentity, simulatedProblem } from '../../app/fleet-sim/fleet-simulator.js';
import { fleetKeys } from '../helpers/fleet.js';
import { runFleetInProcess } from '../helpers/fleet-cli.js';
import { startSimulator, type SimulatorProcess } from '../helpers/fleet-simulator.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { runKiosk, tempDir, type CliResult } from '../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';

const kiosk = (...args: string[]): Promise<CliResult> => runKiosk(args, { timeoutMs: 60_000 });
const COUNT = 300;
const PROBLEMS = 0.2;
const ids = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => simulatedIdentity(i, prefix, 3).deviceId);

/**
 * Hundreds of kiosks refreshing their status every 5 s (the live stream never goes quiet) on a
 * broker whose per-client QoS 1 queue holds 50 messages: the listing must still be complete,
 * end on its own, and the rollout report must count every kiosk.
 */
describe('Fleet e2e: kiosk fleet devices and catalog publish on a busy fleet of simulated kiosks', () => {
  let broker: Mosquitto;
  let busy: SimulatorProcess | undefined;
  const keys = fleetKeys();
  const dir = tempDir('fleet-devices-');
  const base = join(dir, 'base.json');
  const next = join(dir, 'next.json');

  beforeAll(async () => {
    broker = await startMosquitto({ extra: 'max_queued_messages 50\nmax_inflight_messages 20' });
    writeFileSync(base, catalogBytes(makeCatalog('2026.11.25-1', 30)));
    writeFileSync(next, catalogBytes(makeCatalog('2026.11.26-1', 30, ' (sửa)')));
    // five kiosks that come and go: their retained status says offline
    const gone = await startSimulator(['--count', '5', '--broker', broker.url, '--id-prefix', 'gone']);
    expect(await gone.stop()).toBe(0);
    busy = await startSimulator(
      [
        '--count',
        String(COUNT),
        '--broker',
        broker.url,
        '--id-prefix',
        'busy',
        '--problems',
        String(PROBLEMS),
        '--telemetry-interval',
        '5',
        '--fleet-key',
        keys.publicFile,
        '--catalog',
        base,
      ],
      90_000,
    );
  }, 120_000);
  afterAll(async () => {
    await busy?.stop();
    await broker?.dispose();
  });

  it('lists every kiosk from the retained statuses although live ones keep coming', async () => {
    const r = await kiosk('fleet', 'devices', '--broker', broker.url, '--json');
    expect(r.code, r.stderr).toBe(0);
    const devices = JSON.parse(r.stdout) as { device: string; state: string }[];
    expect(devices.map((d) => d.device)).toEqual([...ids(5, 'gone'), ...ids(COUNT, 'busy')].sort());
    expect(devices.filter((d) => d.state === 'online')).toHaveLength(COUNT);
    expect(r.stderr).toMatch(
      new RegExp(`${COUNT + 5} shown of ${COUNT + 5} kiosks seen \\(${COUNT} online; \\d+ retained`),
    );
  });

  it('filters by --offline, --group and --problem exactly', async () => {
    // the devices command in this process: one Node start per filter cost ~8 s each here
    const list = async (...args: string[]) => {
      const r = await runFleetInProcess(['devices', '--broker', broker.url, '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { device: string }[]).map((d) => d.device);
    };
    expect(await list('--offline')).toEqual(ids(5, 'gone'));
    const inGroup = Array.from({ length: COUNT }, (_, i) => simulatedIdentity(i, 'busy', 3))
      .filter((k) => k.groups.includes('ha-noi.xa-001'))
      .map((k) => k.deviceId);
    expect(inGroup.length).toBeGreaterThan(0);
    expect(await list('--group', 'ha-noi.xa-001')).toEqual(inGroup);
    for (const problem of ['paper', 'printer', 'clock'] as const)
      expect(await list('--problem', problem), problem).toEqual(
        ids(COUNT, 'busy')
          .filter((d) => simulatedProblem(d, PROBLEMS) === problem)
          .sort(),
      );
    expect(await list('--problem', 'disk')).toEqual([]);
    const bad = await runFleetInProcess(['devices', '--broker', broker.url, '--problem', 'toner']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--problem: one of paper, printer, disk, clock/);
  });

  it('catalog publish --wait reports every online kiosk on the channel, exactly', async () => {
    const r = await kiosk(
      'fleet',
      'catalog',
      'publish',
      '--catalog',
      next,
      '--base',
      base,
      '--key',
      keys.privateFile,
      '--channel',
      'stable',
      '--broker',
      broker.url,
      '--wait',
      '50',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      devices: { expected: string[]; applied: string[]; refused: Record<string, string>; pending: string[] };
    };
    expect(report.devices.expected.sort()).toEqual(ids(COUNT, 'busy').sort());
    expect(report.devices.applied).toHaveLength(COUNT);
    expect(report.devices.pending).toEqual([]);
    expect(report.devices.refused).toEqual({});
  });
});
