import { randomUUID } from 'node:crypto';
import { migrate, preparedStatements, type Db, type Statement } from '../../runtime/storage/database.js';

/**
 * Message classes in the outbox. When the outbox is full, `telemetry` (periodic, replaceable) is
 * dropped first; `event` next; `record` (citizen records such as ratings) is never dropped.
 */
export type OutboxKind = 'telemetry' | 'event' | 'record';

export interface OutboxMessage {
  /** Queue order; increases with every message written. */
  id: number;
  /** Globally unique id sent with the message; consumers deduplicate by it (at-least-once). */
  uid: string;
  kind: OutboxKind;
  /** Topic suffix under the device's topic, e.g. "events/ticket-issued". */
  topic: string;
  payload: Record<string, unknown>;
  createdAt: number;
}

const MIGRATIONS = [
  `CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     topic TEXT NOT NULL,
     payload TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );`,
  `ALTER TABLE outbox ADD COLUMN uid TEXT;
   UPDATE outbox SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
   CREATE INDEX outbox_kind ON outbox (kind, id);`,
];

interface Row {
  id: number;
  uid: string;
  kind: OutboxKind;
  topic: string;
  payload: string;
  created_at: number;
}

/**
 * Durable queue of messages for the fleet broker: written before any publish attempt, deleted
 * only after the broker acknowledges, replayed in id order after a restart.
 */
export class Outbox {
  private readonly sql: (text: string) => Statement;

  constructor(
    private readonly db: Db,
    private readonly limit: number,
  ) {
    migrate(db, 'outbox', MIGRATIONS);
    this.sql = preparedStatements(db);
  }

  enqueue(kind: OutboxKind, topic: string, payload: Record<string, unknown>, at: number): OutboxMessage {
    return this.db
      .transaction((): OutboxMessage => {
        const uid = randomUUID();
        const info = this.sql(
          'INSERT INTO outbox (uid, kind, topic, payload, created_at) VALUES (?, ?, ?, ?, ?)',
        ).run(uid, kind, topic, JSON.stringify(payload), at);
        this.enforceLimit();
        return { id: Number(info.lastInsertRowid), uid, kind, topic, payload, createdAt: at };
      })
      .immediate();
  }

  /** Oldest messages first. */
  peek(limit = 100, afterId = 0): OutboxMessage[] {
    const rows = this.sql('SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?').all(
      afterId,
      limit,
    ) as Row[];
    return rows.map((r) => ({
      id: r.id,
      uid: r.uid,
      kind: r.kind,
      topic: r.topic,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
  }

  /** Removes a message after the broker acknowledged it. */
  ack(id: number): void {
    this.sql('DELETE FROM outbox WHERE id = ?').run(id);
  }

  /** Removes several acknowledged messages in one transaction (one fsync). */
  ackMany(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const del = this.sql('DELETE FROM outbox WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) del.run(id);
    })();
  }

  /** Queued messages by kind. */
  depth(): Record<OutboxKind, number> {
    const out: Record<OutboxKind, number> = { telemetry: 0, event: 0, record: 0 };
    const rows = this.sql('SELECT kind, COUNT(*) AS n FROM outbox GROUP BY kind').all() as {
      kind: OutboxKind;
      n: number;
    }[];
    for (const r of rows) out[r.kind] = r.n;
    return out;
  }

  count(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  }

  private enforceLimit(): void {
    let excess = this.count() - this.limit;
    for (const kind of ['telemetry', 'event'] as const) {
      if (excess <= 0) return;
      const info = this.sql(
        'DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE kind = ? ORDER BY id LIMIT ?)',
      ).run(kind, excess);
      excess -= info.changes;
    }
  }
}
