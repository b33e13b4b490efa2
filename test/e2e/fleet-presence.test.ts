import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectFleet,
  listDevices,
  sendCommand,
  signCommand,
  subscribeAsync,
} from '../../runtime/fleet/fleet-client.js';
import { fleetTopics } from '../../runtime/fleet/topics.js';
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

  describe('commands', () => {
    let sim: SimProcess;
    let mgr: Awaited<ReturnType<typeof manager>>;
    const device = 'kiosk-cmd';
    beforeAll(async () => {
      sim = await startFleetSim({ broker: broker.url, deviceId: device, fleetKey: keys.publicFile });
      sims.push(sim);
      mgr = await manager(broker.url);
      await waitFor(
        async () =>
          (await listDevices(mgr.client, topics, 200)).find(
            (d) => d.device === device && d.state === 'online',
          ),
        15_000,
        'online',
      );
    });
    afterAll(async () => {
      mgr?.client.end(true);
      await sim?.stop();
    });

    const run = async (doc: unknown, name: string) => {
      const [r] = await sendCommand(
        mgr.client,
        topics,
        topics.deviceCommand(device, name),
        JSON.stringify(doc),
        { timeoutMs: 8000, expect: 1 },
      );
      if (!r) throw new Error(`no response to ${name}`);
      return r;
    };
    const signed = (name: Parameters<typeof signCommand>[0]['name'], args: Record<string, unknown> = {}) =>
      signCommand({ name, args, target: { device }, key: keys.key });

    it('answers signed commands over request/response with correlation data', async () => {
      const ping = signed('ping');
      expect(await run(ping, 'ping')).toMatchObject({
        id: ping.id,
        ok: true,
        device,
        result: { pong: true },
      });
      const status = await run(signed('status'), 'status');
      expect(status.result).toMatchObject({
        state: 'online',
        counters: expect.any(Object),
        services: expect.any(Array),
      });
      expect((await run(signed('set-volume', { volume: 35 }), 'set-volume')).result).toEqual({ volume: 35 });
      const announce = await run(
        signed('announce', { text: 'Xin mời công dân số A-001 đến quầy 1' }),
        'announce',
      );
      expect(announce.ok).toBe(true);
      const speech = await sim.api<{ text: string }[]>('/api/speech');
      expect(speech.map((u) => u.text)).toContain('Xin mời công dân số A-001 đến quầy 1');
      const shot = await run(signed('screenshot'), 'screenshot');
      const png = Buffer.from(String(shot.result?.pngBase64), 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBe(shot.result?.bytes);
      const selftest = await run(signed('selftest'), 'selftest');
      expect(selftest.result?.checks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'printer', ok: true }),
          expect.objectContaining({ name: 'broker', ok: true }),
        ]),
      );
    });

    it('refuses unsigned, badly signed, expired and replayed commands with a reason, and survives garbage', async () => {
      const unsigned = Object.fromEntries(
        Object.entries(signed('ping')).filter(([k]) => k !== 'keyId' && k !== 'signature'),
      );
      expect((await run(unsigned, 'ping')).error?.code).toBe('malformed');
      const forged = { ...signed('set-volume', { volume: 10 }), args: { volume: 100 } };
      expect((await run(forged, 'set-volume')).error?.code).toBe('bad-signature');
      const other = fleetKeys();
      expect(
        (await run(signCommand({ name: 'ping', target: { device }, key: other.key }), 'ping')).error?.code,
      ).toBe('unknown-key');
      const old = signCommand({
        name: 'ping',
        target: { device },
        key: keys.key,
        now: Date.now() - 3600_000,
        ttlMs: 60_000,
      });
      const expired = await run(old, 'ping');
      expect(expired.error?.code).toBe('expired');
      const once = signed('ping');
      expect((await run(once, 'ping')).ok).toBe(true);
      expect((await run(once, 'ping')).error?.code).toBe('replayed');
      const garbage = await run('\u0000\u00ff not json', 'ping');
      expect(garbage).toMatchObject({ ok: false, error: { code: 'malformed' } });
      // still alive and answering
      expect((await run(signed('ping'), 'ping')).ok).toBe(true);
      const state = await sim.api<{ services: { name: string; state: string }[] }>('/api/state');
      expect(state.services.find((s) => s.name === 'fleet')?.state).toBe('running');
    });

    it('group and all-devices commands reach the kiosk', async () => {
      const grp = signCommand({ name: 'ping', target: { group: 'test-group' }, key: keys.key });
      const [r] = await sendCommand(
        mgr.client,
        topics,
        topics.groupCommand('test-group', 'ping'),
        JSON.stringify(grp),
        { timeoutMs: 5000, expect: 1 },
      );
      expect(r).toMatchObject({ ok: true, device });
      const all = signCommand({ name: 'ping', target: { all: true }, key: keys.key });
      const rs = await sendCommand(mgr.client, topics, topics.allCommand('ping'), JSON.stringify(all), {
        timeoutMs: 1500,
      });
      expect(rs.filter((x) => x.device === device && x.ok)).toHaveLength(1);
    });
  });

  it('connectFleet reports an unreachable broker clearly', async () => {
    await expect(
      connectFleet({ url: 'mqtt://127.0.0.1:1', clientId: 'x', connectTimeoutMs: 2000 }),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
