import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { Backoff } from '../../../domain/fleet/mqtt-options.js';
import { openDatabase, type Db } from '../../../runtime/storage/database.js';
import { Outbox, type OutboxMessage } from '../../../domain/telemetry/outbox.js';
import { OutboxPublisher } from '../../../domain/telemetry/outbox-publisher.js';
import { tempDir } from '../../helpers/sim-process.js';

describe('Fleet: durable outbox and its publisher', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir, 'kiosk.db'));
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every message a unique id that survives reopening the database', () => {
    const outbox = new Outbox(db, 100);
    const a = outbox.enqueue('record', 'events/rating', { stars: 5 }, 1);
    outbox.enqueue('event', 'events/x', {}, 2);
    db.close();
    db = openDatabase(join(dir, 'kiosk.db'));
    const again = new Outbox(db, 100).peek();
    expect(again.map((m) => m.uid)).toHaveLength(2);
    expect(again[0]?.uid).toBe(a.uid);
    expect(new Set(again.map((m) => m.uid)).size).toBe(2);
  });

  it('when full drops oldest telemetry first, then events, never citizen records', () => {
    const outbox = new Outbox(db, 100);
    for (let i = 0; i < 60; i++) outbox.enqueue('telemetry', 'telemetry', { i }, i);
    for (let i = 0; i < 30; i++) outbox.enqueue('event', 'events/e', { i }, i);
    for (let i = 0; i < 120; i++) outbox.enqueue('record', 'events/ticket-issued', { i }, i);
    expect(outbox.depth()).toEqual({ telemetry: 0, event: 0, record: 120 });
    const outbox2 = new Outbox(db, 200);
    outbox2.enqueue('telemetry', 'telemetry', { last: true }, 1);
    expect(outbox2.depth().telemetry).toBe(1);
  });

  it('publishes in id order, deletes only acknowledged messages, and retries the rest', async () => {
    const outbox = new Outbox(db, 1000);
    for (let i = 0; i < 200; i++) outbox.enqueue('record', 'events/ticket-issued', { i }, i);
    const seen: number[] = [];
    let failUntil = 3;
    const publisher = new OutboxPublisher(
      outbox,
      async (m: OutboxMessage) => {
        seen.push(m.payload.i as number);
        if (failUntil-- > 0) throw new Error('not authorised');
      },
      pino({ level: 'silent' }),
      { window: 16, ackFlushMs: 5 },
    );
    publisher.setConnected(true);
    await new Promise((r) => setTimeout(r, 50));
    publisher.setConnected(true); // reconnect: retry from the oldest
    expect(await publisher.idle(5000)).toBe(true);
    expect(outbox.count()).toBe(0);
    const firstTimes = seen.filter((v, i) => seen.indexOf(v) === i);
    expect(firstTimes).toEqual([...Array(200).keys()]);
    publisher.stop();
  });

  it('deletes a message acknowledged after stop() at once, while the database is still open', async () => {
    const outbox = new Outbox(db, 100);
    outbox.enqueue('record', 'events/ticket-issued', { i: 1 }, 1);
    let puback: () => void = () => undefined;
    const errors: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const publisher = new OutboxPublisher(
      outbox,
      () =>
        new Promise<void>((resolve) => {
          puback = resolve;
        }),
      log,
      { ackFlushMs: 50 },
    );
    publisher.setConnected(true);
    await new Promise((r) => setTimeout(r, 10));
    publisher.stop(); // the kiosk stops while the PUBACK is on its way (the link still waits for it)
    puback();
    await Promise.resolve();
    expect(outbox.count()).toBe(0);
    db.close(); // the kiosk closes its database once the link stopped
    await new Promise((r) => setTimeout(r, 80));
    expect(errors).toEqual([]);
  });

  it('keeps everything queued while disconnected', async () => {
    const outbox = new Outbox(db, 1000);
    const publisher = new OutboxPublisher(outbox, async () => undefined, pino({ level: 'silent' }));
    outbox.enqueue('event', 'events/x', {}, 1);
    publisher.kick();
    await new Promise((r) => setTimeout(r, 30));
    expect(outbox.count()).toBe(1);
    publisher.setConnected(true);
    expect(await publisher.idle(2000)).toBe(true);
    publisher.stop();
  });

  it('backs off exponentially with jitter up to the cap', () => {
    const low = new Backoff(1000, 8000, () => 0);
    expect([low.next(), low.next(), low.next(), low.next(), low.next()]).toEqual([
      500, 1000, 2000, 4000, 4000,
    ]);
    const high = new Backoff(1000, 8000, () => 1);
    expect([high.next(), high.next(), high.next(), high.next()]).toEqual([1000, 2000, 4000, 8000]);
    high.reset();
    expect(high.next()).toBe(1000);
  });
});
