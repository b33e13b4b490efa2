import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFleetKeys, parsePrivateKey } from '../../domain/fleet/signing.js';
import { publishAsync, sendCommand, signCommand } from '../../domain/fleet/fleet-client.js';
import { waitFor } from '../helpers/fleet.js';
import { startFleetKiosk, topics, type FleetKiosk } from './harness/fleet-kiosk.js';
import { runMqttFuzz } from './harness/mqtt-fuzz.js';

/** Fast subset; `npm run test:soak -- --fuzz-cases 10000` runs the report's size. */
const FUZZ_CASES = 100;

describe('Reliability: hostile MQTT input to a running kiosk (real Mosquitto)', () => {
  let fk: FleetKiosk;
  beforeAll(async () => {
    fk = await startFleetKiosk({ deviceId: 'kiosk-hostile' });
  });
  afterAll(async () => {
    await fk?.dispose();
  });

  const ask = async (payload: unknown, name = 'ping') => {
    const [r] = await sendCommand(
      fk.mgr,
      topics,
      topics.deviceCommand(fk.deviceId, name),
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      { timeoutMs: 10_000, expect: 1 },
    );
    return r;
  };

  it('refuses commands that are unsigned, signed by an unknown key, expired or replayed; runs a good one once', async () => {
    const key = fk.keys.key;
    const target = { device: fk.deviceId };
    const good = signCommand({ name: 'ping', target, key, id: `good-${randomUUID()}` });
    const unsigned: Record<string, unknown> = { ...good };
    delete unsigned.signature;
    delete unsigned.keyId;
    expect(await ask(unsigned)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(await ask({ ...good, signature: Buffer.alloc(64).toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'bad-signature' },
    });
    const stranger = parsePrivateKey(generateFleetKeys().privatePem);
    const r = await ask(signCommand({ name: 'ping', target, key: stranger }));
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
    expect(r?.error?.message).toMatch(/not in fleet.fleetPublicKey/);
    const expired = signCommand({ name: 'ping', target, key, now: Date.now() - 120_000, ttlMs: 60_000 });
    expect(await ask(expired)).toMatchObject({ ok: false, error: { code: 'expired' } });
    // a copy of a command signed for another kiosk is refused here
    const other = signCommand({ name: 'ping', target: { device: 'kiosk-elsewhere' }, key });
    expect(await ask(other)).toMatchObject({ ok: false, error: { code: 'wrong-target' } });

    expect(await ask(good)).toMatchObject({ ok: true, id: good.id });
    const replay = await ask(good);
    expect(replay).toMatchObject({ ok: false, error: { code: 'replayed' } });
    // the replay store is durable: a kill -9 and restart does not make the old command new again
    await fk.restart();
    expect(await ask(good)).toMatchObject({ ok: false, error: { code: 'replayed' } });
  });

  it(`fuzzes every subscribed topic (${FUZZ_CASES} fast-check cases): no crash, every command refused clearly, memory bounded`, async () => {
    const report = await runMqttFuzz(fk, FUZZ_CASES, 42);
    console.log(`MQTT fuzz: ${JSON.stringify(report)}`);
    expect((report as { problems?: string[] }).problems ?? []).toEqual([]);
    expect(report.crashed).toBe(false);
    expect(report.accepted).toBe(0);
    expect(report.refusedClearly).toBe(report.commandCases);
    expect(report.rssMaxMb - report.rssStartMb).toBeLessThan(200);
    // malformed manifests were reported to the fleet as refused (deduplicated per problem)
    if (report.otherCases > 0)
      await waitFor(
        () => fk.json(topics.events(fk.deviceId, 'catalog-refused')).length > 0,
        10_000,
        'catalog-refused event',
      );
    // still serving: the control API answers and a good signed command runs
    const state = await fk.kiosk.api<{ screen: string }>('/api/state');
    expect(state.screen).toBe('home');
    const ok = await ask(
      signCommand({ name: 'status', target: { device: fk.deviceId }, key: fk.keys.key }),
      'status',
    );
    expect(ok).toMatchObject({ ok: true });
    await publishAsync(fk.mgr, topics.catalogManifest('stable'), '', { qos: 1, retain: true });
  }, 120_000);
});
