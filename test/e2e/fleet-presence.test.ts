import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectFleet,
  listDevices,
  sendCommand,
  signCommand,
  subscribeAsync,
} from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { fleetKeys, manager, startFleetSim, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import type { SimProcess } from '../helpers/sim-process.js';

const topics = fleetTopics('kiosk/v1');

describe('Fleet e2e: presence and signed commands (real Mosquitto, kiosk processes)', () => {
  let broker: Mosquitto;
  const keys = fleetKeys();
  const sims: SimProcess[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    for (const s of sims) if (s.proc.exitCode === null) await s.kill();
    await broker?.dispose();
  });

  it('publishes a retained online status and the will marks it offline after kill -9', async () => {
    const sim = await startFleetSim({
      broker: broker.url,
      deviceId: 'kiosk-presence',
      fleetKey: keys.publicFile,
    });
    sims.push(sim);
    const mgr = await manager(broker.url);
    try {
      const status = await waitFor(
        async () => {
          const all = await listDevices(mgr.client, topics, 300);
          return all.find((d) => d.device === 'kiosk-presence' && d.state === 'online');
        },
        15_000,
        'online status',
      );
      expect(status).toMatchObject({
        appVersion: expect.any(String),
        channel: 'stable',
        groups: ['test-group'],
      });
      expect(status.peripherals).toMatchObject({ printer: { driver: 'mock', online: true, paper: 'ok' } });
      await subscribeAsync(mgr.client, topics.status('kiosk-presence'));
      await sim.kill();
      const offline = await waitFor(
        () => mgr.json(topics.status('kiosk-presence')).find((s) => s.state === 'offline'),
        10_000,
        'will',
      );
      expect(offline).toMatchObject({ reason: 'connection-lost', device: 'kiosk-presence' });
      // retained: a manager connecting later still sees offline
      const later = await listDevices(mgr.client, topics, 300);
      expect(later.find((d) => d.device === 'kiosk-presence')?.state).toBe('offline');
    } finally {
      mgr.client.end(true);
    }
  });

  it('a clean stop publishes offline with reason shutdown', async () => {
    const sim = await startFleetSim({
      broker: broker.url,
      deviceId: 'kiosk-stop',
      fleetKey: keys.publicFile,
    });
    sims.push(sim);
    const mgr = await manager(broker.url);
    try {
      await subscribeAsync(mgr.client, topics.status('kiosk-stop'));
      await waitFor(
        () => mgr.json(topics.status('kiosk-stop')).find((s) => s.state === 'online'),
        15_000,
        'online',
      );
      expect((await sim.stop()).code).toBe(0);
      const last = await waitFor(
        () => mgr.json(topics.status('kiosk-stop')).find((s) => s.state === 'offline'),
        5000,
        'offline',
      );
      expect(last.reason).toBe('shutdown');
    } finally {
      mgr.client.end(true);
    }
  });

  it('restart answers first, then stops the kiosk cleanly (the supervisor starts it again)', async () => {
    const sim = await startFleetSim({
      broker: broker.url,
      deviceId: 'kiosk-restart',
      fleetKey: keys.publicFile,
    });
    sims.push(sim);
    const mgr = await manager(broker.url);
    try {
      await waitFor(
        async () =>
          (await listDevices(mgr.client, topics, 200)).find(
            (d) => d.device === 'kiosk-restart' && d.state === 'online',
          ),
        15_000,
        'online',
      );
      const exited = new Promise<number | null>((r) => sim.proc.once('exit', (code) => r(code)));
      const cmd = signCommand({
        name: 'restart',
        args: { delaySeconds: 0 },
        target: { device: 'kiosk-restart' },
        key: keys.key,
      });
      const [r] = await sendCommand(
        mgr.client,
        topics,
        topics.deviceCommand('kiosk-restart', 'restart'),
        JSON.stringify(cmd),
        { timeoutMs: 8000, expect: 1 },
      );
      expect(r).toMatchObject({ ok: true, result: { restartingInMs: 0 } });
      expect(await exited).toBe(0);
      const after = await listDevices(mgr.client, topics, 300);
      expect(after.find((d) => d.device === 'kiosk-restart')).toMatchObject({
        state: 'offline',
        reason: 'shutdown',
      });
    } finally {
      mgr.client.end(true);
    }
  });

  it('connectFleet reports an unreachable broker clearly', async () => {
    await expect(
      connectFleet({ url: 'mqtt://127.0.0.1:1', clientId: 'x', connectTimeoutMs: 2000 }),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
