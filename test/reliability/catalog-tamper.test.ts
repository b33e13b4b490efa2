import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRollout, sha256, type Rollout } from '../../domain/fleet/catalog-manifest.js';
import { fleetCatalogPath } from '../../domain/fleet/catalog-store.js';
import { publishAsync, publishRollout } from '../../domain/fleet/fleet-client.js';
import { signDocument } from '../../domain/fleet/signing.js';
import { waitFor } from '../helpers/fleet.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';
import { startFleetKiosk, topics, type FleetKiosk } from './harness/fleet-kiosk.js';
import { sleep } from './harness/rng.js';

type Event = { data: Record<string, unknown> };
type Manifest = Rollout['manifest'];

/** The manifest without its signature, ready to be changed and signed again. */
function unsigned(m: Manifest): Omit<Manifest, 'keyId' | 'signature'> {
  const body: Partial<Manifest> = { ...m };
  delete body.keyId;
  delete body.signature;
  return body as Omit<Manifest, 'keyId' | 'signature'>;
}

describe('Reliability: tampered catalog rollouts are refused and the old catalog keeps serving', () => {
  let fk: FleetKiosk;
  const path = () => fleetCatalogPath(fk.dataDir);
  const fileSha = () => sha256(readFileSync(path()));
  const events = (type: string) => fk.json(topics.events(fk.deviceId, type)) as unknown as Event[];
  const refused = (code: string, version: string) =>
    waitFor(
      () => events('catalog-refused').find((e) => e.data.code === code && e.data.version === version),
      15_000,
      `catalog-refused ${code} for ${version}`,
    );
  const rollout = (version: string, extra: Partial<Parameters<typeof buildRollout>[0]> = {}): Rollout =>
    buildRollout({
      catalog: catalogBytes(makeCatalog(version, 120, ` ${version}`)),
      channel: 'stable',
      key: fk.keys.key,
      chunkSize: 2048,
      ...extra,
    });
  const install = async (r: Rollout) => {
    await publishRollout(fk.mgr, topics, r);
    await waitFor(
      () => events('catalog-applied').some((e) => e.data.version === r.manifest.version),
      15_000,
      `${r.manifest.version} applied`,
    );
    expect(fileSha()).toBe(r.manifest.sha256);
  };
  const manifest = (doc: unknown) =>
    publishAsync(fk.mgr, topics.catalogManifest('stable'), JSON.stringify(doc), { qos: 1, retain: true });
  /** The catalog did not change and the kiosk still answers with it. */
  const stillServing = async (r: Rollout) => {
    expect(fileSha()).toBe(r.manifest.sha256);
    const state = await fk.kiosk.api<{ screen: string }>('/api/state');
    expect(state.screen).toBe('home');
    const status = fk.json(topics.status(fk.deviceId)).at(-1);
    expect(status?.catalogVersion).toBe(r.manifest.version);
  };

  let v1: Rollout;
  let v2: Rollout;
  beforeAll(async () => {
    fk = await startFleetKiosk({ deviceId: 'kiosk-catalog-tamper' });
    v1 = rollout('2026.11.20-1');
    v2 = rollout('2026.11.21-1');
    await install(v1);
    await install(v2);
  });
  afterAll(async () => {
    await fk?.dispose();
  });

  it('refuses a manifest changed after signing, and one signed by an unknown key', async () => {
    const v3 = rollout('2026.11.22-1');
    await publishRollout(fk.mgr, topics, v3, { manifest: false });
    await manifest({ ...v3.manifest, procedures: 99_999 });
    await refused('bad-signature', '2026.11.22-1');
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const body = unsigned(v3.manifest);
    await manifest(signDocument(body, stranger));
    await refused('unknown-key', '2026.11.22-1');
    await stillServing(v2);
  });

  it('refuses a replayed old manifest and a freshly signed downgrade', async () => {
    await manifest(v1.manifest);
    await refused('older', '2026.11.20-1');
    await publishRollout(fk.mgr, topics, rollout('2026.11.01-1'));
    await refused('older', '2026.11.01-1');
    await stillServing(v2);
  });

  it('ignores tampered and truncated chunks (old catalog serves), then installs once the good chunk arrives', async () => {
    const v4 = rollout('2026.11.23-1');
    const bad = Buffer.from(v4.chunks[1] as Buffer);
    bad[10] = (bad[10] ?? 0) ^ 0xff;
    const tampered = {
      ...v4,
      chunks: v4.chunks.map((c, i) => (i === 1 ? bad : i === 2 ? c.subarray(0, 100) : c)),
    };
    await publishRollout(fk.mgr, topics, tampered);
    await sleep(2000);
    await stillServing(v2);
    expect(events('catalog-applied').some((e) => e.data.version === '2026.11.23-1')).toBe(false);
    await publishRollout(fk.mgr, topics, v4, { chunks: [1, 2], manifest: false });
    await waitFor(() => fileSha() === v4.manifest.sha256, 15_000, 'v4 after the good chunks');
  });

  it('refuses a signed manifest whose chunk list is truncated (verify-failed, version blocked)', async () => {
    const v5 = rollout('2026.11.24-1');
    const body = unsigned(v5.manifest);
    const half = v5.manifest.content.chunks.slice(0, Math.ceil(v5.manifest.content.chunks.length / 2));
    const truncated = signDocument({ ...body, content: { ...body.content, chunks: half } }, fk.keys.key);
    await publishRollout(fk.mgr, topics, v5, { manifest: false });
    await manifest(truncated);
    await refused('verify-failed', '2026.11.24-1');
    expect(fileSha()).not.toBe(v5.manifest.sha256);
    // the kiosk still has v4 (from the previous test)
    expect(JSON.parse(readFileSync(path(), 'utf8')).version).toBe('2026.11.23-1');
  });

  it('refuses an oversized catalog before downloading anything', async () => {
    const v6 = rollout('2026.11.25-1');
    const body = unsigned(v6.manifest);
    const huge = signDocument({ ...body, size: 512 * 1024 * 1024 }, fk.keys.key);
    await manifest(huge);
    const e = await refused('oversized', '2026.11.25-1');
    expect(String(e.data.reason)).toMatch(/limit/);
    expect(JSON.parse(readFileSync(path(), 'utf8')).version).toBe('2026.11.23-1');
    await publishAsync(fk.mgr, topics.catalogManifest('stable'), '', { qos: 1, retain: true });
  });
});
