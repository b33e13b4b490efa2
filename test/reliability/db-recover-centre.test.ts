import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IPublishPacket, MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { stopKiosk } from '../../app/lifecycle.js';
import { connectFleet, publishAsync, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { signLastTicketsReply } from '../../domain/fleet/last-tickets.js';
import { generateFleetKeys, parsePrivateKey } from '../../domain/fleet/signing.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { validateConfig } from '../../runtime/config/load.js';
import { askCentreForLastTickets } from '../../technician/recovery/ask-centre.js';
import { fleetKeys, waitFor } from '../helpers/fleet.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { startRegistry, type Registry } from '../helpers/registry.js';
import { tempDir } from '../helpers/sim-process.js';
import { garbageDatabase } from './harness/damaged-db.js';
import { startInProcessKiosk, type InProcessKiosk } from './harness/in-process-kiosk.js';
import { runRecover, runRecoverAsync } from './harness/recovery-cuts.js';
import { OPEN_MORNING, shiftedClock } from './harness/shifted-clock.js';

const DEVICE = 'kiosk-recover-centre';
const DAY = '2026-12-02';
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Issue 19 item 4, the centre's part: tickets the kiosk delivered are gone from its outbox (deleted
 * on PUBACK), so when kiosk.db and its -wal are lost only the fleet registry still knows them.
 * `kiosk db recover` asks it over MQTT 5 (a real Mosquitto, a real `kiosk fleet serve`), accepts
 * only an answer signed by a key the kiosk trusts for this request, and continues above it; when
 * the centre cannot be asked it changes nothing unless the technician gives --at-least.
 */
describe('Reliability: kiosk db recover asks the centre', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  const dir = (prefix: string): string => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    cleanup.push(() => rmSync(d, { recursive: true, force: true }));
    return d;
  };

  /** Broker, registry answering with the fleet key, a kiosk on them that issued `n` tickets, all delivered. */
  const deliveredTickets = async (n: number) => {
    const broker = await startMosquitto();
    cleanup.push(() => broker.dispose());
    const keys = fleetKeys(tempDir('recover-keys-'));
    let registry: Registry | undefined = await startRegistry(
      broker.url,
      join(dir('recover-registry-'), 'registry.sqlite'),
      'registry-recover',
      ['--key', keys.privateFile],
    );
    cleanup.push(() => void registry?.proc.kill('SIGKILL'));
    const fleet = {
      enabled: true,
      broker: broker.url,
      fleetPublicKey: keys.publicFile,
      reconnectMinMs: 200,
      reconnectMaxMs: 1000,
    };
    const data = dir('recover-centre-');
    const configFile = join(dir('recover-config-'), 'kiosk.json');
    writeFileSync(configFile, JSON.stringify({ device: { id: DEVICE }, fleet }));
    const k: InProcessKiosk = await startInProcessKiosk(
      data,
      { device: { id: DEVICE }, fleet },
      shiftedClock(OPEN_MORNING),
    );
    cleanup.push(() => stopKiosk(k.kiosk).catch(() => undefined));
    for (let i = 0; i < n; i++) {
      expect(await k.press('1')).toBe('ticket');
      await k.press('ok');
    }
    // Delivered: the outbox deleted every ticket record on the broker's PUBACK ...
    await waitFor(
      () => k.kiosk.outbox.peek(1000).every((m) => m.topic !== 'events/ticket-issued'),
      20_000,
      'the ticket records delivered',
    );
    // ... and the registry stored them (asked the way the recovery asks).
    const config = validateConfig({ device: { id: DEVICE }, fleet });
    await waitFor(
      async () => {
        const a = await askCentreForLastTickets({
          fleet: config.fleet,
          deviceId: DEVICE,
          serviceDay: DAY,
          timeoutMs: 2000,
        });
        return a.ok && a.tickets.some((t) => t.seq === n);
      },
      20_000,
      `the registry holding A-${String(n).padStart(3, '0')}`,
    );
    await stopKiosk(k.kiosk);
    // The power cut that took kiosk.db and its -wal: nothing local knows the numbers any more.
    garbageDatabase(data);
    for (const f of ['kiosk.db-wal', 'kiosk.db-shm'])
      if (existsSync(join(data, f))) unlinkSync(join(data, f));
    return {
      broker,
      keys,
      data,
      configFile,
      topics: fleetTopics(config.fleet.prefix),
      stopRegistry: async () => {
        registry?.proc.kill('SIGTERM');
        await registry?.exited;
        registry = undefined;
      },
    };
  };

  /** Starts a kiosk without the fleet on `d` and takes the next number. */
  const nextNumber = async (d: string): Promise<string> => {
    const k = await startInProcessKiosk(d, {}, shiftedClock(OPEN_MORNING + 3_600_000));
    try {
      expect(await k.press('1')).toBe('ticket');
      return String(k.kiosk.ui.current?.describe?.().ticket);
    } finally {
      await stopKiosk(k.kiosk);
    }
  };

  it('the files lost after the tickets were delivered: the centre knows A-012, the next is A-013 (A-001 without it)', async () => {
    const s = await deliveredTickets(12);
    // What the recovery did before it asked the centre: the day starts again at A-001.
    const blind = dir('recover-blind-');
    cpSync(s.data, blind, { recursive: true });
    const before = runRecover(blind, ['--config', s.configFile, '--offline']);
    expect(before.status, before.out).toBe(0);
    expect(before.out).toContain('the centre was not asked (--offline)');
    expect(await nextNumber(blind)).toBe('A-001');

    const r = runRecover(s.data, ['--config', s.configFile]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain(`the centre (fleet registry, key ${s.keys.keyId}) holds A-012 on ${DAY}`);
    expect(r.out).toContain(`numbering of tu-phap on ${DAY} continues after 12 (from centre)`);
    expect(await nextNumber(s.data)).toBe('A-013');
  });

  it("a stranger's replies are refused; without a verified answer nothing changes unless --at-least is given", async () => {
    const s = await deliveredTickets(12);
    // A stranger on the broker (no ACL here: the worst case) sees the request and answers first:
    // unsigned, signed by its own key, and a genuine earlier answer replayed.
    const strangerKey = parsePrivateKey(generateFleetKeys().privatePem);
    const genuine = signLastTicketsReply({
      device: DEVICE,
      request: { serviceDay: DAY, nonce: randomBytes(16).toString('hex') },
      tickets: [],
      records: 0,
      key: s.keys.key,
    });
    const stranger: MqttClient = await connectFleet({ url: s.broker.url, clientId: 'stranger' });
    cleanup.push(() => void stranger.end(true));
    let seen = 0;
    stranger.on('message', (topic: string, payload: Buffer, packet: IPublishPacket) => {
      const correlationData = packet.properties?.correlationData;
      if (!s.topics.parseLastTicketsRequest(topic) || !correlationData) return;
      seen++;
      const { serviceDay, nonce } = JSON.parse(payload.toString()) as { serviceDay: string; nonce: string };
      const forged = {
        type: 'last-tickets',
        device: DEVICE,
        serviceDay,
        nonce,
        tickets: [{ group: 'tu-phap', serviceDay: DAY, number: 'A-900', seq: 900, issuedAt: null }],
        records: 1,
        answeredAt: new Date().toISOString(),
      };
      const to = s.topics.replies(DEVICE);
      const options = { qos: 1 as const, properties: { correlationData } };
      void publishAsync(stranger, to, JSON.stringify(forged), options);
      void publishAsync(
        stranger,
        to,
        JSON.stringify(
          signLastTicketsReply({
            ...forged,
            device: DEVICE,
            request: { serviceDay, nonce },
            key: strangerKey,
          }),
        ),
        options,
      );
      void publishAsync(stranger, to, JSON.stringify(genuine), options);
    });
    await subscribeAsync(stranger, s.topics.filters.lastTicketsRequests());

    // The stranger and the registry both answer: only the registry's signed answer counts.
    const both = dir('recover-both-');
    cpSync(s.data, both, { recursive: true });
    const r = await runRecoverAsync(both, ['--config', s.configFile]);
    expect(r.status, r.out).toBe(0);
    expect(seen).toBe(1);
    expect(r.out).toContain(`numbering of tu-phap on ${DAY} continues after 12 (from centre)`);
    // the stranger's A-900 (not the port, which may hold 900) is nowhere in the numbering
    expect(r.out).not.toMatch(/after 900\b|A-900/);
    expect(await nextNumber(both)).toBe('A-013');

    // Only the stranger answers (the registry is down): refused, nothing changed.
    await s.stopRegistry();
    const files = sha(join(s.data, 'kiosk.db'));
    const alone = await runRecoverAsync(s.data, ['--config', s.configFile, '--centre-timeout', '3']);
    expect(alone.status, alone.out).toBe(1);
    expect(seen).toBe(2);
    expect(alone.out).toContain('3 reply(ies) refused');
    expect(alone.out).toContain('keyId and signature are required');
    expect(alone.out).toContain('which is not in fleet.fleetPublicKey');
    expect(alone.out).toContain('answers another request');
    expect(alone.out).toContain('Nothing was changed');
    expect(alone.out).toContain('--at-least A-030');
    expect(sha(join(s.data, 'kiosk.db'))).toBe(files);
    expect(existsSync(join(s.data, 'recovery'))).toBe(false);

    // The broker down as well: refused at once with the reason; the technician's --at-least goes ahead.
    await s.broker.stop();
    const offline = await runRecoverAsync(s.data, ['--config', s.configFile, '--centre-timeout', '3']);
    expect(offline.status, offline.out).toBe(1);
    expect(offline.out).toContain(`cannot connect to ${s.broker.url}`);
    expect(existsSync(join(s.data, 'recovery'))).toBe(false);
    const given = await runRecoverAsync(s.data, [
      '--config',
      s.configFile,
      '--centre-timeout',
      '3',
      '--at-least',
      `A-012@${DAY}`,
    ]);
    expect(given.status, given.out).toBe(0);
    expect(given.out).toContain('going by the files and --at-least');
    expect(given.out).not.toMatch(/after 900\b|A-900/);
    expect(await nextNumber(s.data)).toBe('A-013');
  });
});
