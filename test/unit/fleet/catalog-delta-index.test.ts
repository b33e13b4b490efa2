import { readFileSync, rmSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogHolder } from '../../../domain/catalog/catalog-holder.js';
import { parseCatalog, readCatalogFile } from '../../../domain/catalog/catalog-file.js';
import type { CatalogFile } from '../../../domain/catalog/procedure.js';
import { buildRollout, type Rollout } from '../../../domain/fleet/catalog-manifest.js';
import { catalogIndexPath, CatalogStore, fleetCatalogPath } from '../../../domain/fleet/catalog-store.js';
import { CatalogUpdater } from '../../../domain/fleet/catalog-updater.js';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../../domain/fleet/signing.js';
import { fleetTopics } from '../../../domain/fleet/topics.js';
import { readIndexFile } from '../../../domain/search/index-file.js';
import { createProcedureSearch } from '../../../domain/search/procedure-search.js';
import { tempDir } from '../../helpers/sim-process.js';

const fleet = generateFleetKeys();
const key = parsePrivateKey(fleet.privatePem);
const FIXTURE = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
const QUERIES = ['đăng ký khai sinh', 'ket hon', 'tạm trú', 'khai tử sửa đổi', 'xây dựng nhà ở', 'gks'];

/** The kiosk's catalog path, as compose.ts wires it: updater → holder.install, running = holder.current. */
function kiosk(dir: string, running: boolean) {
  const silent = pino({ level: 'silent' });
  const holder = new CatalogHolder([], silent, undefined, {
    indexPath: (path, source) => catalogIndexPath(dir, path, source),
  });
  const installs: { version: string; installed: boolean }[] = [];
  const updater = new CatalogUpdater({
    store: new CatalogStore(fleetCatalogPath(dir)),
    deviceId: 'kiosk-1',
    groups: [],
    topics: fleetTopics('kiosk/v1'),
    channel: 'stable',
    keys: parsePublicKeys(fleet.publicPem),
    log: silent,
    subscribe: async () => undefined,
    unsubscribe: async () => undefined,
    report: () => undefined,
    ...(running ? { running: () => holder.current } : {}),
    activate: async (path, version, _previous, installed) => {
      installs.push({ version, installed: installed !== undefined });
      if (installed) await holder.install(path, installed);
      else await holder.reload(path);
    },
  });
  return { holder, updater, installs };
}

async function apply(updater: CatalogUpdater, r: Rollout): Promise<void> {
  await updater.onManifest(Buffer.from(JSON.stringify(r.manifest)));
  for (let i = 0; i < r.chunks.length; i++)
    await updater.onChunk(i, r.manifest.version, r.chunks[i] as Buffer);
  expect(updater.lastResult).toMatchObject({ version: r.manifest.version, ok: true });
}

function bump(c: CatalogFile, version: string): CatalogFile {
  const next = structuredClone(c);
  next.version = version;
  next.procedures.forEach((p, i) => {
    if (i % 3 === 0) p.name += ' (sửa đổi)';
  });
  next.procedures.splice(1, 1);
  next.procedures.push({
    ...(next.procedures[0] as (typeof next.procedures)[0]),
    code: '9.000001',
    name: 'Đăng ký khai tử sửa đổi mới',
  });
  return next;
}

describe('Fleet: a catalog delta on the running kiosk', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('installs the signed file byte for byte and updates the index for the changed procedures only', async () => {
    const { holder, updater, installs } = kiosk(dir, true);
    await updater.init();
    const v1 = { ...FIXTURE, version: '2026.11.25-1' };
    const v2 = bump(v1, '2026.11.25-2');
    const full = buildRollout({ catalog: Buffer.from(JSON.stringify(v1, null, 1)), channel: 'stable', key });
    await apply(updater, full);
    const delta = buildRollout({
      catalog: Buffer.from(JSON.stringify(v2)),
      base: full.target,
      channel: 'stable',
      key,
    });
    expect(delta.manifest.content.kind).toBe('delta');
    const kept = holder.current?.catalog.procedures.slice();
    await apply(updater, delta);
    // the catalog is the signed target (the whole-file way gives the same bytes: its sha256 is
    // checked), made of the file, not rewritten, and the delta logged beside it
    const store = new CatalogStore(fleetCatalogPath(dir));
    expect((await store.readCurrent())?.equals(delta.target)).toBe(true);
    expect(readFileSync(fleetCatalogPath(dir)).equals(full.target)).toBe(true);
    expect(installs).toEqual([
      { version: '2026.11.25-1', installed: true },
      { version: '2026.11.25-2', installed: true },
    ]);
    const current = holder.current;
    expect(current?.catalog.version).toBe('2026.11.25-2');
    // procedures the delta kept are the very objects the kiosk had (not read again)
    const unchanged = current?.catalog.procedures.filter((p) => kept?.includes(p)) ?? [];
    expect(unchanged.length).toBe(v2.procedures.filter((p) => !p.name.includes('sửa đổi')).length);
    // the catalog in use is what loading the file gives, and searches answer as a fresh index
    expect(current?.catalog).toEqual(await readCatalogFile(fleetCatalogPath(dir)));
    const fresh = createProcedureSearch(parseCatalog(JSON.stringify(v2)).procedures);
    for (const q of QUERIES) expect(current?.search.search(q), q).toEqual(fresh.search(q));
    expect(current?.search.search('khai tử sửa đổi mới').results[0]?.code).toBe('9.000001');
    // the updated index is saved for the next start, keyed by the installed file
    await holder.indexSaved();
    const saved = await readIndexFile(`${fleetCatalogPath(dir)}.search-index`, delta.manifest.sha256);
    expect(saved.ok).toBe(true);
  });

  it('without the running catalog (or another one) the delta goes the whole-file way to the same file', async () => {
    const { holder, updater, installs } = kiosk(dir, false);
    await updater.init();
    const v1 = { ...FIXTURE, version: '2026.11.25-1' };
    const v2 = bump(v1, '2026.11.25-2');
    const full = buildRollout({ catalog: Buffer.from(JSON.stringify(v1)), channel: 'stable', key });
    await apply(updater, full);
    const delta = buildRollout({
      catalog: Buffer.from(JSON.stringify(v2)),
      base: full.target,
      channel: 'stable',
      key,
    });
    await apply(updater, delta);
    expect((await new CatalogStore(fleetCatalogPath(dir)).readCurrent())?.equals(delta.target)).toBe(true);
    expect(readFileSync(fleetCatalogPath(dir)).equals(full.target)).toBe(true);
    expect(installs.at(-1)).toEqual({ version: '2026.11.25-2', installed: false });
    expect(holder.current?.catalog.version).toBe('2026.11.25-2');
  });
});
