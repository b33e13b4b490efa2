import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ManualClock } from '../../../runtime/clock.js';
import { configSchema } from '../../../runtime/config/schema.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { PrintService } from '../../../domain/printing/print-service.js';
import type { CentreQueue } from '../../../domain/queue/centre-queue.js';
import { QueueService } from '../../../domain/queue/queue-service.js';
import { TicketStore } from '../../../domain/queue/ticket-store.js';
import { openDatabase } from '../../../runtime/storage/database.js';
import { Outbox } from '../../../domain/telemetry/outbox.js';
import { OutboxRecorder } from '../../../domain/telemetry/event-recorder.js';
import { MockPrinter } from '../../../hardware-mocks/printer.js';
import { TicketDesk } from '../../../flows/ticket-desk.js';
import { groupsSpeech, ticketSpeech } from '../../../flows/speech/queue.js';
import { renderTicketImage } from '../../../ui-framebuffer/receipts/ticket-receipt.js';
import { createGroupsScreen } from '../../../ui-framebuffer/screens/groups.js';
import { buttonFor, type VoiceTarget } from '../../../voice/recognition/push-to-talk.js';
import { COMMON_COMMANDS, HOME_COMMANDS, matchCommand } from '../../../voice/recognition/grammar.js';
import { renderContext, stubNav } from '../ui/render-helper.js';

const log = pino({ level: 'silent' });
const vn = (hh: number): number => Date.UTC(2026, 10, 25, hh - 7);

function setup(centre?: CentreQueue) {
  const config = configSchema.parse({});
  const clock = new ManualClock(vn(8));
  const bus = new EventBus<KioskEvents>(log);
  const db = openDatabase(':memory:');
  const outbox = new Outbox(db, 1000);
  const service = new QueueService(new TicketStore(db), config, clock, bus, {
    recorder: new OutboxRecorder(outbox, bus, clock),
  });
  const printer = new MockPrinter(576, clock);
  const desk = new TicketDesk(
    service,
    new PrintService(printer, bus, log),
    config.device,
    { event: () => undefined },
    centre,
  );
  return { desk, outbox, printer };
}

describe('Priority tickets (ưu tiên)', () => {
  it('share the group numbering and are served first: people ahead the way the centre counts them', async () => {
    const { desk } = setup();
    const take = async (priority: boolean) => (await desk.issue('tu-phap', { priority })).ticket;
    await take(false);
    await take(false);
    expect(await take(true)).toMatchObject({ number: 'A-003', priority: true, peopleAhead: 0 });
    expect(await take(true)).toMatchObject({ number: 'A-004', priority: true, peopleAhead: 1 });
    const ordinary = await take(false);
    expect(ordinary).toMatchObject({ number: 'A-005', peopleAhead: 4 });
    expect(ordinary.priority).toBeUndefined();
  });

  it('is recorded in the ticket event as priority, with nothing about the citizen', async () => {
    const { desk, outbox } = setup();
    await desk.issue('tu-phap', { priority: true });
    await desk.issue('tu-phap');
    const events = outbox.peek(10).filter((m) => m.topic === 'events/ticket-issued');
    expect(events.map((m) => m.payload.priority)).toEqual([true, false]);
    expect(Object.keys(events[0]?.payload ?? {}).sort()).toEqual(
      ['group', 'issuedAt', 'number', 'peopleAhead', 'priority', 'serviceDay'].sort(),
    );
  });

  it("is sent marked to the centre's queue, whose people-ahead count is the one shown", async () => {
    const asked: unknown[][] = [];
    const centre: CentreQueue = {
      peopleAhead: (...args) => {
        asked.push(args);
        return Promise.resolve(args[2] ? 2 : 9);
      },
    };
    const { desk } = setup(centre);
    const priority = await desk.issue('tu-phap', { priority: true });
    const ordinary = await desk.issue('tu-phap');
    expect(asked).toEqual([
      ['tu-phap', 'A-001', true],
      ['tu-phap', 'A-002', false],
    ]);
    expect(priority.ticket).toMatchObject({ peopleAhead: 2, peopleAheadSource: 'centre', priority: true });
    expect(ordinary.ticket).toMatchObject({ peopleAhead: 9, peopleAheadSource: 'centre' });
  });

  it('is spoken and printed as priority', async () => {
    const { desk } = setup();
    const issued = await desk.issue('tu-phap', { priority: true });
    expect(ticketSpeech('vi', issued, false)).toMatch(
      /^Số ưu tiên của bạn là A, không, không, một\. Bạn sẽ được phục vụ trước\./,
    );
    expect(ticketSpeech('en', issued, false)).toMatch(/^Your priority number is A 0 0 1\./);
    const options = { agency: 'UBND XÃ', centre: 'Trung tâm', timeZone: 'Asia/Ho_Chi_Minh', widthDots: 576 };
    const marked = renderTicketImage(issued.ticket, options);
    const plain = renderTicketImage({ ...issued.ticket, priority: false }, options);
    // The "ƯU TIÊN" band: white text on a black bar, below the number.
    expect(marked.height).toBeGreaterThan(plain.height + 40);
    /** A row crossed by one unbroken black run a quarter of the paper wide (a bar, not text). */
    const barRow = (img: typeof marked, y: number): boolean => {
      let run = 0;
      for (let x = 0; x < img.width; x++) {
        run = (img.rgba[(y * img.width + x) * 4] ?? 255) < 60 ? run + 1 : 0;
        if (run > img.width * 0.25) return true;
      }
      return false;
    };
    const rows = (img: typeof marked) => Array.from({ length: img.height }, (_, y) => barRow(img, y));
    expect(rows(marked).filter(Boolean).length).toBeGreaterThan(15);
    expect(rows(plain).filter(Boolean).length).toBe(0);
  });

  it('the field chooser offers it on 9 (touch, button and voice) and says so; its own screen issues priority', async () => {
    const opened: unknown[] = [];
    const taken: string[] = [];
    const nav = { ...stubNav(), open: (...args: unknown[]) => void opened.push(args) };
    const tiles = [
      {
        id: 'tu-phap',
        prefix: 'A',
        name: { vi: 'Tư pháp', en: 'Justice' },
        counters: [1],
        open: true,
        waiting: 0,
        opens: { vi: '', en: '' },
      },
    ];
    const deps = {
      groups: () => tiles,
      takeNumber: (id: string) => void taken.push(id),
      speech: groupsSpeech,
    };
    const { rc } = renderContext(800, 480, 'large');
    const plain = createGroupsScreen(nav, deps);
    const targets = plain.render(rc);
    const offer = targets.find((t) => t.button === '9');
    expect(offer?.label).toBe('Lấy số ưu tiên');
    await offer?.activate();
    expect(opened).toEqual([['groups', { priority: true }]]);
    expect(plain.speech?.('vi')).toContain('bấm số 9 để lấy số ưu tiên');
    const priority = createGroupsScreen(nav, { ...deps, priority: true });
    const own = priority.render(rc);
    expect(own.map((t) => t.button)).toEqual(['1']);
    expect(priority.describe?.()).toMatchObject({ priority: true });
    expect(priority.speech?.('vi')).toMatch(/^Số ưu tiên\. Chọn lĩnh vực/);
    // Voice: "ưu tiên" presses the priority choice, "lấy số" the ordinary one.
    const home: VoiceTarget[] = [
      { label: 'Lấy số thứ tự', button: '1' },
      { label: 'Lấy số ưu tiên', button: '7' },
    ];
    const said = (text: string) =>
      matchCommand({ text, words: [{ word: text, conf: 1 }] }, [...HOME_COMMANDS, ...COMMON_COMMANDS], 0.5);
    const press = (text: string) => {
      const m = said(text);
      return m ? buttonFor(m, home) : undefined;
    };
    expect(press('ưu tiên')).toBe('7');
    expect(press('lấy số ưu tiên')).toBe('7');
    expect(press('lấy số')).toBe('1');
  });
});
