import { migrate, type Db } from '../../runtime/storage/database.js';
import type { CommandResponse } from './command-schema.js';

const MIGRATIONS = [
  `CREATE TABLE fleet_commands (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     response TEXT
   );
   CREATE INDEX fleet_commands_expiry ON fleet_commands (expires_at);`,
];

export interface RememberedCommand {
  id: string;
  name: string;
  receivedAt: number;
  expiresAt: number;
  /** Null while running, or when the kiosk stopped during execution. */
  response: CommandResponse | null;
}

/**
 * Command ids already seen, kept in SQLite so a replayed or redelivered command never runs twice,
 * even across restarts. Rows are kept until well after the command itself expired.
 */
export class CommandStore {
  constructor(private readonly db: Db) {
    migrate(db, 'fleet-commands', MIGRATIONS);
  }

  get(id: string): RememberedCommand | undefined {
    const row = this.db.prepare('SELECT * FROM fleet_commands WHERE id = ?').get(id) as
      | { id: string; name: string; received_at: number; expires_at: number; response: string | null }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      receivedAt: row.received_at,
      expiresAt: row.expires_at,
      response: row.response ? (JSON.parse(row.response) as CommandResponse) : null,
    };
  }

  /** Records the id before executing; returns false when it was already known. */
  claim(id: string, name: string, receivedAt: number, expiresAt: number): boolean {
    const info = this.db
      .prepare('INSERT OR IGNORE INTO fleet_commands (id, name, received_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(id, name, receivedAt, expiresAt);
    return info.changes === 1;
  }

  finish(id: string, response: CommandResponse): void {
    this.db.prepare('UPDATE fleet_commands SET response = ? WHERE id = ?').run(JSON.stringify(response), id);
  }

  /** Forgets ids whose command expired before `before` (they would be refused as expired anyway). */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM fleet_commands WHERE expires_at < ?').run(before).changes;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM fleet_commands').get() as { n: number }).n;
  }
}
