import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDevices, sendCommand, signCommand, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { answersBefore, fleetKeys, manager, startFleetSim, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import type { SimProcess } from '../helpers/sim-process.js';
import { press } from './flow-steps.js';

const topics = fleetTopics('kiosk/v1');

describe('Fleet e2e: signed commands and telemetry (real Mosquitto, kiosk process)', () => {
  let broker: Mosquitto;
  const keys = fleetKeys();
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.dispose();
  });

  let sim: SimProcess;
  let mgr: Awaited<ReturnType<typeof manager>>;
  const device = 'kiosk-cmd';
  beforeAll(async () => {
    sim = await startFleetSim({
      broker: broker.url,
      deviceId: device,
      fleetKey: keys.publicFile,
      fleet: { telemetryIntervalSeconds: 5 },
    });
    mgr = await manager(broker.url);
    await waitFor(
      async () =>
        (await listDevices(mgr.client, topics, 200)).find((d) => d.device === device && d.state === 'online'),
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
        expect.objectContaining({ id: 'printer', title: 'Printer', status: 'ok' }),
        expect.objectContaining({ id: 'broker', status: 'ok' }),
      ]),
    );
  });

  it('answers nothing to unsigned, badly signed or garbage commands; refuses expired and replayed ones with a reason', async () => {
    const unanswered = async (doc: unknown, name: string) =>
      answersBefore(
        mgr.client,
        topics,
        {
          topic: topics.deviceCommand(device, name),
          payload: typeof doc === 'string' ? doc : JSON.stringify(doc),
        },
        { topic: topics.deviceCommand(device, 'ping'), payload: JSON.stringify(signed('ping')) },
      );
    const unsigned = Object.fromEntries(
      Object.entries(signed('ping')).filter(([k]) => k !== 'keyId' && k !== 'signature'),
    );
    expect(await unanswered(unsigned, 'ping')).toEqual([]);
    const forged = { ...signed('set-volume', { volume: 10 }), args: { volume: 100 } };
    expect(await unanswered(forged, 'set-volume')).toEqual([]);
    const other = fleetKeys();
    expect(
      await unanswered(signCommand({ name: 'ping', target: { device }, key: other.key }), 'ping'),
    ).toEqual([]);
    expect(await unanswered('\u0000\u00ff not json', 'ping')).toEqual([]);
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
    // still alive and answering; the ignored ones are counted in the status
    const status = await run(signed('status'), 'status');
    expect(status.result?.commands).toMatchObject({ unverified: 4 });
    const state = await sim.api<{ services: { name: string; state: string }[] }>('/api/state');
    expect(state.services.find((s) => s.name === 'fleet')?.state).toBe('running');
  });

  it('sends a health sample with process, system and peripheral state', async () => {
    await subscribeAsync(mgr.client, topics.telemetry(device));
    const sample = await waitFor(() => mgr.json(topics.telemetry(device))[0], 10_000, 'telemetry');
    expect(sample).toMatchObject({ type: 'telemetry', kind: 'telemetry', device, id: expect.any(String) });
    expect(sample.data).toMatchObject({
      uptimeSeconds: expect.any(Number),
      rssMb: expect.any(Number),
      load: expect.any(Array),
      memory: { totalMb: expect.any(Number) },
      outbox: expect.any(Object),
      peripherals: { printer: { online: true } },
      counters: expect.any(Object),
    });
    expect(sample.data).toHaveProperty('cpuTempC');
  });

  it('reload-config applies hot settings and lists those that need a restart', async () => {
    // A citizen leaves the search screen just before the reload. (Pressed after it, the press could
    // land on a panel the new 11 s blank countdown, counted from the last input, already darkened:
    // the first press on a dark panel only wakes it.)
    expect((await press(sim, '2')).screen).toBe('search');
    const file = join(sim.dataDir, 'kiosk.json');
    const cfg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    writeFileSync(
      file,
      JSON.stringify({
        ...cfg,
        // written the way an older release did: moved to voice.volume, with a notice
        audio: { volume: 55 },
        display: { idleTimeoutSeconds: 10, blankAfterSeconds: 11 },
        device: { ...cfg.device, agency: 'UBND XÃ KHÁC' },
      }),
    );
    const r = await run(signed('reload-config'), 'reload-config');
    expect(r.ok).toBe(true);
    expect(r.result?.applied).toEqual(
      expect.arrayContaining(['voice.volume', 'display.idleTimeoutSeconds', 'display.blankAfterSeconds']),
    );
    expect(r.result?.notices).toEqual([
      expect.stringMatching(/^audio\.volume: now voice\.volume .*"voice\.volume: 55"/),
    ]);
    expect(r.result?.needsRestart).toContain('device.agency');
    // The reloaded timeouts are in effect: the screen left before the reload goes home 10 s after
    // its last input (not the 60 s default the kiosk started with) and the panel blanks at 11 s.
    const idle = await waitFor(
      async () => {
        const st = await sim.api<{ screen: string; blanked: boolean }>('/api/state');
        return st.screen === 'home' && st.blanked ? st : undefined;
      },
      25_000,
      'home and blanked after the reloaded timeouts',
    );
    expect(idle).toMatchObject({ screen: 'home', blanked: true });
    writeFileSync(file, '{ not json');
    const broken = await run(signed('reload-config'), 'reload-config');
    expect(broken).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(broken.error?.message).toMatch(/not valid JSON/);
    writeFileSync(file, JSON.stringify(cfg));
    const restored = await run(signed('reload-config'), 'reload-config');
    expect(restored.result?.applied).toContain('display.idleTimeoutSeconds');
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
