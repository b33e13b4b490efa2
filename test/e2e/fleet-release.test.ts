import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAsync, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../domain/fleet/signing.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { installBundle } from '../../domain/release/release-installer.js';
import { ReleaseLayout } from '../../domain/release/release-layout.js';
import { hostArch, type ReleaseArch } from '../../domain/release/release-manifest.js';
import { buildOffer } from '../../domain/release/release-offer.js';
import { ReleaseUpdater } from '../../domain/release/release-updater.js';
import { fleetKeys, manager, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { bundleApp, fakeApp } from '../helpers/release-app.js';
import { KIOSK_BIN, tempDir } from '../helpers/sim-process.js';

const exec = promisify(execFile);
const topics = fleetTopics('kiosk/v1');
const ARCH = hostArch() as ReleaseArch;
const ABI = Number(process.versions.modules);

async function bundle(version: string, key: ReturnType<typeof fleetKeys>['key']): Promise<string> {
  return bundleApp(fakeApp({ version }), { version, key });
}

describe('Fleet e2e: signed app release over a real Mosquitto', () => {
  let broker: Mosquitto;
  const keys = fleetKeys();
  const events: { type: string; data: Record<string, unknown> }[] = [];
  let idle = false;
  let exits = 0;
  let layout: ReleaseLayout;
  let updater: ReleaseUpdater;
  let kiosk: Awaited<ReturnType<typeof manager>>;

  beforeAll(async () => {
    // subscriptions are logged: the publish --wait test checks what the CLI subscribed to
    broker = await startMosquitto({ extra: 'log_type subscribe' });
    layout = new ReleaseLayout(tempDir('kiosk-opt-'));
    await layout.clearIncoming();
    await installBundle(layout, await bundle('1.0.0', keys.key), { keys: parsePublicKeys(keys.publicPem) });
    await layout.point('current', '1.0.0');
    await layout.point('previous', '1.0.0');
    kiosk = await manager(broker.url);
    updater = new ReleaseUpdater({
      layout,
      topics,
      channel: 'stable',
      arch: ARCH,
      deviceId: 'kiosk-r1',
      groups: ['pilot'],
      keys: parsePublicKeys(keys.publicPem),
      abi: ABI,
      configVersion: 1,
      log: pino({ level: 'silent' }),
      subscribe: async (filters) => subscribeAsync(kiosk.client, filters),
      unsubscribe: async (filters) => {
        await kiosk.client.unsubscribeAsync(filters);
      },
      report: (type, data) => events.push({ type, data }),
      whyNotNow: () => (idle ? undefined : 'used 0 min ago'),
      notice: async () => undefined,
      backupDatabase: async () => null,
      exit: () => exits++,
      idleCheckMs: 50,
    });
    kiosk.client.on('message', (topic, payload) => {
      if (topic === topics.releaseOffer('stable', ARCH)) void updater.onOffer(payload);
      const c = topics.parseReleaseChunk(topic);
      if (c) void updater.onChunk(c.index, c.version, payload);
    });
    await subscribeAsync(kiosk.client, [topics.releaseOffer('stable', ARCH)]);
  });

  afterAll(async () => {
    updater?.stop();
    await kiosk?.client.endAsync();
    await broker?.dispose();
  });

  it('an offer signed by a stranger, or for another group, makes the kiosk download nothing', async () => {
    const stranger = parsePrivateKey(generateFleetKeys().privatePem);
    const file = await bundle('9.0.0', stranger);
    const forged = await buildOffer({ file, channel: 'stable', key: stranger, chunkSize: 4096 });
    await publishAsync(kiosk.client, topics.releaseOffer('stable', ARCH), JSON.stringify(forged), {
      qos: 1,
      retain: true,
    });
    await waitFor(() => events.find((e) => e.type === 'app-refused'), 10_000, 'the refusal');
    expect(events.find((e) => e.type === 'app-refused')?.data).toMatchObject({
      version: '9.0.0',
      code: 'unknown-key',
    });
    const other = await buildOffer({
      file: await bundle('9.1.0', keys.key),
      channel: 'stable',
      group: 'hanoi',
      key: keys.key,
    });
    await publishAsync(kiosk.client, topics.releaseOffer('stable', ARCH), JSON.stringify(other), {
      qos: 1,
      retain: true,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(updater.update.state).toBe('refused');
    expect(readdirSync(layout.releasesDir).sort()).toEqual(['1.0.0']);
  });

  it('kiosk fleet release publish: the kiosk downloads, verifies, installs, waits for idle, then switches', async () => {
    const file = await bundle('2.0.0', keys.key);
    const out = await exec(process.execPath, [
      KIOSK_BIN,
      'fleet',
      'release',
      'publish',
      '--bundle',
      file,
      '--key',
      keys.privateFile,
      '--channel',
      'stable',
      '--group',
      'pilot',
      '--chunk-size',
      '1024',
      '--broker',
      broker.url,
      '--json',
    ]);
    const summary = JSON.parse(out.stdout) as { version: string; chunks: number };
    expect(summary).toMatchObject({ version: '2.0.0', arch: ARCH, group: 'pilot' });
    expect(summary.chunks).toBeGreaterThan(1);
    await waitFor(() => updater.update.state === 'waiting-for-idle', 20_000, 'waiting-for-idle');
    await waitFor(() => 'reason' in updater.update, 5_000, 'the reason it waits');
    expect(updater.update).toEqual({ state: 'waiting-for-idle', version: '2.0.0', reason: 'used 0 min ago' });
    expect(events.map((e) => e.type)).toContain('app-downloaded');
    expect(readlinkSync(join(layout.dir, 'current'))).toBe('releases/1.0.0');
    idle = true;
    await waitFor(() => exits === 1, 10_000, 'the switch');
    expect(readlinkSync(join(layout.dir, 'current'))).toBe('releases/2.0.0');
    expect(readlinkSync(join(layout.dir, 'previous'))).toBe('releases/1.0.0');
    expect(await layout.state()).toMatchObject({
      phase: 'trial',
      committed: '1.0.0',
      trial: { version: '2.0.0', from: '1.0.0', starts: 0 },
    });
    expect(readdirSync(layout.releasesDir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(existsSync(join(layout.releaseDir('2.0.0'), 'node_modules/zod/index.js'))).toBe(true);
  });

  it('release publish --wait: QoS 0 on the release events only; kiosks whose events were dropped are counted from their statuses', async () => {
    const file = await bundle('3.0.0', keys.key);
    const other = await manager(broker.url);
    const status = (device: string, doc: Record<string, unknown>) =>
      publishAsync(
        other.client,
        topics.status(device),
        JSON.stringify({
          state: 'online',
          device,
          channel: 'stable',
          groups: ['lost'],
          appVersion: '1.0.0',
          ...doc,
        }),
        { qos: 1, retain: true },
      );
    const lost = ['kiosk-lost-1', 'kiosk-lost-2', 'kiosk-lost-3', 'kiosk-lost-4', 'kiosk-lost-5'];
    // events the broker dropped: only the statuses tell
    await status('kiosk-lost-1', { appVersion: '3.0.0', update: { state: 'committed', version: '3.0.0' } });
    await status('kiosk-lost-2', {
      update: { state: 'refused', version: '3.0.0', code: 'abi', reason: 'ABI 115, kiosk 109' },
    });
    await status('kiosk-lost-3', { update: { state: 'downloading', version: '3.0.0', have: 1, need: 9 } });
    // not in the audience: another group, another channel
    await status('kiosk-lost-4', { groups: ['pilot'], update: { state: 'committed', version: '3.0.0' } });
    await status('kiosk-lost-5', { channel: 'pilot', update: { state: 'committed', version: '3.0.0' } });
    // one kiosk whose event does come, while the CLI waits
    other.client.on('message', (topic) => {
      if (topic !== topics.releaseOffer('stable', ARCH)) return;
      void publishAsync(
        other.client,
        'kiosk/v1/devices/kiosk-ev-1/events/app-downloaded',
        JSON.stringify({
          id: 'e1',
          type: 'app-downloaded',
          kind: 'event',
          ts: new Date().toISOString(),
          data: { version: '3.0.0' },
        }),
        { qos: 1 },
      );
    });
    await subscribeAsync(other.client, [topics.releaseOffer('stable', ARCH)]);
    const logsBefore = broker.logs.length;
    try {
      const out = await exec(process.execPath, [
        KIOSK_BIN,
        'fleet',
        'release',
        'publish',
        '--bundle',
        file,
        '--key',
        keys.privateFile,
        '--channel',
        'stable',
        '--group',
        'lost',
        '--wait',
        '2',
        '--broker',
        broker.url,
        '--json',
      ]);
      const summary = JSON.parse(out.stdout) as { devices: Record<string, string> };
      expect(summary.devices).toEqual({
        'kiosk-ev-1': 'app-downloaded',
        'kiosk-lost-1': 'app-updated',
        'kiosk-lost-2': 'app-refused: ABI 115, kiosk 109',
      });
      // what the CLI subscribed to (Mosquitto logs "CLIENT QOS FILTER" per subscription)
      const subscribed = broker.logs
        .slice(logsBefore)
        .join('')
        .split('\n')
        .map((l) => /^\d+: (\S+) (\d) (\S+)$/.exec(l.trim()))
        .filter((m): m is RegExpExecArray => m !== null && m[1]!.startsWith('kiosk-fleet'))
        .map((m) => `${m[2]} ${m[3]}`);
      expect(subscribed.filter((l) => l.includes('/events/')).sort()).toEqual(
        ['app-downloaded', 'app-refused', 'app-rolled-back', 'app-switching', 'app-updated']
          .map((t) => `0 kiosk/v1/devices/+/events/${t}`)
          .sort(),
      );
    } finally {
      for (const device of lost)
        await publishAsync(other.client, topics.status(device), '', { qos: 1, retain: true });
      await other.client.endAsync();
    }
  });
});
