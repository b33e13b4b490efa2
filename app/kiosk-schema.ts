import { DossierCache } from '../domain/dossier/dossier-cache.js';
import { CommandStore } from '../domain/fleet/command-store.js';
import { PersonalHasher } from '../domain/identity/personal-hash.js';
import { TicketStore } from '../domain/queue/ticket-store.js';
import { RatingService } from '../domain/rating/rating-service.js';
import { Outbox } from '../domain/telemetry/outbox.js';
import { systemClock } from '../runtime/clock.js';
import { ensureMigrationsTable, type Db } from '../runtime/storage/database.js';

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
