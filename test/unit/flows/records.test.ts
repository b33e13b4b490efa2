import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../runtime/clock.js';
import { DossierCache } from '../../../domain/dossier/dossier-cache.js';
import { DossierService } from '../../../domain/dossier/dossier-service.js';
import { parseDossierAnswer } from '../../../domain/dossier/dossier-status.js';
import { DriverError } from '../../../runtime/errors.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import type { FleetLink } from '../../../domain/fleet/fleet-link.js';
import { FleetCentreQueue } from '../../../domain/queue/centre-queue.js';
import { RatingService } from '../../../domain/rating/rating-service.js';
import { openDatabase } from '../../../runtime/storage/database.js';
import { Outbox } from '../../../domain/telemetry/outbox.js';
import { OutboxRecorder } from '../../../domain/telemetry/event-recorder.js';

const log = pino({ level: 'silent' });

/** A FleetLink double at our own interface: scripted answers or failures. */
function link(
  answer: (topic: string, payload: Record<string, unknown>) => Promise<Record<string, unknown>>,
  connected = true,
) {
  const calls: { topic: string; payload: Record<string, unknown>; timeoutMs: number }[] = [];
  const fake: FleetLink & { calls: typeof calls; connected: boolean } = {
    connected,
    calls,
    request: (topic, payload, timeoutMs) => {
      calls.push({ topic, payload, timeoutMs });
      return answer(topic, payload);
    },
    onConnectionChange: () => () => undefined,
  };
  return fake;
}

describe('Flows: ratings are stored and queued in one transaction', () => {
  it('writes the rating and exactly one outbox record', () => {
    const db = openDatabase(':memory:');
    const outbox = new Outbox(db, 100);
    const clock = new ManualClock();
    const bus = new EventBus<KioskEvents>(log);
    const queued: unknown[] = [];
    bus.on('test', 'outbox.queued', (m) => queued.push(m));
    const ratings = new RatingService(db, new OutboxRecorder(outbox, bus, clock), clock, 5);
    const r = ratings.submit({ score: 4, counter: 3, dossierNumber: 'H26-1' });
    expect(r).toMatchObject({ score: 4, levels: 5, label: 'Hài lòng', counter: 3, dossierNumber: 'H26-1' });
    expect(outbox.peek()).toEqual([
      expect.objectContaining({
        kind: 'record',
        topic: 'records/rating',
        payload: expect.objectContaining({ id: r.id, score: 4 }),
      }),
    ]);
    expect(ratings.list()).toHaveLength(1);
    expect(queued).toHaveLength(1);
  });

  it('rejects bad input naming the field, and stores nothing', () => {
    const db = openDatabase(':memory:');
    const outbox = new Outbox(db, 100);
    const clock = new ManualClock();
    const ratings = new RatingService(
      db,
      new OutboxRecorder(outbox, new EventBus<KioskEvents>(log), clock),
      clock,
      3,
    );
    expect(() => ratings.submit({ score: 5 })).toThrow(/score: must be 1-3, got 5/);
    expect(() => ratings.submit({ score: 2, counter: 0 })).toThrow(/counter: must be 1-99/);
    expect(outbox.count()).toBe(0);
    expect(ratings.list()).toHaveLength(0);
  });

  it('if the rating row cannot be written, the outbox record is rolled back too', () => {
    const db = openDatabase(':memory:');
    const outbox = new Outbox(db, 100);
    const clock = new ManualClock();
    const ratings = new RatingService(
      db,
      new OutboxRecorder(outbox, new EventBus<KioskEvents>(log), clock),
      clock,
      5,
    );
    db.exec(
      `CREATE TRIGGER no_ratings BEFORE INSERT ON ratings BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
    );
    expect(() => ratings.submit({ score: 5 })).toThrow(/disk full/);
    expect(outbox.count()).toBe(0);
  });
});

describe('Flows: dossier status over the fleet link', () => {
  const setup = (fleet: FleetLink | undefined) => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 2, 0));
    const cache = new DossierCache(openDatabase(':memory:'));
    const service = new DossierService(() => fleet, cache, clock, log, {
      requestTopic: 'kiosk/v1/devices/k1/centre/dossier-status',
      timeoutMs: 500,
    });
    return { clock, cache, service };
  };

  it('asks the centre, caches the answer, and falls back to it (with its time) on timeout', async () => {
    let mode: 'ok' | 'timeout' = 'ok';
    const fleet = link(async () => {
      if (mode === 'timeout') throw new DriverError('fleet', 'timeout', 'no-reply', 'no reply');
      return { status: 'ok', data: { state: 'ready', procedureName: 'Đăng ký khai sinh', counter: 5 } };
    });
    const { service, clock } = setup(fleet);
    const live = await service.lookup('H26.22.12-251125-0003');
    expect(live).toMatchObject({
      kind: 'live',
      status: { state: 'ready', counter: 5 },
      fetchedAt: clock.now(),
    });
    expect(fleet.calls[0]).toEqual({
      topic: 'kiosk/v1/devices/k1/centre/dossier-status',
      payload: { dossierNumber: 'H26.22.12-251125-0003' },
      timeoutMs: 500,
    });
    const firstFetch = clock.now();
    clock.advance(3_600_000);
    mode = 'timeout';
    expect(await service.lookup('H26.22.12-251125-0003')).toMatchObject({
      kind: 'cached',
      reason: 'timeout',
      fetchedAt: firstFetch,
    });
    expect(await service.lookup('OTHER-0001')).toEqual({
      kind: 'unavailable',
      dossierNumber: 'OTHER-0001',
      reason: 'timeout',
    });
  });

  it('offline without asking; not-found; malformed answers are reported and never cached', async () => {
    const offline = link(async () => ({}), false);
    expect(await setup(offline).service.lookup('A-1')).toMatchObject({
      kind: 'unavailable',
      reason: 'offline',
    });
    expect(offline.calls).toHaveLength(0);
    expect(await setup(undefined).service.lookup('A-1')).toMatchObject({
      kind: 'unavailable',
      reason: 'offline',
    });
    expect(await setup(link(async () => ({ status: 'not-found' }))).service.lookup('A-1')).toEqual({
      kind: 'not-found',
      dossierNumber: 'A-1',
    });
    const bad = setup(link(async () => ({ status: 'ok', data: { state: 42 } })));
    expect(await bad.service.lookup('A-1')).toMatchObject({ kind: 'unavailable', reason: 'bad-answer' });
    expect(bad.cache.get('A-1')).toBeUndefined();
  });

  it('parses the centre answer strictly but keeps unknown states readable', () => {
    expect(parseDossierAnswer('X', { state: 'đang thẩm định' })).toEqual({
      dossierNumber: 'X',
      state: 'unknown',
      stateText: 'đang thẩm định',
    });
    expect(parseDossierAnswer('X', { state: 'ready', counter: 500 })).toEqual({
      dossierNumber: 'X',
      state: 'ready',
    });
    expect(() => parseDossierAnswer('X', { status: 'error', error: 'db down' })).toThrow(
      /status: the centre answered error "db down"/,
    );
    expect(() => parseDossierAnswer('X', {})).toThrow(/data.state: must be text/);
  });
});

describe('Flows: people ahead from the centre', () => {
  it('uses the answer, and after a failure stops asking for the back-off period', async () => {
    let now = 0;
    let fail = false;
    const fleet = link(async () => {
      if (fail) throw new DriverError('fleet', 'timeout', 'no-reply', 'no reply');
      return { peopleAhead: 4 };
    });
    const centre = new FleetCentreQueue(
      () => fleet,
      't',
      500,
      60_000,
      () => now,
    );
    expect(await centre.peopleAhead('tu-phap', 'A-001')).toBe(4);
    fail = true;
    expect(await centre.peopleAhead('tu-phap', 'A-002')).toBeUndefined();
    fail = false;
    now = 30_000;
    expect(await centre.peopleAhead('tu-phap', 'A-003')).toBeUndefined();
    expect(fleet.calls).toHaveLength(2);
    now = 61_000;
    expect(await centre.peopleAhead('tu-phap', 'A-004')).toBe(4);
    expect(
      await new FleetCentreQueue(() => link(async () => ({ peopleAhead: -1 })), 't').peopleAhead('g', 'n'),
    ).toBeUndefined();
  });
});
