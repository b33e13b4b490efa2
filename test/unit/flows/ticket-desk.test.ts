import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../runtime/clock.js';
import { configSchema } from '../../../runtime/config/schema.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { pino } from 'pino';
import { PrintService } from '../../../domain/printing/print-service.js';
import type { CentreQueue } from '../../../domain/queue/centre-queue.js';
import { QueueClosedError, QueueService } from '../../../domain/queue/queue-service.js';
import { MAX_PRINT_ATTEMPTS, TicketDesk } from '../../../flows/ticket-desk.js';
import { TicketStore } from '../../../domain/queue/ticket-store.js';
import { openDatabase } from '../../../runtime/storage/database.js';
import { Outbox } from '../../../domain/telemetry/outbox.js';
import { OutboxRecorder } from '../../../domain/telemetry/event-recorder.js';
import { MockPrinter } from '../../../hardware-mocks/printer.js';

const log = pino({ level: 'silent' });
/** Wednesday 2026-11-25 at hh:mm in Vietnam. */
const vn = (hh: number, mm = 0): number => Date.UTC(2026, 10, 25, hh - 7, mm);

function setup(queue: Record<string, unknown> = {}, centre?: CentreQueue) {
  const config = configSchema.parse({ queue });
  const clock = new ManualClock(vn(8));
  const bus = new EventBus<KioskEvents>(log);
  const db = openDatabase(':memory:');
  const store = new TicketStore(db);
  const service = new QueueService(store, config, clock, bus, {
    recorder: new OutboxRecorder(new Outbox(db, 1000), bus, clock),
  });
  const printer = new MockPrinter(576, clock);
  const printing = new PrintService(printer, bus, log);
  const recorded: { topic: string; payload: Record<string, unknown> }[] = [];
  const desk = new TicketDesk(
    service,
    printing,
    config.device,
    { event: (topic, payload) => recorded.push({ topic, payload }) },
    centre,
  );
  return { config, clock, bus, db, store, service, printer, desk, recorded };
}

describe('Flows: queue service and ticket desk', () => {
  it('issues per-group numbers inside the hours and refuses outside them without recording anything', async () => {
    const { service, desk, clock, store } = setup({
      hours: ['07:00-11:30', '13:30-17:00'],
      days: [1, 2, 3, 4, 5],
    });
    const a = await desk.issue('tu-phap');
    expect(a.ticket).toMatchObject({ number: 'A-001', session: 'Sáng', peopleAheadSource: 'local' });
    expect((await desk.issue('dat-dai')).ticket.number).toBe('B-001');
    clock.advance(4 * 3600 * 1000); // 12:00
    expect(service.availability('tu-phap')).toMatchObject({
      open: false,
      next: { time: '13:30', inDays: 0 },
    });
    expect(() => service.issue('tu-phap')).toThrow(QueueClosedError);
    await expect(desk.issue('tu-phap')).rejects.toBeInstanceOf(QueueClosedError);
    expect(store.list('2026-11-25')).toHaveLength(2);
    clock.advance(2 * 3600 * 1000); // 14:00
    expect((await desk.issue('tu-phap')).ticket).toMatchObject({
      number: 'A-002',
      session: 'Chiều',
      peopleAhead: 1,
    });
  });

  it('follows a hot reload of queue.hours (the config is updated in place)', () => {
    const { service, config } = setup();
    expect(service.availability('tu-phap').open).toBe(true);
    config.queue.hours = ['13:30-17:00'];
    expect(service.availability('tu-phap')).toMatchObject({
      open: false,
      next: { time: '13:30', inDays: 0 },
    });
  });

  it('a group can have its own hours; fields route to groups', () => {
    const { service } = setup({
      hours: ['07:00-11:30'],
      groups: [
        { id: 'tu-phap', prefix: 'A', name: 'Tư pháp', fields: ['Hộ tịch'] },
        { id: 'tra-ket-qua', prefix: 'D', name: 'Trả kết quả', hours: ['13:00-17:00'] },
      ],
    });
    expect(service.availability('tu-phap').open).toBe(true);
    expect(service.availability('tra-ket-qua').open).toBe(false);
    expect(service.groupForField('hộ tịch')?.id).toBe('tu-phap');
    expect(service.groupForField('Đất đai')).toBeUndefined();
  });

  it('paper out keeps the number; reprint prints the same number once, then refuses', async () => {
    const { desk, printer, recorded } = setup();
    printer.paperOut = true;
    const first = await desk.issue('tu-phap');
    expect(first.printed).toMatchObject({ ok: false, code: 'paper-out' });
    expect(first.print).toEqual({ attempts: 1, printedAt: null });
    printer.paperOut = false;
    const again = await desk.reprint(first);
    expect('refused' in again).toBe(false);
    if ('refused' in again) return;
    expect(again.ticket.number).toBe('A-001');
    expect(again.printed.ok).toBe(true);
    expect(printer.receipts).toHaveLength(1);
    const third = await desk.reprint(again);
    expect(third).toMatchObject({ refused: 'already-printed' });
    expect(printer.receipts).toHaveLength(1);
    expect(recorded.map((r) => [r.topic, r.payload.ok, r.payload.attempt])).toEqual([
      ['events/ticket-print', false, 1],
      ['events/ticket-print', true, 2],
    ]);
  });

  it(`stops retrying after ${MAX_PRINT_ATTEMPTS} failed attempts`, async () => {
    const { desk, printer } = setup();
    printer.paperOut = true;
    let issued = await desk.issue('tu-phap');
    for (let i = 1; i < MAX_PRINT_ATTEMPTS; i++) {
      const r = await desk.reprint(issued);
      if ('refused' in r) throw new Error(`refused early: ${r.refused}`);
      issued = r;
    }
    expect(issued.print?.attempts).toBe(MAX_PRINT_ATTEMPTS);
    expect(await desk.reprint(issued)).toMatchObject({ refused: 'too-many-attempts' });
  });

  it('uses the centre count for people ahead when the centre answers', async () => {
    const asked: string[] = [];
    const centre: CentreQueue = {
      peopleAhead: async (group, number) => {
        asked.push(`${group}:${number}`);
        return 12;
      },
    };
    const { desk } = setup({}, centre);
    const issued = await desk.issue('tu-phap');
    expect(issued.ticket).toMatchObject({ peopleAhead: 12, peopleAheadSource: 'centre' });
    expect(asked).toEqual(['tu-phap:A-001']);
  });
});
