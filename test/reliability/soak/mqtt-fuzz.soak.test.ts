import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendCommand, signCommand } from '../../../domain/fleet/fleet-client.js';
import { startFleetKiosk, topics, type FleetKiosk } from '../harness/fleet-kiosk.js';
import { runMqttFuzz } from '../harness/mqtt-fuzz.js';
import { saveResult, soakSize } from './soak-env.js';

let fk: FleetKiosk;
beforeAll(async () => {
  fk = await startFleetKiosk({ deviceId: 'kiosk-fuzz' });
});
afterAll(async () => {
  await fk?.dispose();
});

it('MQTT fuzz: N hostile payloads on every device-subscribed topic', async () => {
  const cases = soakSize('SOAK_FUZZ_CASES', 10_000);
  const report = await runMqttFuzz(fk, cases, soakSize('SOAK_SEED', 1));
  const [alive] = await sendCommand(
    fk.mgr,
    topics,
    topics.deviceCommand(fk.deviceId, 'ping'),
    JSON.stringify(signCommand({ name: 'ping', target: { device: fk.deviceId }, key: fk.keys.key })),
    { timeoutMs: 10_000, expect: 1 },
  );
  saveResult('mqtt-fuzz', { ...report, goodCommandAfterwards: alive?.ok ?? false });
  expect(report.crashed).toBe(false);
  expect(report.accepted).toBe(0);
  expect(report.unanswered).toBe(0);
  expect(report.refusedClearly + report.ignored).toBe(report.commandCases);
  expect(alive?.ok).toBe(true);
});
