import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../runtime/storage/database.js';

/** A data directory whose disk can be filled and freed again. */
export interface SmallDisk {
  dir: string;
  /** How the disk is made small: a real tmpfs (as root) or SQLite's own page limit. */
  kind: 'tmpfs' | 'page-limit';
  /** Fills the disk (tmpfs: a filler file up to ENOSPC; else the database's page limit). */
  fill(db: Db): void;
  /** Frees the space again. */
  free(db: Db): void;
  cleanup(): void;
}

const isRoot = process.getuid?.() === 0;

/**
 * A small disk for the data directory: as root a real `sizeMb` tmpfs, so SQLite, the WAL and the
 * free-space probe meet a real ENOSPC; otherwise SQLite's max_page_count, which fails writes with
 * the same SQLITE_FULL.
 */
export function smallDisk(sizeMb = 8): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-small-disk-'));
  if (!isRoot) {
    return {
      dir,
      kind: 'page-limit',
      fill: (db) => void db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`),
      free: (db) => void db.pragma('max_page_count = 1073741823'),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  const filler = join(dir, 'filler.bin');
  return {
    dir,
    kind: 'tmpfs',
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(16 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    cleanup() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
