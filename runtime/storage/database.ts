import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;
export type Statement = Database.Statement;

/** One schema change: SQL text or a function for data migrations. */
export type Migration = string | ((db: Db) => void);

/**
 * Opens the kiosk database. WAL with synchronous=FULL: a committed citizen record survives a
 * kill -9 and a power cut. `nativeBinding` loads better-sqlite3's addon from another file (a
 * release build for another arch asks the target app to describe its schema with the build
 * machine's addon).
 */
export function openDatabase(file: string, options: { nativeBinding?: string } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  ensureMigrationsTable(db);
  return db;
}

/**
 * An in-memory database made from `image` (what `db.serialize()` returned), with openDatabase's
 * pragmas: many short-lived databases with one schema (the fleet simulator's kiosks) copy a
 * migrated one instead of each running every migration.
 */
export function openDatabaseImage(image: Buffer): Db {
  const db = new Database(image);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Statements of `db` prepared on first use and kept: better-sqlite3 compiles the SQL again on
 * every `prepare`, which was most of the cost of a write on a hot path.
 */
export function preparedStatements(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/** The table migrate() keeps its applied versions in (openDatabase creates it). */
export function ensureMigrationsTable(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    module TEXT NOT NULL,
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (module, version)
  )`);
}

/**
 * Applies a module's pending migrations in order, each in its own transaction. Steps are
 * append-only: step N is version N+1 and is never edited once shipped.
 */
export function migrate(db: Db, module: string, steps: readonly Migration[]): number {
  const row = db
    .prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations WHERE module = ?')
    .get(module) as { v: number };
  let applied = 0;
  for (let version = row.v + 1; version <= steps.length; version++) {
    const step = steps[version - 1] as Migration;
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.prepare('INSERT INTO schema_migrations (module, version) VALUES (?, ?)').run(module, version);
    })();
    applied++;
  }
  return applied;
}
