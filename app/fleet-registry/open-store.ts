import { PostgresRegistryStore } from '../../domain/fleet-registry/postgres-registry-store.js';
import type { RegistryStore } from '../../domain/fleet-registry/registry-store.js';
import { SqliteRegistryStore } from '../../domain/fleet-registry/sqlite-registry-store.js';
import { errorMessage } from '../../runtime/errors.js';
import { openDatabase } from '../../runtime/storage/database.js';

/** True when `--db` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

/** `db` without a password, for logs and messages. */
export function describeDb(db: string): string {
  return isPostgresUrl(db) ? db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : db;
}

/**
 * Opens the registry database `--db` names (a SQLite file, or postgres://user@host:port/db) and
 * applies the schema. A database that cannot be reached is an Error saying which and why.
 */
export async function openRegistryStore(db: string): Promise<RegistryStore> {
  let store: RegistryStore;
  if (isPostgresUrl(db)) store = PostgresRegistryStore.open(db);
  else {
    const database = openDatabase(db);
    // one transaction per acknowledged message: WAL + NORMAL keeps commits across a kill -9 of
    // the registry without an fsync each (a power cut may lose the last ones; the broker has them
    // until acknowledged only up to the ack, so run the registry on a UPS-backed server)
    database.pragma('synchronous = NORMAL');
    store = new SqliteRegistryStore(database);
  }
  try {
    await store.init();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw new Error(`registry database ${describeDb(db)}: ${errorMessage(err)}`, { cause: err });
  }
  return store;
}
