import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Real damage to a kiosk database file, as a power cut on a worn SD card or a bad copy leaves it. */

/** Replaces kiosk.db with bytes that are not a SQLite database ("file is not a database"). */
export function garbageDatabase(dataDir: string): string {
  const file = join(dataDir, 'kiosk.db');
  writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a));
  return file;
}

/**
 * Flips every bit of the 4 KB page holding the root of `table` in kiosk.db (after folding the WAL
 * into the file, so the damage is what SQLite reads, unless `foldWal: false`). Returns the page number.
 */
export function flipTablePage(
  dataDir: string,
  table = 'tickets',
  options: { foldWal?: boolean } = {},
): number {
  const file = join(dataDir, 'kiosk.db');
  const db = new Database(file, { readonly: options.foldWal === false });
  if (options.foldWal !== false) db.pragma('wal_checkpoint(TRUNCATE)');
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as {
    rootpage: number;
  };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  try {
    const page = Buffer.alloc(pageSize);
    const at = (rootpage - 1) * pageSize;
    readSync(fd, page, 0, pageSize, at);
    for (let i = 0; i < page.length; i++) page[i] = (page[i] as number) ^ 0xff;
    writeSync(fd, page, 0, pageSize, at);
  } finally {
    closeSync(fd);
  }
  return rootpage;
}

const isRoot = process.getuid?.() === 0;

/**
 * Makes the data dir read-only for the kiosk: as root (who ignores file modes) a read-only bind
 * mount over it, as it is when the SD card is remounted read-only; otherwise file modes.
 * Returns the undo.
 */
export function readOnlyDataDir(dataDir: string): () => void {
  if (isRoot) {
    execFileSync('mount', ['--bind', dataDir, dataDir]);
    execFileSync('mount', ['-o', 'remount,bind,ro', dataDir]);
    return () => execFileSync('umount', ['-l', dataDir]);
  }
  const file = join(dataDir, 'kiosk.db');
  chmodSync(file, 0o444);
  chmodSync(dataDir, 0o555);
  return () => {
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o644);
  };
}
