import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './database.js';

/** What is wrong with the kiosk's data storage. */
export type StorageProblemKind = 'disk-full' | 'corrupt' | 'read-only' | 'unopenable' | 'recovery-pending';

/** Present while `kiosk db recover` has started and not finished (relative to the data dir). */
export const RECOVERY_PENDING = join('recovery', 'pending.json');

/** Below this much free space the data disk counts as full (SQLite needs room for its WAL). */
export const MIN_FREE_BYTES = 256 * 1024;

/**
 * Storage that cannot take a citizen record. The message names the cause and the fix, e.g.
 * "data disk full: free space in /var/lib/smart-kiosk".
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly kind: StorageProblemKind,
    /** The database file concerned. */
    readonly file: string,
    /** What SQLite or the system said. */
    readonly detail: string,
    /** What the technician does about it. */
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${STORAGE_CAUSE[kind](file)} (${detail}); fix: ${fix}`, options);
  }

  /** The cause in one phrase, e.g. "data disk full: free space in /var/lib/smart-kiosk". */
  get summary(): string {
    return STORAGE_CAUSE[this.kind](this.file);
  }

  /** Only disk-full clears by itself (space freed); the others need a technician and a restart. */
  get retry(): boolean {
    return this.kind === 'disk-full';
  }
}

const STORAGE_CAUSE: Record<StorageProblemKind, (file: string) => string> = {
  'disk-full': (file) => `data disk full: free space in ${dirname(file)}`,
  corrupt: (file) => `database ${file} is damaged`,
  'read-only': (file) => `database ${file} is read-only`,
  unopenable: (file) => `database ${file} cannot be opened`,
  'recovery-pending': (file) => `a recovery of database ${file} was interrupted`,
};

/** The technician's fix for each kind of problem with `file`. */
export function storageFix(kind: StorageProblemKind, file: string): string {
  const dir = dirname(file);
  switch (kind) {
    case 'disk-full':
      return `free space in ${dir} (sudo du -sh ${dir}/* ; journalctl --vacuum-size=50M), then tickets resume by themselves`;
    case 'read-only':
      return `make ${dir} and its files writable by the kiosk user (sudo chown -R smart-kiosk: ${dir}; check that the disk is not mounted read-only), then sudo systemctl restart smart-kiosk`;
    case 'corrupt':
    case 'unopenable':
    case 'recovery-pending':
      return 'sudo systemctl stop smart-kiosk && sudo -u smart-kiosk kiosk db recover && sudo systemctl start smart-kiosk';
  }
}

const SQLITE_KINDS: Record<string, StorageProblemKind> = {
  SQLITE_FULL: 'disk-full',
  SQLITE_IOERR_WRITE: 'disk-full',
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_CORRUPT_INDEX: 'corrupt',
  SQLITE_CORRUPT_SEQUENCE: 'corrupt',
  SQLITE_READONLY: 'read-only',
  SQLITE_READONLY_DBMOVED: 'read-only',
  SQLITE_READONLY_DIRECTORY: 'read-only',
  SQLITE_READONLY_RECOVERY: 'read-only',
  SQLITE_PERM: 'read-only',
  SQLITE_CANTOPEN: 'unopenable',
  ENOSPC: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'read-only',
};

/** The storage problem behind `err` (a SqliteError or a system error), if it is one. */
export function storageProblemOf(err: unknown, file: string): StorageError | undefined {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  let kind = SQLITE_KINDS[code] ?? (code.startsWith('SQLITE_CORRUPT') ? 'corrupt' : undefined);
  if (!kind) return undefined;
  // SQLite says only "unable to open" when WAL mode cannot create its -wal/-shm beside a file on a
  // read-only disk or in a folder the kiosk may not write: that is a permission problem, not damage.
  if (kind === 'unopenable' && unwritable(file)) kind = 'read-only';
  const detail = err instanceof Error ? `${code}: ${err.message}` : code;
  return new StorageError(kind, file, detail, storageFix(kind, file), { cause: err });
}

/** True when the kiosk cannot write `file` or the folder holding it (EROFS, EACCES). */
function unwritable(file: string): boolean {
  return unwritablePath(file) !== undefined;
}

/**
 * The first of `file`, its -wal and -shm (those that exist) and its folder that this user cannot
 * write, with the system's reason (`EROFS`, `EACCES`), or undefined when all can be written.
 * Asks access(2) only: nothing is written.
 */
function unwritablePath(file: string): { path: string; code: string } | undefined {
  if (file === ':memory:') return undefined;
  const paths = [file, `${file}-wal`, `${file}-shm`].filter((p) => existsSync(p));
  for (const path of [...paths, dirname(file)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { path, code };
    }
  }
  return undefined;
}

/** Free bytes for an unprivileged user on the file system holding `dir`, if it can be asked. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/**
 * Checks that the open database `db` (file `file`) can take a citizen record: PRAGMA quick_check
 * finds no damage, a write commits, and the disk has room. Returns the problem, or undefined.
 */
export function checkDatabase(db: Db, file: string): StorageError | undefined {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0)
      return new StorageError('corrupt', file, problems.slice(0, 3).join('; '), storageFix('corrupt', file));
    db.exec('CREATE TABLE IF NOT EXISTS storage_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)');
    db.prepare('INSERT OR REPLACE INTO storage_probe (id, at) VALUES (1, ?)').run(Date.now());
  } catch (err) {
    return (
      storageProblemOf(err, file) ??
      new StorageError('unopenable', file, String(err), storageFix('unopenable', file), { cause: err })
    );
  }
  const pages = db.pragma('page_count', { simple: true }) as number;
  const limit = db.pragma('max_page_count', { simple: true }) as number;
  if (limit - pages < 16)
    return new StorageError(
      'disk-full',
      file,
      `${pages} of at most ${limit} pages used`,
      storageFix('disk-full', file),
    );
  if (file === ':memory:') return undefined;
  const free = freeBytes(dirname(file));
  if (free !== undefined && free < MIN_FREE_BYTES)
    return new StorageError(
      'disk-full',
      file,
      `${Math.round(free / 1024)} KiB free, needs ${MIN_FREE_BYTES / 1024} KiB`,
      storageFix('disk-full', file),
    );
  return undefined;
}

/**
 * What `checkDatabase` finds, without writing: `db` is a read-only connection to `file` (the
 * doctor's). PRAGMA quick_check finds no damage, the file, its -wal/-shm and the folder can be
 * written (access(2), no write probe), the page limit and the disk have room. A read-only
 * connection never checkpoints, so the -wal a kill -9 left (the only copy of its tickets until
 * the kiosk starts again) stays as it was.
 */
export function inspectDatabase(db: Db, file: string): StorageError | undefined {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0)
      return new StorageError('corrupt', file, problems.slice(0, 3).join('; '), storageFix('corrupt', file));
    const denied = unwritablePath(file);
    if (denied)
      return new StorageError(
        'read-only',
        file,
        `${denied.path}: ${denied.code}`,
        storageFix('read-only', file),
      );
    const pages = db.pragma('page_count', { simple: true }) as number;
    const limit = db.pragma('max_page_count', { simple: true }) as number;
    if (limit - pages < 16)
      return new StorageError(
        'disk-full',
        file,
        `${pages} of at most ${limit} pages used`,
        storageFix('disk-full', file),
      );
  } catch (err) {
    return (
      storageProblemOf(err, file) ??
      new StorageError('unopenable', file, String(err), storageFix('unopenable', file), { cause: err })
    );
  }
  const free = freeBytes(dirname(file));
  if (free !== undefined && free < MIN_FREE_BYTES)
    return new StorageError(
      'disk-full',
      file,
      `${Math.round(free / 1024)} KiB free, needs ${MIN_FREE_BYTES / 1024} KiB`,
      storageFix('disk-full', file),
    );
  return undefined;
}
