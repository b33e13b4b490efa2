import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { KioskEvents } from '../../../domain/events.js';
import { PrintService } from '../../../domain/printing/print-service.js';
import type { IssuedTicket } from '../../../domain/queue/issued-ticket.js';
import { QueueService } from '../../../domain/queue/queue-service.js';
import { TicketStore } from '../../../domain/queue/ticket-store.js';
import { Outbox } from '../../../domain/telemetry/outbox.js';
import { OutboxRecorder } from '../../../domain/telemetry/event-recorder.js';
import { ticketSpeech } from '../../../flows/speech/queue.js';
import { TicketDesk } from '../../../flows/ticket-desk.js';
import { MockPrinter } from '../../../hardware-mocks/printer.js';
import { ManualClock } from '../../../runtime/clock.js';
import { configSchema } from '../../../runtime/config/schema.js';
import { EventBus } from '../../../runtime/event-bus.js';
import { openDatabase } from '../../../runtime/storage/database.js';
import { ticketReceiptLines } from '../../../ui-framebuffer/receipts/ticket-receipt.js';
import { createTicketScreen } from '../../../ui-framebuffer/screens/ticket.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { renderContext, stubNav } from '../ui/render-helper.js';

const log = pino({ level: 'silent' });

async function deliver(centreCount: number | undefined) {
  const config = configSchema.parse({});
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 1));
  const bus = new EventBus<KioskEvents>(log);
  const db = openDatabase(':memory:');
  const queue = new QueueService(new TicketStore(db), config, clock, bus, {
    recorder: new OutboxRecorder(new Outbox(db, 1000), bus, clock),
  });
  const delivered: IssuedTicket[] = [];
  const desk = new TicketDesk(
    queue,
    new PrintService(new MockPrinter(576, clock), bus, log),
    config.device,
    { event: () => undefined },
    { peopleAhead: async () => centreCount },
    (issued) => delivered.push(issued),
  );
  await desk.issue('tu-phap'); // someone before
  const issued = await desk.issue('tu-phap');
  return { issued, delivered, config };
}

describe('People ahead: one count, with its source, on screen, on paper, in speech and to listeners', () => {
  for (const [centre, source, shown, said] of [
    [
      7,
      'centre',
      '(theo hệ thống xếp hàng của trung tâm)',
      'Số người chờ theo hệ thống xếp hàng của trung tâm.',
    ],
    [
      undefined,
      'local',
      '(chỉ tính các số lấy tại máy này)',
      'Số người chờ chỉ tính các số lấy tại máy này.',
    ],
  ] as const) {
    it(`the ${source} count`, async () => {
      const { issued, delivered, config } = await deliver(centre);
      const count = centre ?? 1;
      expect(issued.ticket).toMatchObject({ peopleAhead: count, peopleAheadSource: source });
      // Listeners (the simulator's /api/state.lastTicket) get the ticket as handed out.
      expect(delivered.at(-1)?.ticket).toEqual(issued.ticket);

      const screen = createTicketScreen(
        stubNav(),
        {
          reprint: async () => issued,
          canReprint: () => false,
          names: (t) => ({ group: { vi: t.ticket.groupName, en: t.ticket.groupName } }),
          speech: { issued: ticketSpeech, reprinted: () => '' },
        },
        issued,
      );
      const { rc } = renderContext(800, 480, 'large', 'vi');
      const rec = recordingContext(rc.g);
      screen.render({ ...rc, g: rec.g });
      const texts = rec.drawn.map((d) => d.text);
      expect(texts).toContain(`Số người chờ trước: ${count}`);
      expect(texts).toContain(shown);
      expect(screen.describe?.()).toMatchObject({ peopleAhead: count, peopleAheadSource: source });

      const voice = ticketSpeech('vi', issued, false);
      expect(voice).toContain(count === 1 ? 'Có 1 người chờ trước. ' : `Có ${count} người chờ trước. `);
      expect(voice).toContain(said);

      const paper = ticketReceiptLines(issued.ticket, {
        agency: config.device.agency,
        centre: config.device.centre,
        timeZone: config.device.timeZone,
        widthDots: 576,
      }).map((l) => l.text);
      expect(paper).toContain(`Số người chờ trước: ${count}`);
      expect(paper).toContain(shown);
    });
  }
});
