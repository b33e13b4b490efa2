import { copyFileSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../domain/fleet/catalog-store.js';
import { tempDir } from '../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';

describe('Reliability: a power cut between installing catalog.json and writing its state file', () => {
  it('re-applying the same version after restart keeps the real previous catalog for rollback', async () => {
    const dir = tempDir('catalog-crash-');
    const path = join(dir, 'catalog.json');
    const v1 = catalogBytes(makeCatalog('2026.11.20-1', 30, ' v1'));
    const v2 = catalogBytes(makeCatalog('2026.11.21-1', 30, ' v2'));
    const before = new CatalogStore(path);
    await before.install(v1, '2026.11.20-1');

    // install(v2) as far as the rename of the new file, then the power goes (state still says v1)
    rmSync(`${path}.previous`, { force: true });
    linkSync(path, `${path}.previous`);
    writeFileSync(`${path}.incoming`, v2);
    renameSync(`${path}.incoming`, path);
    copyFileSync(path, join(dir, 'after-cut.json'));
    expect(JSON.parse(readFileSync(before.statePath, 'utf8'))).toMatchObject({ version: '2026.11.20-1' });
    // what the store says is what the file holds
    expect((await before.state()).version).toBe('2026.11.21-1');

    // after restart the retained manifest of v2 is applied again
    const after = new CatalogStore(path);
    const state = await after.install(v2, '2026.11.21-1');
    expect(readFileSync(path)).toEqual(v2);
    expect(state.previous?.version).toBe('2026.11.20-1');
    expect(readFileSync(`${path}.previous`)).toEqual(v1);
    // and a rollback really brings v1 back
    const back = await after.rollback();
    expect(back.to).toBe('2026.11.20-1');
    expect(readFileSync(path)).toEqual(v1);
  });
});
