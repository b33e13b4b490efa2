import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { KioskEvents } from '../../../domain/events.js';
import { OutboxRecorder } from '../../../domain/telemetry/event-recorder.js';
import { Outbox, type OutboxMessage } from '../../../domain/telemetry/outbox.js';
import { ManualClock } from '../../../runtime/clock.js';
import { EventBus } from '../../../runtime/event-bus.js';
import { openDatabase } from '../../../runtime/storage/database.js';

const log = pino({ level: 'silent' });

function setup() {
  const db = openDatabase(':memory:');
  const outbox = new Outbox(db, 100);
  const bus = new EventBus<KioskEvents>(log);
  const clock = new ManualClock();
  const announced: OutboxMessage[] = [];
  bus.on('test', 'outbox.queued', (m) => announced.push(m));
  const failures: unknown[] = [];
  const recorder = new OutboxRecorder(outbox, bus, clock, (err) => failures.push(err));
  return { db, outbox, clock, announced, failures, recorder };
}

/** Makes every outbox insert fail the way a full disk does (SQLITE_FULL). */
const fillDisk = (db: ReturnType<typeof openDatabase>) =>
  db.exec(
    `CREATE TRIGGER full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`,
  );
const freeDisk = (db: ReturnType<typeof openDatabase>) => db.exec('DROP TRIGGER full');

describe('EventRecorder: the one way to the outbox', () => {
  it('writes events and samples durably and announces each on the bus', () => {
    const { outbox, announced, recorder } = setup();
    recorder.event('events/id-card-scan', { ok: true });
    recorder.telemetry('telemetry', { rssMb: 80 });
    expect(outbox.peek().map((m) => [m.kind, m.topic])).toEqual([
      ['event', 'events/id-card-scan'],
      ['telemetry', 'telemetry'],
    ]);
    expect(announced.map((m) => m.topic)).toEqual(['events/id-card-scan', 'telemetry']);
  });

  it('keeps events in memory while the outbox cannot be written and writes them, in order, with the next message', () => {
    const { db, outbox, clock, announced, failures, recorder } = setup();
    fillDisk(db);
    recorder.event('events/printer-failed', { n: 1 });
    clock.advance(1000);
    recorder.event('events/printer-failed', { n: 2 });
    expect(() => recorder.telemetry('telemetry', { n: 3 })).toThrow(/disk is full/);
    expect(outbox.count()).toBe(0);
    expect(announced).toHaveLength(0);
    expect(failures).toHaveLength(3);
    freeDisk(db);
    clock.advance(1000);
    recorder.event('events/service-failed', { n: 4 });
    const queued = outbox.peek();
    expect(queued.map((m) => m.payload.n)).toEqual([1, 2, 4]);
    // each kept event carries the time it happened, not the time it was finally written
    expect(queued.map((m) => m.createdAt - (queued[0] as OutboxMessage).createdAt)).toEqual([0, 1000, 2000]);
    expect(announced.map((m) => m.payload.n)).toEqual([1, 2, 4]);
  });

  it('writes a record inside the caller transaction: it rolls back with it and is announced only once committed', () => {
    const { db, outbox, announced, recorder } = setup();
    db.exec('CREATE TABLE things (id INTEGER)');
    expect(() =>
      db.transaction(() => {
        recorder.record('records/thing', { id: 1 }, 5);
        throw new Error('the change failed');
      })(),
    ).toThrow(/the change failed/);
    expect(outbox.count()).toBe(0);
    const message = db.transaction(() => {
      const m = recorder.record('records/thing', { id: 2 }, 6);
      db.prepare('INSERT INTO things (id) VALUES (2)').run();
      return m;
    })();
    expect(announced).toHaveLength(0);
    recorder.committed(message);
    expect(outbox.peek()).toEqual([expect.objectContaining({ kind: 'record', topic: 'records/thing' })]);
    expect(announced).toEqual([message]);
  });
});
