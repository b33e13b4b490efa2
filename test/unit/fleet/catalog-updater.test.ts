import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { buildRollout, sha256, type Rollout } from '../../../domain/fleet/catalog-manifest.js';
import { compareCatalogVersions } from '../../../domain/catalog/catalog-version.js';
import { CatalogStore, fleetCatalogPath } from '../../../domain/fleet/catalog-store.js';
import { CatalogUpdater } from '../../../domain/fleet/catalog-updater.js';
import { inAudience, waveHash, WAVE_SPACE, type Audience } from '../../../domain/fleet/rollout-audience.js';
import {
  generateFleetKeys,
  parsePrivateKey,
  parsePublicKeys,
  signDocument,
} from '../../../domain/fleet/signing.js';
import { fleetTopics } from '../../../domain/fleet/topics.js';
import { waitFor } from '../../helpers/fleet.js';
import { tempDir } from '../../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from './fixtures.js';

const fleet = generateFleetKeys();
const key = parsePrivateKey(fleet.privatePem);
const topics = fleetTopics('kiosk/v1');

interface Harness {
  updater: CatalogUpdater;
  store: CatalogStore;
  subscribed: Set<string>;
  reports: { type: string; data: Record<string, unknown> }[];
  /** What the status said at each report (a report re-publishes the status). */
  statusAtReport: { version: string | null; last: CatalogUpdater['lastResult'] }[];
  activations: string[];
  failActivation: { on: string | null };
}

describe('Fleet: catalog rollouts (device side)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const harness = (
    keys = parsePublicKeys(fleet.publicPem),
    stallMs?: number,
    who: { deviceId: string; groups: string[] } = { deviceId: 'kiosk-1', groups: ['ha-noi'] },
  ): Harness => {
    const store = new CatalogStore(fleetCatalogPath(dir));
    const h: Harness = {
      store,
      subscribed: new Set(),
      reports: [],
      statusAtReport: [],
      activations: [],
      failActivation: { on: null },
      updater: undefined as unknown as CatalogUpdater,
    };
    h.updater = new CatalogUpdater({
      store,
      ...who,
      topics,
      channel: 'stable',
      keys,
      log: pino({ level: 'silent' }),
      subscribe: async (t) => t.forEach((x) => h.subscribed.add(x)),
      unsubscribe: async (t) => t.forEach((x) => h.subscribed.delete(x)),
      report: (type, data) => {
        h.reports.push({ type, data });
        h.statusAtReport.push({ version: h.updater.version, last: h.updater.lastResult });
      },
      activate: async (_path, version) => {
        if (h.failActivation.on === version) throw new Error('catalog service could not load it');
        h.activations.push(version);
      },
      ...(stallMs ? { stallMs } : {}),
    });
    return h;
  };

  /** Delivers the chunks the updater subscribed to, like the broker does for retained topics. */
  const deliver = async (h: Harness, r: Rollout, limit = Infinity) => {
    let n = 0;
    for (let i = 0; i < r.chunks.length && n < limit; i++) {
      if (!h.subscribed.has(topics.catalogChunk('stable', r.manifest.version, i))) continue;
      await h.updater.onChunk(i, r.manifest.version, r.chunks[i] as Buffer);
      n++;
    }
    return n;
  };

  const rollout = (
    version: string,
    opts: { n?: number; edit?: string; base?: Buffer; chunkSize?: number; audience?: Audience } = {},
  ) =>
    buildRollout({
      catalog: catalogBytes(makeCatalog(version, opts.n ?? 40, opts.edit)),
      channel: 'stable',
      key,
      chunkSize: opts.chunkSize ?? 512,
      ...(opts.base ? { base: opts.base } : {}),
      ...(opts.audience ? { audience: opts.audience } : {}),
    });

  it('applies a staged wave only where its signed audience says, and stops a download the wave dropped', async () => {
    const hash = waveHash('r1', 'kiosk-1');
    const inside = harness(undefined, undefined, { deviceId: 'kiosk-1', groups: ['ha-noi'] });
    await inside.updater.init();
    // a wave that stops just below kiosk-1's hash: not its turn, nothing reported
    const early = rollout('2026.11.27-1', { audience: { rollout: 'r1', wave: 0, below: hash } });
    await inside.updater.onManifest(Buffer.from(JSON.stringify(early.manifest)));
    expect(inside.subscribed.size).toBe(0);
    expect(inside.reports).toEqual([]);
    // the audience is signed: widening it breaks the signature
    const widened = { ...early.manifest, audience: { rollout: 'r1', wave: 0, below: WAVE_SPACE } };
    await inside.updater.onManifest(Buffer.from(JSON.stringify(widened)));
    expect(inside.subscribed.size).toBe(0);
    expect(inside.reports.map((r) => r.data.code)).toEqual(['bad-signature']);
    // the next wave includes it: it downloads
    const next = rollout('2026.11.27-1', { audience: { rollout: 'r1', wave: 1, below: hash + 1 } });
    await inside.updater.onManifest(Buffer.from(JSON.stringify(next.manifest)));
    expect(inside.subscribed.size).toBe(next.chunks.length);
    await deliver(inside, next, 1);
    // aborted (an audience of nobody): the download stops, the installed version stays
    const abort = rollout('2026.11.27-1', { audience: { rollout: 'r1', wave: 1, below: 0 } });
    await inside.updater.onManifest(Buffer.from(JSON.stringify(abort.manifest)));
    expect(inside.updater.progress).toBeNull();
    expect(inside.subscribed.size).toBe(0);
    expect(inside.updater.version).not.toBe('2026.11.27-1');
    // a group rollout passes kiosks of other groups by; a device list names its devices
    expect(
      inAudience({ rollout: 'r1', wave: 0, below: WAVE_SPACE, groups: ['hue'] }, 'kiosk-1', ['ha-noi']),
    ).toBe(false);
    expect(
      inAudience({ rollout: 'r1', wave: 0, below: WAVE_SPACE, groups: ['ha-noi'] }, 'kiosk-1', ['ha-noi']),
    ).toBe(true);
    expect(
      inAudience({ rollout: 'r1', wave: 0, below: WAVE_SPACE, devices: ['kiosk-2'] }, 'kiosk-1', []),
    ).toBe(false);
    // the hash is stable and spreads: about 10% of 2,000 ids fall under a 10% cut
    const share = Array.from(
      { length: 2000 },
      (_, i) => waveHash('r1', `kiosk-${i}`) < WAVE_SPACE / 10,
    ).filter(Boolean).length;
    expect(share).toBeGreaterThan(150);
    expect(share).toBeLessThan(250);
  });

  it('shows a waiting download in the status and reports it stalled when no good chunk comes', async () => {
    const h = harness(parsePublicKeys(fleet.publicPem), 150);
    await h.updater.init();
    const r = rollout('2026.11.27-1');
    await h.updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
    const bad = Buffer.from(r.chunks[0] as Buffer);
    bad[5] = (bad[5] ?? 0) ^ 0xff;
    await h.updater.onChunk(0, r.manifest.version, bad);
    expect(h.updater.progress).toMatchObject({
      version: '2026.11.27-1',
      have: 0,
      need: r.chunks.length,
      since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      badChunks: 1,
    });
    await waitFor(() => h.reports.find((x) => x.data.code === 'stalled'), 5000, 'stalled report');
    expect(h.reports.filter((x) => x.type === 'catalog-refused')).toEqual([
      {
        type: 'catalog-refused',
        data: expect.objectContaining({ version: '2026.11.27-1', code: 'stalled', have: 0, badChunks: 1 }),
      },
    ]);
    // the kiosk keeps waiting: the good copies still install
    await deliver(h, r);
    expect(h.updater.version).toBe('2026.11.27-1');
    expect(h.updater.progress).toBeNull();
  });

  it("puts no unverified text in events: a malformed manifest's version and reason are bounded", async () => {
    const h = harness();
    await h.updater.init();
    for (let i = 0; i < 300; i++)
      await h.updater.onManifest(
        Buffer.from(
          JSON.stringify({ version: `\u0007${'v'.repeat(10_000)}${i}`, [`k${'\u0000'.repeat(50)}${i}`]: 1 }),
        ),
      );
    const events = h.reports.filter((x) => x.type === 'catalog-refused');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.data.version).toBeNull();
      expect(String(e.data.reason).length).toBeLessThanOrEqual(500);
      expect(String(e.data.reason)).not.toContain('\u0000');
      expect(String(e.data.reason)).not.toContain('\u0007');
    }
  });

  it('orders versions numerically', () => {
    expect(compareCatalogVersions('2026.11.25-10', '2026.11.25-9')).toBeGreaterThan(0);
    expect(compareCatalogVersions('2026.01.01-1', '2026.01.01-1')).toBe(0);
    expect(compareCatalogVersions('2025.12.31-5', '2026.01.01-1')).toBeLessThan(0);
  });

  it('downloads, verifies and installs a signed full catalog atomically, reporting the result', async () => {
    const h = harness();
    await h.updater.init();
    const r = rollout('2026.11.25-1');
    expect(r.chunks.length).toBeGreaterThan(1);
    await h.updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
    await deliver(h, r);
    expect(readFileSync(h.store.path)).toEqual(r.target);
    expect(h.updater.version).toBe('2026.11.25-1');
    expect(h.activations).toEqual(['2026.11.25-1']);
    expect(h.reports.map((x) => x.type)).toEqual(['catalog-applied']);
    expect(h.subscribed.size).toBe(0);
    expect(existsSync(h.store.stagingDir) ? 'staging left' : 'clean').toBe('clean');
    // the same manifest again (retained, after a reconnect) changes nothing
    await h.updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
    expect(h.reports).toHaveLength(1);
  });

  it('resumes after a drop: staged chunks survive a restart and only missing ones are asked for', async () => {
    const r = rollout('2026.11.25-1', { n: 80 });
    const first = harness();
    await first.updater.init();
    await first.updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
    const half = Math.floor(r.chunks.length / 2);
    await deliver(first, r, half);
    // kiosk restarts: a new updater, same disk
    const second = harness();
    await second.updater.init();
    await second.updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
    expect(second.subscribed.size).toBe(r.chunks.length - half);
    await deliver(second, r);
    expect(second.reports[0]).toMatchObject({ type: 'catalog-applied', data: { resumedFromChunks: half } });
    expect(sha256(readFileSync(second.store.path))).toBe(r.manifest.sha256);
  });

  it('applies a delta with only the changed procedures and keeps the previous file for rollback', async () => {
    const h = harness();
    await h.updater.init();
    const base = rollout('2026.11.25-1', { n: 200 });
    await h.updater.onManifest(Buffer.from(JSON.stringify(base.manifest)));
    await deliver(h, base);
    const next = makeCatalog('2026.11.26-1', 200);
    for (let i = 0; i < 10; i++) (next.procedures[i] as { name: string }).name += ' (sửa đổi)';
    const delta = buildRollout({
      catalog: catalogBytes(next),
      base: base.target,
      channel: 'stable',
      key,
      chunkSize: 512,
    });
    expect(delta.manifest.content.kind).toBe('delta');
    const carried = JSON.parse(gunzipSync(Buffer.concat(delta.chunks)).toString('utf8')) as {
      upsert: unknown[];
      order: string[];
    };
    expect([carried.upsert.length, carried.order.length]).toEqual([10, 200]);
    await h.updater.onManifest(Buffer.from(JSON.stringify(delta.manifest)));
    await deliver(h, delta);
    expect(h.updater.version).toBe('2026.11.26-1');
    const current = (await h.store.readCurrent()) as Buffer;
    expect(current).toEqual(delta.target);
    const installed = JSON.parse(current.toString('utf8')) as { procedures: { name: string }[] };
    expect(installed.procedures[3]?.name).toContain('(sửa đổi)');
    // the delta is logged beside the file, which stays the base (only what changed is written)
    expect(readFileSync(h.store.path)).toEqual(base.target);
    expect(existsSync(h.store.deltasPath)).toBe(true);
    expect((await h.store.state()).previous).toEqual({
      version: '2026.11.25-1',
      sha256: base.manifest.sha256,
    });

    const back = await h.updater.rollback();
    expect(back).toEqual({ from: '2026.11.26-1', to: '2026.11.25-1' });
    expect(await h.store.readCurrent()).toEqual(base.target);
    expect(existsSync(h.store.deltasPath)).toBe(false);
    expect(h.activations.at(-1)).toBe('2026.11.25-1');
    // the retained manifest of the rolled-back version is not applied again
    await h.updater.onManifest(Buffer.from(JSON.stringify(delta.manifest)));
    expect(h.reports.at(-1)).toMatchObject({ type: 'catalog-refused', data: { code: 'blocked' } });
  });

  it('refuses tampered, unsigned-by-us, older, other-channel and malformed manifests', async () => {
    const h = harness();
    await h.updater.init();
    const r2 = rollout('2026.11.25-2');
    await h.updater.onManifest(Buffer.from(JSON.stringify(r2.manifest)));
    await deliver(h, r2);
    const codes = async (payload: Buffer) => {
      await h.updater.onManifest(payload);
      return (h.reports.at(-1)?.data as { code: string }).code;
    };
    const r3 = rollout('2026.11.25-3');
    expect(await codes(Buffer.from(JSON.stringify({ ...r3.manifest, size: r3.manifest.size + 1 })))).toBe(
      'bad-signature',
    );
    const stranger = buildRollout({
      catalog: catalogBytes(makeCatalog('2026.11.25-4')),
      channel: 'stable',
      key: parsePrivateKey(generateFleetKeys().privatePem),
    });
    expect(await codes(Buffer.from(JSON.stringify(stranger.manifest)))).toBe('unknown-key');
    expect(await codes(Buffer.from(JSON.stringify(rollout('2026.11.25-1').manifest)))).toBe('older');
    const pilot = buildRollout({ catalog: catalogBytes(makeCatalog('2026.11.25-5')), channel: 'pilot', key });
    expect(await codes(Buffer.from(JSON.stringify(pilot.manifest)))).toBe('wrong-channel');
    expect(await codes(Buffer.from('{"format":'))).toBe('malformed');
    expect(await codes(Buffer.from(JSON.stringify({ format: 'smart-kiosk-catalog-manifest' })))).toBe(
      'malformed',
    );
    expect(h.updater.version).toBe('2026.11.25-2');
    expect(h.activations).toEqual(['2026.11.25-2']);
  });

  it('ignores chunks whose hash does not match and refuses content that does not match the signed hash', async () => {
    const h = harness();
    await h.updater.init();
    const r = rollout('2026.11.25-1');
    await h.updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
    await h.updater.onChunk(0, r.manifest.version, Buffer.from('garbage'));
    expect(h.updater.progress?.have).toBe(0);
    // a correctly signed manifest whose file hash is wrong (publisher bug) is refused after download
    const bad = rollout('2026.11.25-2');
    const lying = signDocument({ ...bad.manifest, sha256: sha256('something else') }, key);
    await h.updater.onManifest(Buffer.from(JSON.stringify(lying)));
    await deliver(h, bad);
    expect(h.reports.at(-1)).toMatchObject({ type: 'catalog-refused', data: { code: 'verify-failed' } });
    expect(existsSync(h.store.path)).toBe(false);
  });

  it('rolls back to the previous file when the running kiosk cannot load the new one', async () => {
    const h = harness();
    await h.updater.init();
    const r1 = rollout('2026.11.25-1');
    await h.updater.onManifest(Buffer.from(JSON.stringify(r1.manifest)));
    await deliver(h, r1);
    h.failActivation.on = '2026.11.25-2';
    const r2 = rollout('2026.11.25-2', { edit: 'x' });
    await h.updater.onManifest(Buffer.from(JSON.stringify(r2.manifest)));
    await deliver(h, r2);
    expect(readFileSync(h.store.path)).toEqual(r1.target);
    expect(h.updater.version).toBe('2026.11.25-1');
    expect(h.reports.at(-1)).toMatchObject({
      type: 'catalog-rolled-back',
      data: { from: '2026.11.25-2', to: '2026.11.25-1' },
    });
    expect((await h.store.state()).blocked).toContain('2026.11.25-2');
  });

  it('has the outcome in the status before it reports it (a fleet tool that missed the event reads the status)', async () => {
    const h = harness();
    await h.updater.init();
    const r1 = rollout('2026.11.25-1');
    await h.updater.onManifest(Buffer.from(JSON.stringify(r1.manifest)));
    await deliver(h, r1);
    const r3 = rollout('2026.11.25-3');
    await h.updater.onManifest(Buffer.from(JSON.stringify({ ...r3.manifest, size: r3.manifest.size + 1 })));
    h.failActivation.on = '2026.11.25-2';
    const r2 = rollout('2026.11.25-2', { edit: 'x' });
    await h.updater.onManifest(Buffer.from(JSON.stringify(r2.manifest)));
    await deliver(h, r2);
    expect(
      h.reports.map((r, i) => [r.type, h.statusAtReport[i]?.version, h.statusAtReport[i]?.last]),
    ).toEqual([
      ['catalog-applied', '2026.11.25-1', { version: '2026.11.25-1', ok: true, at: expect.any(String) }],
      [
        'catalog-refused',
        '2026.11.25-1',
        {
          version: '2026.11.25-3',
          ok: false,
          code: 'bad-signature',
          reason: expect.any(String),
          at: expect.any(String),
        },
      ],
      [
        'catalog-rolled-back',
        '2026.11.25-1',
        {
          version: '2026.11.25-2',
          ok: false,
          code: 'rolled-back',
          reason: 'catalog service could not load it',
          at: expect.any(String),
        },
      ],
    ]);
  });

  it('refuses manifests when no fleet key is configured', async () => {
    const h = harness(new Map());
    await h.updater.init();
    await h.updater.onManifest(Buffer.from(JSON.stringify(rollout('2026.11.25-1').manifest)));
    expect(h.reports[0]).toMatchObject({ type: 'catalog-refused', data: { code: 'no-fleet-key' } });
    await expect(h.updater.rollback()).rejects.toThrow(/no previous catalog/);
  });
});
