import { migrate, type Db } from '../../runtime/storage/database.js';
import type { DossierStatus } from './dossier-status.js';

const MIGRATIONS = [
  `CREATE TABLE dossier_cache (
     dossier_number TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     fetched_at INTEGER NOT NULL
   );`,
];

/** Last known status per dossier, so the kiosk can still answer (clearly marked) when offline. */
export class DossierCache {
  constructor(private readonly db: Db) {
    migrate(db, 'dossier', MIGRATIONS);
  }

  put(status: DossierStatus, fetchedAt: number): void {
    this.db
      .prepare(
        `INSERT INTO dossier_cache (dossier_number, status, fetched_at) VALUES (?, ?, ?)
         ON CONFLICT (dossier_number) DO UPDATE SET status = excluded.status, fetched_at = excluded.fetched_at`,
      )
      .run(status.dossierNumber, JSON.stringify(status), fetchedAt);
  }

  get(dossierNumber: string): { status: DossierStatus; fetchedAt: number } | undefined {
    const row = this.db
      .prepare('SELECT status, fetched_at FROM dossier_cache WHERE dossier_number = ?')
      .get(dossierNumber) as { status: string; fetched_at: number } | undefined;
    if (!row) return undefined;
    return { status: JSON.parse(row.status) as DossierStatus, fetchedAt: row.fetched_at };
  }

  /** Drops entries older than `before` (finished dossiers stop being asked about). */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM dossier_cache WHERE fetched_at < ?').run(before).changes;
  }
}
