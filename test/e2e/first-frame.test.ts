import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH } from '../../domain/catalog/catalog-service.js';
import { spawnKioskRun, tempDir } from '../helpers/sim-process.js';

const dir = tempDir('kiosk-first-frame-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WIDTH = 800;
const HEIGHT = 480;
/** rgb565le: two bytes a pixel. */
const ROW = WIDTH * 2;
/** Rows below the header (the header's clock is drawn only once the kiosk is up). */
const BODY_FROM = 100 * ROW;

/**
 * The first frame comes before the database and the catalog (#16), shown without timing: the test
 * holds an exclusive lock on the kiosk's database (its open waits on it) and gives `kiosk run` a
 * FIFO as catalog.file (it cannot load until the test writes it). The home screen must reach the
 * panel while the database is still locked and no service has started; once the lock is gone and
 * the catalog written and loaded, the kiosk shows the same home screen (the first frame was the
 * real one).
 */
describe('kiosk run: first frame before the database and the catalog', () => {
  it('draws home while the database is locked and the catalog unread, the same home after', async () => {
    const panel = join(dir, 'panel.raw');
    const catalog = join(dir, 'catalog.json.gz');
    execFileSync('mkfifo', [catalog]);
    mkdirSync(join(dir, 'data'));
    const lock = new Database(join(dir, 'data', 'kiosk.db'));
    lock.exec('BEGIN EXCLUSIVE');
    const config = join(dir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        display: { driver: 'file', file: panel, width: WIDTH, height: HEIGHT, pixelFormat: 'rgb565le' },
        input: { buttons: { driver: 'mock' }, touch: { driver: 'mock' } },
        printer: { driver: 'mock' },
        scanner: { driver: 'mock' },
        audio: { driver: 'mock' },
        catalog: { file: catalog },
        storage: { dataDir: join(dir, 'data') },
      }),
    );
    const { proc, logs, exited, until } = spawnKioskRun(config);
    const frame = (): Buffer => {
      try {
        return readFileSync(panel);
      } catch {
        return Buffer.alloc(0);
      }
    };
    const catalogLoaded = () => logs.join('').includes('"msg":"catalog loaded"');
    try {
      // The title bar (never black) is in the panel's first row.
      await until(
        () =>
          frame()
            .subarray(0, ROW)
            .some((b) => b !== 0),
        'a first frame',
      );
      const first = frame();
      expect(first.length).toBe(WIDTH * HEIGHT * 2);
      // Drawn before the database could be opened: no service has started yet.
      expect(logs.join('')).not.toContain('service started');
      lock.exec('COMMIT');
      lock.close();
      expect(catalogLoaded()).toBe(false);
      // Now the catalog: the kiosk reads it from the FIFO and says it is loaded.
      writeFileSync(catalog, readFileSync(DEFAULT_CATALOG_PATH));
      await until(catalogLoaded, 'the catalog loaded');
      expect(logs.join('')).toContain('"service":"ui","msg":"service started"');
      // The home screen the kiosk's UI drew is the first frame's, below the header.
      expect(frame().subarray(BODY_FROM).equals(first.subarray(BODY_FROM))).toBe(true);
      const png = join(dir, 'first-frame.png');
      writeFileSync(join(dir, 'first.raw'), first);
      execFileSync('ffmpeg', [
        ...['-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb565le'],
        ...['-s', `${WIDTH}x${HEIGHT}`, '-i', join(dir, 'first.raw'), '-frames:v', '1', png],
      ]);
      if (process.env.KIOSK_KEEP_FIRST_FRAME)
        writeFileSync(process.env.KIOSK_KEEP_FIRST_FRAME, readFileSync(png));
    } finally {
      if (lock.open) lock.close();
      proc.kill('SIGTERM');
      expect(await exited, logs.join('')).toBe(0);
    }
  }, 120_000);
});
