import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, preparedStatements } from '../../../runtime/storage/database.js';
import { Outbox } from '../../../domain/telemetry/outbox.js';
import { TicketStore } from '../../../domain/queue/ticket-store.js';
import { tempDir } from '../../helpers/sim-process.js';

describe('storage', () => {
  it('uses WAL with full sync and applies each migration once', () => {
    const file = join(tempDir(), 'k.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(migrate(db, 'm', ['CREATE TABLE a (x)', 'ALTER TABLE a ADD COLUMN y'])).toBe(2);
    expect(migrate(db, 'm', ['CREATE TABLE a (x)', 'ALTER TABLE a ADD COLUMN y', 'CREATE TABLE b (z)'])).toBe(
      1,
    );
    db.close();
    expect(migrate(openDatabase(file), 'm', ['CREATE TABLE a (x)'])).toBe(0);
  });

  it('prepares a statement once per database and SQL text', () => {
    const db = openDatabase(':memory:');
    const sql = preparedStatements(db);
    expect(sql('SELECT 1 AS x')).toBe(sql('SELECT 1 AS x'));
    expect(sql('SELECT 2 AS x')).not.toBe(sql('SELECT 1 AS x'));
    expect(preparedStatements(db)('SELECT 1 AS x')).not.toBe(sql('SELECT 1 AS x'));
    expect(sql('SELECT 1 AS x').get()).toEqual({ x: 1 });
  });

  it('numbers tickets per group and per day', () => {
    const store = new TicketStore(openDatabase(':memory:'));
    const a = { id: 'a', prefix: 'A', name: 'A', counters: [1] };
    const b = { id: 'b', prefix: 'B', name: 'B', counters: [2] };
    expect(store.issue(a, '2026-11-25', 1).number).toBe('A-001');
    expect(store.issue(a, '2026-11-25', 2).number).toBe('A-002');
    expect(store.issue(b, '2026-11-25', 3).number).toBe('B-001');
    expect(store.issue(a, '2026-11-26', 4).number).toBe('A-001');
    expect(store.issue(a, '2026-11-25', 5).peopleAhead).toBe(2);
    expect(store.setStatus('A-001', '2026-11-25', 'done')).toBe(true);
    expect(store.issue(a, '2026-11-25', 6).peopleAhead).toBe(2);
  });

  it('outbox drops telemetry first, never records', () => {
    const outbox = new Outbox(openDatabase(':memory:'), 3);
    outbox.enqueue('record', 'ratings', { r: 1 }, 1);
    outbox.enqueue('telemetry', 't', { n: 1 }, 2);
    outbox.enqueue('event', 'e', { n: 1 }, 3);
    outbox.enqueue('record', 'ratings', { r: 2 }, 4);
    expect(outbox.peek().map((m) => m.topic)).toEqual(['ratings', 'e', 'ratings']);
    outbox.enqueue('record', 'ratings', { r: 3 }, 5);
    expect(outbox.peek().map((m) => m.kind)).toEqual(['record', 'record', 'record']);
    outbox.enqueue('record', 'ratings', { r: 4 }, 6);
    expect(outbox.count()).toBe(4);
  });
});
