import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFleetKeys, parsePrivateKey } from '../../domain/fleet/signing.js';
import { publishAsync, sendCommand, signCommand } from '../../domain/fleet/fleet-client.js';
import { answersBefore, waitFor } from '../helpers/fleet.js';
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

  const signedPing = () =>
    JSON.stringify(signCommand({ name: 'ping', target: { device: fk.deviceId }, key: fk.keys.key }));
  /** What the kiosk published in answer to `payload` (sent as a request), checked with a signed ping after it. */
  const answers = (
    payload: unknown,
    name = 'ping',
    properties?: Parameters<typeof answersBefore>[2]['properties'],
  ) =>
    answersBefore(
      fk.mgr,
      topics,
      {
        topic: topics.deviceCommand(fk.deviceId, name),
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        ...(properties ? { properties } : {}),
      },
      { topic: topics.deviceCommand(fk.deviceId, 'ping'), payload: signedPing() },
    );
  /** Times the kiosk connected to the broker (Mosquitto's log). */
  const connections = () =>
    fk.broker.logs
      .join('')
      .split('\n')
      .filter((l) => l.includes('New client connected') && l.includes(` as kiosk-${fk.deviceId} `)).length;

  it('answers nothing to what a trusted key did not sign (unsigned, forged, unknown key, garbage); refuses expired, other-device and replayed commands with a reason; runs a good one once', async () => {
    const key = fk.keys.key;
    const target = { device: fk.deviceId };
    const good = signCommand({ name: 'ping', target, key, id: `good-${randomUUID()}` });
    const unsigned: Record<string, unknown> = { ...good };
    delete unsigned.signature;
    delete unsigned.keyId;
    const stranger = parsePrivateKey(generateFleetKeys().privatePem);
    for (const payload of [
      unsigned,
      { ...good, signature: Buffer.alloc(64).toString('base64') },
      signCommand({ name: 'ping', target, key: stranger }),
      '\u0000\u00ff not json',
    ])
      expect(await answers(payload)).toEqual([]);
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
    const status = await ask(signCommand({ name: 'status', target, key }), 'status');
    expect(status?.result?.commands).toMatchObject({ unverified: 0 }); // counted since this start
  });

  it("requests naming a response topic with wildcards or outside the fleet's response namespace are not answered, and the kiosk stays connected", async () => {
    const before = connections();
    expect(before).toBeGreaterThan(0);
    const hostile = [
      '#',
      'a/+/b',
      `${topics.prefix}/fleet/+/responses`,
      `${topics.prefix}/fleet/#`,
      topics.status(fk.deviceId), // the kiosk's own retained status: a forged "answer" there would mislead the fleet
      topics.events(fk.deviceId, 'ticket-issued'),
      `${topics.prefix}/devices/someone-else/responses`,
      'kiosk/v1/fleet/x/responses/extra',
      '', // (control characters never reach the kiosk: Mosquitto refuses them from the sender)
      `kiosk/v1/fleet/${'x'.repeat(300)}/responses`,
    ];
    const junk = { id: 'junk-0001', name: 'ping' };
    for (const responseTopic of hostile) {
      // five unsigned messages each, as in the report, then the same topic on a validly signed ping
      for (let i = 0; i < 5; i++)
        expect(await answers(junk, 'ping', { responseTopic, correlationData: randomBytes(16) })).toEqual([]);
      expect(await answers(signedPing(), 'ping', { responseTopic })).toEqual([]);
    }
    // huge correlation data is not echoed back either
    expect(
      await answers(signedPing(), 'ping', {
        responseTopic: topics.fleetResponses(randomUUID()),
        correlationData: Buffer.alloc(65_000, 7),
      }),
    ).toEqual([]);
    expect(connections()).toBe(before);
    expect(fk.kiosk.logs.join('\n')).not.toMatch(/disconnected from the fleet broker/);
    const status = fk.json(topics.status(fk.deviceId)).at(-1);
    expect(status?.state).toBe('online');
    const pong = await ask(JSON.parse(signedPing()));
    expect(pong).toMatchObject({ ok: true, result: { pong: true } });
    const counted = await ask(
      signCommand({ name: 'status', target: { device: fk.deviceId }, key: fk.keys.key }),
      'status',
    );
    expect(counted?.result?.commands).toMatchObject({
      unverified: 0,
      badResponseRoute: hostile.length * 6 + 1,
    });
  });

  it(`fuzzes every subscribed topic (${FUZZ_CASES} fast-check cases, hostile MQTT 5 properties in a quarter): no crash, no disconnect, only fleet-signed refusals answered, memory comes back`, async () => {
    const before = connections();
    const report = await runMqttFuzz(fk, FUZZ_CASES, 42);
    console.log(`MQTT fuzz: ${JSON.stringify(report)}`);
    expect((report as { problems?: string[] }).problems ?? []).toEqual([]);
    expect(report.crashed).toBe(false);
    expect(report.accepted).toBe(0);
    expect(report.unanswered).toBe(0);
    expect(report.refusedClearly + report.ignored).toBe(report.commandCases);
    expect(report.hostileProperties).toBeGreaterThan(0);
    expect(report.rssMaxMb - report.rssStartMb).toBeLessThan(200);
    // the memory comes back once the hostile payloads are gone (every per-message structure is bounded)
    const settled = await waitFor(
      () => (fk.rssMb() - report.rssStartMb < 30 ? fk.rssMb() : undefined),
      30_000,
      `kiosk RSS back within 30 MB of ${report.rssStartMb} MB`,
    );
    console.log(
      `MQTT fuzz: RSS ${report.rssStartMb} MB -> peak ${report.rssMaxMb} MB -> ${settled} MB after`,
    );
    // malformed manifests were reported to the fleet as refused (deduplicated per problem)
    if (report.otherCases > 0)
      await waitFor(
        () => fk.json(topics.events(fk.deviceId, 'catalog-refused')).length > 0,
        10_000,
        'catalog-refused event',
      );
    // still connected (never dropped by the broker), online, and serving
    expect(connections()).toBe(before);
    expect(fk.json(topics.status(fk.deviceId)).at(-1)?.state).toBe('online');
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
