import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCommand, signCommand, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { simulatedIdentity, simulatedProblem } from '../../app/fleet-sim/fleet-simulator.js';
import { fleetKeys, manager, waitFor } from '../helpers/fleet.js';
import { startSimulator, type SimulatorProcess } from '../helpers/fleet-simulator.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';

const topics = fleetTopics('kiosk/v1');
const COUNT = 12;

describe('Fleet e2e: kiosk fleet simulate runs N kiosks of device-side fleet code in one process', () => {
  let broker: Mosquitto;
  let sim: SimulatorProcess | undefined;
  let mgr: Awaited<ReturnType<typeof manager>> | undefined;
  const keys = fleetKeys();

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    mgr?.client.end(true);
    await sim?.stop();
    await broker?.dispose();
  });

  it('brings every kiosk online with its retained status, groups and simulated problems', async () => {
    sim = await startSimulator([
      '--count',
      String(COUNT),
      '--broker',
      broker.url,
      '--fleet-key',
      keys.publicFile,
      '--problems',
      '50%',
      '--id-prefix',
      'sim-e2e',
      '--per-commune',
      '2',
    ]);
    expect(sim.events.find((e) => e.event === 'all-online')).toMatchObject({ count: COUNT });
    mgr = await manager(broker.url);
    await subscribeAsync(mgr.client, topics.filters.allStatus());
    const statuses = await waitFor(
      () => {
        const online = new Map<string, Record<string, unknown>>();
        for (const m of mgr!.messages) {
          const doc = JSON.parse(m.payload.toString()) as Record<string, unknown>;
          if (doc.state === 'online') online.set(String(doc.device), doc);
        }
        return online.size === COUNT ? online : undefined;
      },
      10_000,
      `${COUNT} online statuses`,
    );
    for (let i = 0; i < COUNT; i++) {
      const { deviceId, groups } = simulatedIdentity(i, 'sim-e2e', 2);
      const status = statuses.get(deviceId) as {
        groups: string[];
        peripherals: { printer: { paper: string; online: boolean } };
        ts: string;
      };
      expect(status.groups).toEqual(groups);
      const hasProblem = simulatedProblem(deviceId, 0.5) !== undefined;
      const printer = status.peripherals.printer;
      const skewMs = Date.parse(status.ts) - Date.now();
      const shows = printer.paper === 'out' || !printer.online || skewMs > 5 * 60_000;
      expect(shows, `${deviceId} problem=${hasProblem}`).toBe(hasProblem);
    }
  });

  it('answers a signed command sent to all kiosks, each once; a kiosk whose clock runs ahead finds it expired', async () => {
    const cmd = signCommand({ name: 'ping', target: { all: true }, key: keys.key });
    const responses = await sendCommand(mgr!.client, topics, topics.allCommand('ping'), JSON.stringify(cmd), {
      timeoutMs: 10_000,
      expect: COUNT,
    });
    const answers = new Map(responses.map((r) => [r.device, r.ok ? 'ok' : r.error?.code]));
    expect(responses).toHaveLength(COUNT);
    for (let i = 0; i < COUNT; i++) {
      const { deviceId } = simulatedIdentity(i, 'sim-e2e', 2);
      expect(answers.get(deviceId), deviceId).toBe(
        simulatedProblem(deviceId, 0.5) === 'clock' ? 'expired' : 'ok',
      );
    }
  });

  it('stops cleanly: every kiosk leaves an offline "shutdown" status', async () => {
    expect(await sim!.stop()).toBe(0);
    await waitFor(
      () => {
        const last = new Map<string, string>();
        for (const m of mgr!.messages) {
          const doc = JSON.parse(m.payload.toString()) as { device: string; state: string; reason?: string };
          last.set(doc.device, `${doc.state}/${doc.reason ?? ''}`);
        }
        return [...last.values()].filter((s) => s === 'offline/shutdown').length === COUNT;
      },
      10_000,
      'offline statuses',
    );
  });

  it('refuses bad usage with exit 2', async () => {
    const { runKiosk } = await import('../helpers/sim-process.js');
    const r = await runKiosk(['fleet', 'simulate', '--count', '0', '--broker', broker.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--count: must be a whole number 1-20000/);
  });
});
