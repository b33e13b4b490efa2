import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MqttLink } from '../../../domain/fleet/mqtt-link.js';
import { waitFor } from '../../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto.js';

// The module mqtt's packet writer fills (the same instance: one mqtt-packet in the tree).
const numbers = createRequire(import.meta.url)('mqtt-packet/numbers.js') as { cache: Record<number, Buffer> };

describe('Fleet: the MQTT link keeps no table of packet-id buffers (#16, idle memory)', () => {
  let broker: Mosquitto;
  let link: MqttLink;

  beforeAll(async () => {
    broker = await startMosquitto({ persistence: false });
    link = new MqttLink(
      { url: broker.url, clientId: 'kiosk-packet-cache', sessionExpirySeconds: 0 },
      'kiosk/v1/devices/packet-cache/replies',
      pino({ level: 'silent' }),
      { minMs: 100, maxMs: 400 },
    );
    link.start();
    await waitFor(() => link.connected, 10_000, 'link connected');
  });
  afterAll(async () => {
    await link?.stop();
    await broker?.dispose();
  });

  it('publishes QoS 1 messages (packet ids written) without mqtt-packet building its 65,536-entry cache', async () => {
    for (let i = 0; i < 3; i++) await link.publish(`kiosk/v1/devices/packet-cache/t${i}`, 'x', { qos: 1 });
    // mqtt-packet's default builds a Buffer per packet id on the first packet written: ~6 MiB of
    // heap the kiosk would hold for its whole life.
    expect(Object.keys(numbers.cache)).toHaveLength(0);
  });
});
