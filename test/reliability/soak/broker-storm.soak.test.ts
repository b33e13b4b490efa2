import { expect, it } from 'vitest';
import { waitFor } from '../../helpers/fleet.js';
import {
  answerCentreRequests,
  byId,
  eventConsumer,
  issueTicket,
  runReconnectStorm,
} from '../harness/broker-network.js';
import { startFleetKiosk } from '../harness/fleet-kiosk.js';
import { saveResult, soakSize } from './soak-env.js';

it('reconnect storm: N kiosks (MqttLink jittered backoff) reconnect after a broker outage', async () => {
  const clients = soakSize('SOAK_STORM_CLIENTS', 200);
  const report = await runReconnectStorm({ clients, outageMs: 5000 });
  saveResult('reconnect-storm', report);
  expect(report.reconnected).toBe(clients);
  expect(report.brokerAlive).toBe(true);
});

it('long outage: N events queued offline arrive exactly once by id', async () => {
  const events = soakSize('SOAK_OUTAGE_EVENTS', 2000);
  const fk = await startFleetKiosk({ deviceId: 'kiosk-outage-soak' });
  try {
    await answerCentreRequests(fk.mgr);
    let consumer = await eventConsumer(fk.broker.url, fk.deviceId);
    consumer.client.end(true);
    await fk.broker.stop();
    const t0 = Date.now();
    const issued: string[] = [];
    for (let i = 0; i < events; i++) issued.push(await issueTicket(fk.kiosk));
    const outageMs = Date.now() - t0;
    await fk.broker.start();
    consumer = await eventConsumer(fk.broker.url, fk.deviceId);
    const got = await waitFor(
      () => {
        const r = byId(consumer.received, 'ticket-issued');
        return r.ids.size >= issued.length ? r : undefined;
      },
      600_000,
      'every event after the outage',
    );
    consumer.client.end(true);
    const numbers = [...got.ids.values()].map((e) => e.data.number);
    const lost = issued.filter((n) => !numbers.includes(n)).length;
    const duplicates = numbers.length - new Set(numbers).size;
    saveResult('broker-outage', {
      events,
      outageMs,
      delivered: got.ids.size,
      lost,
      duplicates,
      redeliveries: got.redeliveries,
      inOrder: JSON.stringify(numbers) === JSON.stringify(issued),
    });
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
  } finally {
    await fk.dispose();
  }
});
