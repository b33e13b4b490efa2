import { DossierCache } from '../domain/dossier/dossier-cache.js';
import { CommandStore } from '../domain/fleet/command-store.js';
import { PersonalHasher } from '../domain/identity/personal-hash.js';
import { TicketStore } from '../domain/queue/ticket-store.js';
import { RatingService } from '../domain/rating/rating-service.js';
import { Outbox } from '../domain/telemetry/outbox.js';
import { systemClock } from '../runtime/clock.js';
import { ensureMigrationsTable, openDatabase, type Db } from '../runtime/storage/database.js';

/**
 * Creates the kiosk's whole database schema in `db`: every module's migrations, as the composed
 * kiosk runs them at start (`kiosk db recover` builds its new database with it).
 */
export function migrateKioskSchema(db: Db): void {
  ensureMigrationsTable(db);
  new TicketStore(db);
  const outbox = new Outbox(db, 1);
  new PersonalHasher(db);
  new DossierCache(db);
  new CommandStore(db);
  // Only the constructor runs (its migrations); nothing is recorded.
  const recorder = {
    record: (topic: string, payload: Record<string, unknown>, at: number) =>
      outbox.enqueue('record', topic, payload, at),
    committed: () => undefined,
  };
  new RatingService(db, recorder, systemClock, 3);
}

/**
 * The database schema this build brings: the highest migration of each module. `nativeBinding`:
 * better-sqlite3's addon to use instead of this build's own (which may be for another arch).
 */
export function kioskSchemaVersions(nativeBinding?: string): Record<string, number> {
  const db = openDatabase(':memory:', { nativeBinding });
  try {
    migrateKioskSchema(db);
    const rows = db
      .prepare('SELECT module, MAX(version) AS v FROM schema_migrations GROUP BY module ORDER BY module')
      .all() as { module: string; v: number }[];
    return Object.fromEntries(rows.map((r) => [r.module, r.v]));
  } finally {
    db.close();
  }
}
