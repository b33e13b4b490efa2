import { afterEach, describe, expect, it } from 'vitest';
import { localTime } from '../../runtime/time.js';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';
import { configArgs, lastSpeech, outbox, press, state, touch } from './flow-steps.js';

describe('Citizen flows: queue tickets through the simulator', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('home offers the eight entries; choosing a field gives a ticket with that group prefix', async () => {
    sim = await startSim();
    const home = await state(sim);
    expect(home.targets.filter((t) => t.button).map((t) => [t.button, t.id])).toEqual([
      ['1', 'take-number'],
      ['2', 'search'],
      ['3', 'dossier'],
      ['4', 'rating'],
      ['5', 'groups'],
      ['6', 'scan-id'],
      ['7', 'priority'],
      ['8', 'assistant'],
    ]);
    expect(home.targets.find((t) => t.id === 'take-number')?.label).toBe('Lấy số thứ tự');

    const groups = await press(sim, '5');
    expect(groups.screen).toBe('groups');
    expect(await lastSpeech(sim)).toContain('Số 2: Đất đai - Xây dựng');
    const ticket = await press(sim, '2');
    expect(ticket.screen).toBe('ticket');
    expect(ticket.lastTicket?.number).toBe('B-001');
    // The simulator's built-in centre counts people ahead (--no-centre: the kiosk's own count).
    expect(ticket.details).toMatchObject({ ticket: 'B-001', printed: true, peopleAheadSource: 'centre' });
    expect(await lastSpeech(sim)).toContain('Số thứ tự của bạn là B, không, không, một');

    // Touch works the same way; numbering is per group.
    await press(sim, 'ok');
    await touch(sim, 'groups');
    expect((await touch(sim, 'group:dat-dai')).lastTicket?.number).toBe('B-002');
    await press(sim, 'ok');
    await press(sim, '5');
    expect((await press(sim, '3')).lastTicket?.number).toBe('C-001');
    await press(sim, 'ok');
    expect((await press(sim, '1')).lastTicket?.number).toBe('A-001');

    const receipts = await sim.api<unknown[]>('/api/receipts');
    expect(receipts).toHaveLength(4);
    const prints = (await outbox(sim)).filter((m) => m.topic === 'events/ticket-print');
    expect(prints.map((m) => [m.payload.number, m.payload.ok])).toEqual([
      ['B-001', true],
      ['B-002', true],
      ['C-001', true],
      ['A-001', true],
    ]);
  });

  it("a priority number: home 7 or the field chooser's 9, printed, shown, spoken and recorded as priority", async () => {
    sim = await startSim();
    await press(sim, '1'); // A-001, ordinary
    await press(sim, 'ok');
    const ticket = await press(sim, '7');
    expect(ticket.screen).toBe('ticket');
    // The simulator's built-in centre serves priority numbers first: nobody is ahead of the first.
    expect(ticket.details).toMatchObject({
      ticket: 'A-002',
      priority: true,
      peopleAhead: 0,
      peopleAheadSource: 'centre',
    });
    expect(ticket.lastTicket).toMatchObject({ number: 'A-002', priority: true, peopleAhead: 0 });
    expect(await lastSpeech(sim)).toMatch(/^Số ưu tiên của bạn là A, không, không, hai\./);
    await press(sim, 'ok');
    // The field chooser: 9 opens the same choice for a priority number.
    await press(sim, '5');
    const chooser = await press(sim, '9');
    expect(chooser.screen).toBe('groups');
    expect(chooser.details.priority).toBe(true);
    expect(await lastSpeech(sim)).toMatch(/^Số ưu tiên\. Chọn lĩnh vực/);
    const second = await touch(sim, 'group:tu-phap');
    expect(second.details).toMatchObject({ ticket: 'A-003', priority: true, peopleAhead: 1 });
    await press(sim, 'ok');
    const ordinary = (await press(sim, '1')).details;
    expect(ordinary).toMatchObject({ ticket: 'A-004', priority: false, peopleAheadSource: 'centre' });
    // Everyone before it: the centre's own waiting citizens and A-001..A-003 (less any served since).
    expect(ordinary.peopleAhead as number).toBeGreaterThan(3);
    const issued = (await outbox(sim)).filter((m) => m.topic === 'events/ticket-issued');
    expect(issued.map((m) => [m.payload.number, m.payload.priority])).toEqual([
      ['A-001', false],
      ['A-002', true],
      ['A-003', true],
      ['A-004', false],
    ]);
    expect(await sim.api<unknown[]>('/api/receipts')).toHaveLength(4);
  });

  it('outside opening hours says when it opens instead of issuing a number', async () => {
    const dir = tempDir();
    // Every weekday except today (in the kiosk's zone), so the kiosk is closed now and opens tomorrow or later.
    const t = localTime(Date.now(), 'Asia/Ho_Chi_Minh');
    const isoToday = ((new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay() + 6) % 7) + 1;
    const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== isoToday);
    sim = await startSim({
      dataDir: dir,
      args: configArgs(dir, { queue: { hours: ['07:00-11:30', '13:30-17:00'], days } }),
    });
    const closed = await press(sim, '1');
    expect(closed.screen).toBe('closed');
    expect(closed.lastTicket).toBeNull();
    expect(closed.details.opensAt).toMatchObject({ time: '07:00', inDays: 1 });
    const said = await lastSpeech(sim);
    expect(said).toContain('ngoài giờ làm việc');
    expect(said).toContain('07:00 sáng mai');
    expect(await sim.api<unknown[]>('/api/receipts')).toHaveLength(0);
    expect((await outbox(sim)).filter((m) => m.topic === 'events/ticket-issued')).toHaveLength(0);
    // The field chooser shows it too, and no number is issued there either.
    await press(sim, 'ok');
    const groups = await press(sim, '5');
    expect(groups.details.groups).toContainEqual({ id: 'dat-dai', prefix: 'B', open: false });
    expect((await press(sim, '2')).screen).toBe('closed');
  });

  it('paper out: the number is still shown and spoken; retry prints the same number once', async () => {
    sim = await startSim();
    await sim.api('/api/printer', { paperOut: true });
    const shown = await press(sim, '1');
    expect(shown.screen).toBe('ticket');
    expect(shown.details).toMatchObject({
      ticket: 'A-001',
      printed: false,
      printProblem: 'paper-out',
      printAttempts: 1,
    });
    const said = await lastSpeech(sim);
    expect(said).toContain('Số thứ tự của bạn là A, không, không, một');
    expect(said).toContain('Máy in đang gặp sự cố');
    expect(said).toContain('Bấm số 2 để in lại phiếu');
    expect(shown.targets.map((t) => t.id)).toContain('retry-print');
    expect(await sim.api<unknown[]>('/api/receipts')).toHaveLength(0);

    // Still out of paper: retry fails, same number kept.
    const stillOut = await press(sim, '2');
    expect(stillOut.details).toMatchObject({ ticket: 'A-001', printed: false, printAttempts: 2 });
    expect(await lastSpeech(sim)).toContain('Vẫn chưa in được');

    await sim.api('/api/printer', { paperOut: false });
    const printed = await press(sim, '2');
    expect(printed.details).toMatchObject({ ticket: 'A-001', printed: true, printAttempts: 3 });
    expect(printed.lastTicket?.number).toBe('A-001');
    expect(await lastSpeech(sim)).toContain('Đã in phiếu');
    expect(printed.targets.map((t) => t.id)).not.toContain('retry-print');
    // The reprint guard: pressing 2 again prints nothing more.
    await press(sim, '2');
    expect(await sim.api<unknown[]>('/api/receipts')).toHaveLength(1);

    const events = await outbox(sim);
    expect(events.filter((m) => m.topic === 'events/printer-failed').length).toBeGreaterThanOrEqual(2);
    expect(
      events
        .filter((m) => m.topic === 'events/ticket-print')
        .map((m) => [m.payload.ok, m.payload.fallback ?? null]),
    ).toEqual([
      [false, 'shown-on-screen'],
      [false, 'shown-on-screen'],
      [true, null],
    ]);
    // The next citizen gets the next number, never a reissue.
    await press(sim, 'ok');
    expect((await press(sim, '1')).lastTicket?.number).toBe('A-002');
  });

  it('kill -9 right after issuing: the number is never reused', async () => {
    // The kiosk's own count (no mock centre): it survives the restart with the numbers.
    sim = await startSim({ args: ['--no-centre'] });
    const dataDir = sim.dataDir;
    await press(sim, '5');
    expect((await press(sim, '2')).lastTicket?.number).toBe('B-001');
    await sim.kill();
    sim = await startSim({ dataDir, args: ['--no-centre'] });
    await press(sim, '5');
    const next = await press(sim, '2');
    expect(next.lastTicket?.number).toBe('B-002');
    expect(next.lastTicket?.peopleAhead).toBe(1);
  });
});
