import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFleet, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { startFleetSim, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { tempDir, type SimProcess } from '../helpers/sim-process.js';
import { lastSpeech, outbox, press, waitForScreen } from './flow-steps.js';

const DEVICE = 'kiosk-centre';
const BASE = `kiosk/v1/devices/${DEVICE}`;

/**
 * The centre's gateway as a real MQTT 5 client: answers the kiosk's requests on the response
 * topic with the correlation data, and records every rating delivered to the fleet.
 */
async function centreGateway(url: string) {
  const client = await connectFleet({ url, clientId: 'centre-gateway' });
  const requests: { topic: string; payload: Record<string, unknown> }[] = [];
  const ratings: { id: string; data: Record<string, unknown> }[] = [];
  let status = '';
  client.on('message', (topic, raw, packet) => {
    if (topic === `${BASE}/status`) {
      status = raw.toString();
      return;
    }
    const body = JSON.parse(raw.toString() || '{}') as Record<string, unknown>;
    if (topic === `${BASE}/records/rating`) {
      ratings.push({ id: String(body.id), data: body.data as Record<string, unknown> });
      return;
    }
    requests.push({ topic, payload: body });
    const responseTopic = packet.properties?.responseTopic;
    const correlationData = packet.properties?.correlationData;
    if (!responseTopic) return;
    let answer: Record<string, unknown>;
    if (topic.endsWith('/centre/queue-ahead')) answer = { status: 'ok', data: { peopleAhead: 7 } };
    else if (body.dossierNumber === 'H26.22.12-251125-0003')
      answer = {
        status: 'ok',
        data: { state: 'processing', procedureName: 'Đăng ký khai sinh', dueAt: '28/11/2026', counter: 2 },
      };
    else answer = { status: 'not-found' };
    client.publish(responseTopic, JSON.stringify(answer), {
      qos: 1,
      properties: { contentType: 'application/json', ...(correlationData ? { correlationData } : {}) },
    });
  });
  await subscribeAsync(client, `${BASE}/centre/#`);
  await subscribeAsync(client, `${BASE}/records/#`);
  await subscribeAsync(client, `${BASE}/status`);
  return { client, requests, ratings, online: () => status.includes('online') };
}

describe('Citizen flows with the centre over MQTT 5 (real Mosquitto)', () => {
  let broker: Mosquitto;
  let gateway: Awaited<ReturnType<typeof centreGateway>>;
  let sim: SimProcess | undefined;
  let client: MqttClient | undefined;
  beforeAll(async () => {
    broker = await startMosquitto({ persistence: true });
    gateway = await centreGateway(broker.url);
    client = gateway.client;
    sim = await startFleetSim({ broker: broker.url, deviceId: DEVICE, dataDir: tempDir() });
    await waitFor(() => gateway.online(), 15_000, 'kiosk online');
  });
  afterAll(async () => {
    client?.end(true);
    if (sim && sim.proc.exitCode === null) await sim.kill();
    await broker?.dispose();
  });

  it('the ticket says how many people are ahead according to the centre', async () => {
    const s = sim as SimProcess;
    const ticket = await press(s, '1');
    expect(ticket.details).toMatchObject({ ticket: 'A-001', peopleAhead: 7, peopleAheadSource: 'centre' });
    expect(await lastSpeech(s)).toContain('Có 7 người chờ trước');
    expect(gateway.requests.find((r) => r.topic === `${BASE}/centre/queue-ahead`)?.payload).toEqual({
      group: 'tu-phap',
      number: 'A-001',
      priority: false,
    });
    await press(s, 'ok');
  });

  it('dossier status comes live from the centre, and from the cache (with its time) once the broker is gone', async () => {
    const s = sim as SimProcess;
    await press(s, '3');
    await s.api('/api/scan', { data: 'H26.22.12-251125-0003' });
    const live = await waitForScreen(s, 'dossier-status');
    expect(live.details).toMatchObject({
      kind: 'live',
      state: 'processing',
      dossier: 'H26.22.12-251125-0003',
    });
    expect(await lastSpeech(s)).toContain('Đang giải quyết');
    expect(await lastSpeech(s)).toContain('Nhận tại quầy số 2');

    await press(s, 'ok');
    await press(s, '3');
    await s.api('/api/scan', { data: 'H26.99.99-010101-0009' });
    expect((await waitForScreen(s, 'dossier-status')).details).toMatchObject({ kind: 'not-found' });
    expect(await lastSpeech(s)).toContain('Không tìm thấy hồ sơ này');

    await broker.stop();
    await press(s, 'ok');
    await press(s, '3');
    await s.api('/api/scan', { data: 'H26.22.12-251125-0003' });
    const cached = await waitForScreen(s, 'dossier-status');
    expect(cached.details).toMatchObject({
      kind: 'cached',
      state: 'processing',
      fetchedAt: live.details.fetchedAt,
    });
    expect(await lastSpeech(s)).toContain(
      'Đang mất kết nối với trung tâm. Đây là trạng thái biết được lần cuối lúc',
    );
    await press(s, 'ok');
    await broker.start();
    // A fresh gateway connection (the old one went down with the broker).
    gateway.client.end(true);
    gateway = await centreGateway(broker.url);
    client = gateway.client;
    await waitFor(() => gateway.online(), 20_000, 'kiosk back online');
  });

  it('a rating reaches the fleet exactly once, even across a kill -9 of the kiosk', async () => {
    let s = sim as SimProcess;
    await press(s, '4');
    await press(s, '2');
    await press(s, '1');
    await waitFor(() => gateway.ratings.length > 0, 10_000, 'rating delivered');
    expect(gateway.ratings[0]?.data).toMatchObject({ score: 5, counter: 2, label: 'Rất hài lòng' });
    await waitFor(
      async () => (await outbox(s)).every((m) => m.topic !== 'records/rating'),
      10_000,
      'rating acknowledged',
    );
    const dataDir = s.dataDir;
    await s.kill();
    s = await startFleetSim({ broker: broker.url, deviceId: DEVICE, dataDir });
    sim = s;
    await waitFor(
      async () => (await s.api<{ screen: string }>('/api/state')).screen === 'home',
      10_000,
      'restart',
    );
    // Give a redelivery every chance to happen, then count distinct ratings.
    await new Promise((r) => setTimeout(r, 1500));
    expect(new Set(gateway.ratings.map((r) => r.id)).size).toBe(1);
    expect((await outbox(s)).filter((m) => m.topic === 'records/rating')).toHaveLength(0);
  });
});
