import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopKiosk } from '../../app/lifecycle.js';
import { readCatalogFile } from '../../domain/catalog/catalog-file.js';
import { fleetCatalogPath } from '../../domain/fleet/catalog-store.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';
import { startInProcessKiosk, type InProcessKiosk } from './harness/in-process-kiosk.js';

/** Half a gzip stream: what a cut copy or a worn card leaves. */
const DAMAGED = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(300, 0x41)]);

/**
 * Issue 19 item 5: a damaged catalog falls back to the fleet's previous one, then to the catalog
 * shipped with the kiosk, and says which in the log, the status and an event for the fleet.
 */
describe('Reliability: a damaged catalog', () => {
  let dir: string | undefined;
  let k: InProcessKiosk | undefined;
  afterEach(async () => {
    if (k) await stopKiosk(k.kiosk).catch(() => undefined);
    k = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const fleetDir = (current: Buffer, previous?: Buffer): string => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-catalog-fallback-'));
    const file = fleetCatalogPath(dir);
    mkdirSync(join(dir, 'catalog'), { recursive: true });
    writeFileSync(file, current);
    if (previous) writeFileSync(`${file}.previous`, previous);
    return dir;
  };
  const fallbackEvents = (kiosk: InProcessKiosk) =>
    kiosk.kiosk.outbox.peek(1000).filter((m) => m.topic === 'events/catalog-fallback');

  it('a damaged fleet catalog: the previous one serves, and the log, status and fleet event say so', async () => {
    const d = fleetDir(DAMAGED, catalogBytes(makeCatalog('2026.11.01-1', 12)));
    k = await startInProcessKiosk(d);
    const c = k.kiosk.catalog.condition;
    expect(c).toMatchObject({ state: 'fallback', source: 'previous', version: '2026.11.01-1' });
    expect(c.failed?.[0]).toMatchObject({ source: 'fleet', path: fleetCatalogPath(d) });
    const search = k.kiosk.deps.catalog()?.search.search('dang ky khai sinh', { limit: 3 });
    expect(search?.results.length).toBeGreaterThan(0);
    const warn = k.lines.find((l) => l.level === 'warn' && l.ns === 'catalog');
    expect(warn?.msg).toContain(`the fleet catalog ${fleetCatalogPath(d)} failed`);
    expect(warn?.msg).toContain('using the previous fleet catalog');
    expect(fallbackEvents(k).map((m) => m.payload.source)).toEqual(['previous']);
  });

  it('fleet catalog and its previous both damaged: the shipped catalog serves', async () => {
    const d = fleetDir(DAMAGED, Buffer.from('{"not": "a catalog"}'));
    k = await startInProcessKiosk(d);
    expect(k.kiosk.catalog.condition).toMatchObject({ state: 'fallback', source: 'shipped' });
    expect(k.kiosk.catalog.condition.failed?.map((f) => f.source)).toEqual(['fleet', 'previous']);
    expect(k.kiosk.catalog.error).toBeUndefined();
    k.kiosk.ui.open('results', { query: 'đăng ký khai sinh' });
    await k.kiosk.ui.settle();
    expect(['procedure', 'clarify', 'results']).toContain(k.screen());
    expect(JSON.stringify(k.kiosk.ui.current?.describe?.() ?? {})).not.toContain('search-unavailable');
    expect(fallbackEvents(k).map((m) => m.payload.source)).toEqual(['shipped']);
  });

  it('a damaged configured catalog.file falls back to the shipped one; its error names catalog.file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-catalog-fallback-'));
    const file = join(dir, 'mine.json.gz');
    writeFileSync(file, DAMAGED);
    k = await startInProcessKiosk(dir, { catalog: { file } });
    expect(k.kiosk.catalog.condition).toMatchObject({ state: 'fallback', source: 'shipped' });
    const missing = await readCatalogFile(join(dir, 'absent.json')).catch((err: unknown) => String(err));
    expect(missing).toContain('catalog.file');
    expect(missing).not.toContain('catalog.path');
  });
});
