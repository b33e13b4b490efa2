import { openDatabase, type Db } from './database.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  checkDatabase,
  RECOVERY_PENDING,
  storageFix,
  storageProblemOf,
  StorageError,
} from './storage-health.js';

/** The kiosk database as opened at start, and what was wrong with it. */
export interface KioskDatabase {
  /** The database in use: the file, or an empty in-memory one when the file cannot be used. */
  db: Db;
  /** The database file (kiosk.db in the data directory). */
  file: string;
  /** What the start-up check found (quick_check, write probe, free space). */
  problem: StorageError | undefined;
  /**
   * True when the file could not be used and `db` is in memory: the kiosk serves lookups but
   * issues no tickets and keeps no records until a technician fixes the file and restarts it.
   */
  degraded: boolean;
}

/**
 * Opens the kiosk database and checks it. A damaged, unreadable or read-only file never stops the
 * kiosk from starting: it runs degraded on an in-memory database instead, so it still serves
 * lookups. A full disk keeps the file (it reads fine); writes resume once space is freed.
 */
export function openKioskDatabase(file: string): KioskDatabase {
  let db: Db | undefined;
  let problem: StorageError | undefined;
  const pending = join(dirname(file), RECOVERY_PENDING);
  // A recovery that was cut short: the file may be the damaged one without its WAL. Never use it.
  if (existsSync(pending))
    return {
      db: openDatabase(':memory:'),
      file,
      problem: new StorageError(
        'recovery-pending',
        file,
        `${pending} is there`,
        storageFix('recovery-pending', file),
      ),
      degraded: true,
    };
  try {
    db = openDatabase(file);
    problem = checkDatabase(db, file);
  } catch (err) {
    problem =
      storageProblemOf(err, file) ??
      new StorageError('unopenable', file, String(err), storageFix('unopenable', file), { cause: err });
  }
  if (db && (!problem || problem.kind === 'disk-full')) return { db, file, problem, degraded: false };
  if (db?.open) db.close();
  return { db: openDatabase(':memory:'), file, problem, degraded: true };
}
