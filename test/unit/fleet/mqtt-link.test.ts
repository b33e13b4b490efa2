import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { pino } from 'pino';
import { DriverError } from '../../../runtime/errors.js';
import { connectFleet, subscribeAsync } from '../../../domain/fleet/fleet-client.js';
import { MqttLink } from '../../../domain/fleet/mqtt-link.js';
import { waitFor } from '../../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto.js';

describe('Fleet: MQTT 5 link request/response against a real Mosquitto', () => {
  let broker: Mosquitto;
  let link: MqttLink;
  let responder: MqttClient;
  const changes: boolean[] = [];

  beforeAll(async () => {
    broker = await startMosquitto({ persistence: true });
    link = new MqttLink(
      { url: broker.url, clientId: 'kiosk-link-test', sessionExpirySeconds: 60 },
      'kiosk/v1/devices/link-test/replies',
      pino({ level: 'silent' }),
      { minMs: 100, maxMs: 400 },
    );
    link.onConnectionChange((c) => changes.push(c));
    link.start();
    responder = await connectFleet({ url: broker.url, clientId: 'dossier-service' });
    await subscribeAsync(responder, ['svc/dossier/lookup', 'svc/broken']);
    responder.on('message', (topic, payload, packet) => {
      const props = packet.properties ?? {};
      const body =
        topic === 'svc/broken'
          ? 'this is not json'
          : JSON.stringify({
              code: (JSON.parse(payload.toString()) as { code: string }).code,
              state: 'Đã có kết quả',
            });
      if (props.responseTopic)
        responder.publish(props.responseTopic, body, {
          qos: 1,
          properties: { correlationData: props.correlationData },
        });
    });
    await waitFor(() => link.connected, 10_000, 'link connected');
  });
  afterAll(async () => {
    responder?.end(true);
    await link?.stop();
    await broker?.dispose();
  });

  it('correlates concurrent requests with their responses', async () => {
    const answers = await Promise.all(
      ['HS-001', 'HS-002', 'HS-003'].map((code) => link.request('svc/dossier/lookup', { code }, 5000)),
    );
    expect(answers.map((a) => a.code)).toEqual(['HS-001', 'HS-002', 'HS-003']);
    expect(answers[0]?.state).toBe('Đã có kết quả');
  });

  it('refuses an invalid topic or response topic before the socket, so the broker never drops the link', async () => {
    const connects = link.connects;
    for (const topic of ['#', 'a/+/b', '', 'a\u0000b'])
      await expect(link.publish(topic, 'x'), JSON.stringify(topic)).rejects.toThrow(TypeError);
    await expect(
      link.publish('svc/ok', 'x', { qos: 1, properties: { responseTopic: 'svc/+/replies' } }),
    ).rejects.toThrow(/response topic/);
    expect(link.refusedPublishes).toBe(5);
    expect(() => link.setWill({ topic: 'a/#', payload: Buffer.from(''), qos: 1, retain: true })).toThrow(
      /will topic/,
    );
    await link.publish('svc/ok', 'still connected');
    expect(link.connected).toBe(true);
    expect(link.connects).toBe(connects);
  });

  it('times out, rejects malformed replies, and fails fast while offline', async () => {
    const timeout = await link.request('svc/nobody', {}, 300).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(DriverError);
    expect(timeout).toMatchObject({ kind: 'timeout' });
    await expect(link.request('svc/broken', {}, 3000)).rejects.toMatchObject({ code: 'bad-reply' });
    await broker.stop();
    await waitFor(() => !link.connected, 5000, 'disconnect noticed');
    await expect(link.request('svc/dossier/lookup', { code: 'x' }, 1000)).rejects.toMatchObject({
      kind: 'disconnected',
    });
    await broker.start();
    await waitFor(() => link.connected, 10_000, 'reconnected with backoff');
    expect(changes).toEqual([true, false, true]);
    // the reply subscription is back after the reconnect
    const responder2 = await connectFleet({ url: broker.url, clientId: 'dossier-service-2' });
    await subscribeAsync(responder2, 'svc/dossier/lookup');
    responder2.on('message', (_t, payload, packet) =>
      responder2.publish(packet.properties?.responseTopic ?? 'x', payload, {
        qos: 1,
        properties: { correlationData: packet.properties?.correlationData },
      }),
    );
    expect(await link.request('svc/dossier/lookup', { code: 'HS-9' }, 5000)).toEqual({ code: 'HS-9' });
    responder2.end(true);
  });
});
