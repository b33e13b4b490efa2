import { spawn } from 'node:child_process';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeDeltaRecord, type DeltaRecord } from '../../domain/catalog/catalog-deltas.js';
import { readCatalogSource } from '../../domain/catalog/catalog-file.js';
import type { CatalogFile } from '../../domain/catalog/procedure.js';
import { diffCatalogs, sha256 } from '../../domain/fleet/catalog-manifest.js';
import { CatalogStore } from '../../domain/fleet/catalog-store.js';
import { seededRandom, sleep } from './harness/rng.js';
import { tempDir } from '../helpers/sim-process.js';
import { makeCatalog } from '../unit/fleet/fixtures.js';

/** Versions 1..n of a catalog, each changing two procedures of the one before (compact files). */
function versions(n: number): { catalog: CatalogFile; bytes: Buffer }[] {
  const out: { catalog: CatalogFile; bytes: Buffer }[] = [];
  let catalog = makeCatalog('2026.11.20-1', 60);
  for (let v = 1; v <= n; v++) {
    if (v > 1) {
      catalog = structuredClone(catalog);
      catalog.version = `2026.11.20-${v}`;
      for (const i of [v % 60, (v * 7) % 60]) (catalog.procedures[i] as { name: string }).name += ` v${v}`;
    }
    // compact, as the fleet delivers them (a delta reproduces the compact file)
    out.push({ catalog, bytes: Buffer.from(JSON.stringify(catalog)) });
  }
  return out;
}

function record(from: { catalog: CatalogFile; bytes: Buffer }, to: { catalog: CatalogFile; bytes: Buffer }) {
  return {
    version: to.catalog.version,
    sha256: sha256(to.bytes),
    baseVersion: from.catalog.version,
    baseSha256: sha256(from.bytes),
    appliedAt: '2026-11-20T00:00:00.000Z',
    delta: diffCatalogs(from.catalog, to.catalog),
  } satisfies DeltaRecord;
}

describe('Reliability: the catalog delta log under cuts', () => {
  it('a delta cut short at any byte leaves the catalog before it; the next delta cuts the torn tail off', async () => {
    const [v1, v2, v3] = versions(3) as [
      { catalog: CatalogFile; bytes: Buffer },
      { catalog: CatalogFile; bytes: Buffer },
      { catalog: CatalogFile; bytes: Buffer },
    ];
    const dir = tempDir('catalog-delta-cut-');
    const store = new CatalogStore(join(dir, 'catalog.json'));
    await store.install(v1.bytes, v1.catalog.version);
    expect(await store.appendDelta(record(v1, v2))).toBe(true);
    const logged = readFileSync(store.deltasPath);
    // the file is not rewritten for a delta: the base stays, the delta is one line beside it
    expect(sha256(readFileSync(store.path))).toBe(sha256(v1.bytes));
    const line = encodeDeltaRecord(record(v2, v3));
    // every byte of the checksum and the line's end, and 24 points in between
    const cuts = new Set<number>();
    for (let c = 0; c <= 70; c++) cuts.add(c);
    for (let c = line.length - 8; c <= line.length; c++) cuts.add(c);
    for (let k = 1; k < 24; k++) cuts.add(Math.floor((k * line.length) / 24));
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      writeFileSync(store.deltasPath, Buffer.concat([logged, line.subarray(0, cut)]));
      const whole = cut === line.length;
      const want = whole ? v3 : v2;
      const read = await readCatalogSource(store.path);
      expect(read.sha256, `cut at ${cut}`).toBe(sha256(want.bytes));
      expect(read.catalog.version).toBe(want.catalog.version);
      const state = await store.state();
      expect([state.version, state.sha256]).toEqual([want.catalog.version, sha256(want.bytes)]);
      expect(sha256((await store.readCurrent()) as Buffer)).toBe(sha256(want.bytes));
    }
    // a torn tail, then the same delta again (the retained manifest after the restart)
    writeFileSync(store.deltasPath, Buffer.concat([logged, line.subarray(0, 50)]));
    expect(await store.appendDelta(record(v2, v3))).toBe(true);
    expect(sha256(readFileSync(store.deltasPath))).toBe(sha256(Buffer.concat([logged, line])));
    expect((await readCatalogSource(store.path)).sha256).toBe(sha256(v3.bytes));
    // a delta for another base is not logged
    expect(await store.appendDelta(record(v1, v2))).toBe(false);
    // rollback takes the last delta off; the version is blocked
    const back = await store.rollback();
    expect([back.from, back.to]).toEqual([v3.catalog.version, v2.catalog.version]);
    expect(sha256((await store.readCurrent()) as Buffer)).toBe(sha256(v2.bytes));
    expect((await store.state()).blocked).toContain(v3.catalog.version);
    // compaction folds the log into the file: same catalog, previous kept for rollback
    await store.appendDelta(record(v2, v3));
    await store.compact();
    expect(sha256(readFileSync(store.path))).toBe(sha256(v3.bytes));
    expect(sha256(readFileSync(store.previousPath))).toBe(sha256(v2.bytes));
    const compacted = await store.state();
    expect([compacted.version, compacted.previous?.version]).toEqual([
      v3.catalog.version,
      v2.catalog.version,
    ]);
    expect((await store.rollback()).to).toBe(v2.catalog.version);
    expect(sha256(readFileSync(store.path))).toBe(sha256(v2.bytes));
  });

  it('kill -9 at random instants while deltas are appended, a full catalog installed and the log compacted', async () => {
    const all = versions(40);
    const dir = tempDir('catalog-delta-kill-');
    const path = join(dir, 'catalog.json');
    const store = new CatalogStore(path);
    await store.install((all[0] as { bytes: Buffer }).bytes, '2026.11.20-1');
    const plan = join(dir, 'plan.json');
    // each step: a delta from the catalog installed, every 7th a full install, every 5th a compaction
    writeFileSync(
      plan,
      JSON.stringify({
        versions: all.map((v) => ({ catalog: v.catalog, bytes: v.bytes.toString('base64') })),
      }),
    );
    const script = `
      const dist = ${JSON.stringify(resolve('dist'))};
      const { readFileSync } = await import('node:fs');
      const { CatalogStore } = await import(dist + '/domain/fleet/catalog-store.js');
      const { diffCatalogs, sha256 } = await import(dist + '/domain/fleet/catalog-manifest.js');
      const plan = JSON.parse(readFileSync(${JSON.stringify(plan)}, 'utf8'));
      const versions = plan.versions.map((v) => ({ catalog: v.catalog, bytes: Buffer.from(v.bytes, 'base64') }));
      const store = new CatalogStore(${JSON.stringify(path)});
      for (let step = 0; ; step++) {
        const state = await store.state();
        const at = versions.findIndex((v) => sha256(v.bytes) === state.sha256);
        const from = versions[at], to = versions[(at + 1) % versions.length];
        if (to === versions[0] || step % 7 === 6) await store.install(to.bytes, to.catalog.version);
        else await store.appendDelta({ version: to.catalog.version, sha256: sha256(to.bytes),
          baseVersion: from.catalog.version, baseSha256: sha256(from.bytes), appliedAt: new Date().toISOString(),
          delta: diffCatalogs(from.catalog, to.catalog) });
        if (step % 5 === 4) await store.compact();
        process.stdout.write('.');
      }
    `;
    const known = new Map(all.map((v) => [sha256(v.bytes), v.catalog.version]));
    const random = seededRandom(16);
    let steps = 0;
    for (let cut = 0; cut < 12; cut++) {
      const proc = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let errors = '';
      proc.stderr.on('data', (d: Buffer) => (errors += d.toString()));
      proc.stdout.on('data', (d: Buffer) => (steps += d.length));
      await sleep(700 + Math.floor(random() * 900));
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
      expect(errors).toBe('');
      // the catalog is whole and one of the signed versions, and the state says which
      const read = await readCatalogSource(path);
      expect(known.get(read.sha256), `after cut ${cut}`).toBe(read.catalog.version);
      const state = await new CatalogStore(path).state();
      expect(state.sha256).toBe(read.sha256);
      expect(statSync(path).size).toBeGreaterThan(0);
    }
    expect(steps).toBeGreaterThan(12);
    truncateSync(plan);
  }, 60_000);
});
