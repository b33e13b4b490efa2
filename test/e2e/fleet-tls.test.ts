import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MqttClient } from 'mqtt';
import {
  connectFleet,
  listDevices,
  publishAsync,
  sendCommand,
  signCommand,
  subscribeAsync,
} from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { MqttLink } from '../../domain/fleet/mqtt-link.js';
import { DriverError } from '../../runtime/errors.js';
import { pino } from 'pino';
import { createTestPki, type TestPki } from '../helpers/certs.js';
import { fleetKeys, startFleetSim, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { tempDir, type SimProcess } from '../helpers/sim-process.js';

const topics = fleetTopics('kiosk/v1');

describe('Fleet e2e: mutual TLS and the shipped ACL (deploy/mosquitto/acl) on a real Mosquitto', () => {
  let pki: TestPki;
  let broker: Mosquitto;
  let sim: SimProcess | undefined;
  let mgr: MqttClient | undefined;
  const keys = fleetKeys();

  const client = (cn: string) => {
    const { cert, key } = pki.issue(cn);
    return connectFleet({ url: broker.url, clientId: `${cn}-${Date.now()}`, ca: pki.ca, cert, key });
  };

  beforeAll(async () => {
    pki = createTestPki(tempDir('pki-'));
    const server = pki.issue('broker', { server: true });
    broker = await startMosquitto({
      tls: { cafile: pki.ca, certfile: server.cert, keyfile: server.key, requireCertificate: true },
      acl: readFileSync(resolve('deploy/mosquitto/acl'), 'utf8'),
    });
    mgr = await client('fleet-manager');
  });
  afterAll(async () => {
    mgr?.end(true);
    if (sim && sim.proc.exitCode === null) await sim.kill();
    await broker?.dispose();
  });

  it('a kiosk joins over mTLS (certificate CN = device id) and answers signed commands', async () => {
    const device = pki.issue('kiosk-tls-a');
    sim = await startFleetSim({
      broker: broker.url,
      deviceId: 'kiosk-tls-a',
      fleetKey: keys.publicFile,
      fleet: { ca: pki.ca, cert: device.cert, key: device.key },
    });
    const status = await waitFor(
      async () =>
        (await listDevices(mgr!, topics, 300)).find(
          (d) => d.device === 'kiosk-tls-a' && d.state === 'online',
        ),
      15_000,
      'online over TLS',
    );
    expect(status.appVersion).toBeTruthy();
    const cmd = signCommand({ name: 'ping', target: { device: 'kiosk-tls-a' }, key: keys.key });
    const [r] = await sendCommand(
      mgr!,
      topics,
      topics.deviceCommand('kiosk-tls-a', 'ping'),
      JSON.stringify(cmd),
      {
        timeoutMs: 8000,
        expect: 1,
      },
    );
    expect(r).toMatchObject({ ok: true, device: 'kiosk-tls-a' });
  });

  it('a device cannot publish as another device, nor read its commands', async () => {
    const received: string[] = [];
    mgr!.on('message', (topic, payload) => {
      if (topic.startsWith('kiosk/v1/devices/kiosk-tls-b/') && !topic.includes('/cmd/'))
        received.push(payload.toString());
    });
    await subscribeAsync(mgr!, 'kiosk/v1/devices/kiosk-tls-b/#');
    const a = await client('kiosk-tls-a2');
    try {
      // its own topics work
      await publishAsync(a, 'kiosk/v1/devices/kiosk-tls-a2/events/test', '{"ok":true}', { qos: 1 });
      // someone else's are refused by the broker (MQTT 5 PUBACK reason 135, not authorised)
      const denied = await publishAsync(a, 'kiosk/v1/devices/kiosk-tls-b/status', '{"state":"online"}', {
        qos: 1,
        retain: true,
      }).catch((e: unknown) => e as { code?: number; message: string });
      expect(denied).toMatchObject({ code: 135 });
      await publishAsync(a, 'kiosk/v1/devices/kiosk-tls-b/events/fake', '{}', { qos: 1 }).catch(
        () => undefined,
      );
      // Mosquitto may accept the SUBSCRIBE but checks read access per message: nothing arrives
      const snooped: string[] = [];
      a.on('message', (topic) => snooped.push(topic));
      await subscribeAsync(a, 'kiosk/v1/devices/kiosk-tls-b/cmd/+').catch(() => undefined);
      await publishAsync(mgr!, topics.deviceCommand('kiosk-tls-b', 'ping'), '{}', { qos: 1 });
      await expect(
        publishAsync(a, topics.allCommand('restart'), '{}', { qos: 1 }).catch((e: { code?: number }) =>
          Promise.reject(e.code),
        ),
      ).rejects.toBe(135);
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toEqual([]);
      expect(snooped).toEqual([]);
    } finally {
      a.end(true);
    }
  });

  it('a kiosk asks the centre gateway over MQTT 5 request/response within the ACL', async () => {
    const gateway = await client('centre-gateway');
    const device = pki.issue('kiosk-tls-r');
    const link = new MqttLink(
      { url: broker.url, clientId: 'kiosk-tls-r', ca: pki.ca, cert: device.cert, key: device.key },
      topics.replies('kiosk-tls-r'),
      pino({ level: 'silent' }),
      { minMs: 100, maxMs: 500 },
    );
    try {
      await subscribeAsync(gateway, 'kiosk/v1/devices/+/centre/#');
      gateway.on('message', (_topic, payload, packet) => {
        const q = JSON.parse(payload.toString()) as { dossierNumber: string };
        gateway.publish(
          packet.properties?.responseTopic ?? '',
          JSON.stringify({ dossierNumber: q.dossierNumber, status: 'Đang xử lý' }),
          { qos: 1, properties: { correlationData: packet.properties?.correlationData } },
        );
      });
      link.start();
      await waitFor(() => link.connected, 10_000, 'kiosk link over mTLS');
      const answer = await link.request(
        'kiosk/v1/devices/kiosk-tls-r/centre/dossier-status',
        { dossierNumber: 'H12.34-251125-0001' },
        5000,
      );
      expect(answer).toEqual({ dossierNumber: 'H12.34-251125-0001', status: 'Đang xử lý' });
      // a request under another kiosk's id is not allowed
      await expect(
        link.request('kiosk/v1/devices/kiosk-tls-b/centre/dossier-status', {}, 1500),
      ).rejects.toBeInstanceOf(DriverError);
    } finally {
      await link.stop();
      gateway.end(true);
    }
  });

  it('refuses clients without a certificate from the fleet CA', async () => {
    await expect(
      connectFleet({ url: broker.url, clientId: 'no-cert', ca: pki.ca, connectTimeoutMs: 3000 }),
    ).rejects.toThrow();
    const other = createTestPki(tempDir('pki-other-'));
    const stranger = other.issue('kiosk-tls-a');
    await expect(
      connectFleet({
        url: broker.url,
        clientId: 'stranger',
        ca: pki.ca,
        cert: stranger.cert,
        key: stranger.key,
        connectTimeoutMs: 3000,
      }),
    ).rejects.toThrow();
  });
});
