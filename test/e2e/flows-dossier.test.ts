import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DossierCache } from '../../domain/dossier/dossier-cache.js';
import { openDatabase } from '../../runtime/storage/database.js';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';
import { lastSpeech, outbox, press, state, touch, waitForScreen, type FlowState } from './flow-steps.js';

describe('Citizen flows: dossier status without a connection to the centre', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('dossier lookup with no connection and nothing cached says so plainly', async () => {
    // --no-centre: no built-in mock centre, so without a broker nothing can be asked.
    sim = await startSim({ args: ['--no-centre'] });
    expect((await press(sim, '3')).screen).toBe('dossier');
    await sim.api('/api/scan', { data: '000.00.12.H26-251125-0001' });
    const shown = await waitForScreen(sim, 'dossier-status');
    expect(shown.details).toMatchObject({
      dossier: '000.00.12.H26-251125-0001',
      kind: 'unavailable',
      reason: 'offline',
    });
    const said = await lastSpeech(sim);
    expect(said).toContain('Chưa tra cứu được: đang mất kết nối với trung tâm');
    expect(said).toContain('hỏi cán bộ');
  });

  it('a dossier number is typed as printed on the code keyboard, and the state says so', async () => {
    sim = await startSim({ args: ['--no-centre'] });
    let st = await press(sim, '3');
    expect(st.details.keyboard).toBe('code');
    expect(st.targets.map((t) => t.id)).not.toContain('key:mode');
    for (const ch of 'H26.22.12-251125-0003') st = await touch(sim, `key:${ch}`);
    expect(st.details.typed).toBe('H26.22.12-251125-0003');
    await touch(sim, 'key:done');
    const shown = await waitForScreen(sim, 'dossier-status');
    expect(shown.details).toMatchObject({ dossier: 'H26.22.12-251125-0003' });
  });

  it('dossier lookup offline shows the last known status with its time', async () => {
    const dir = tempDir();
    const fetchedAt = Date.UTC(2026, 10, 24, 2, 15, 0); // 09:15 on 24/11/2026 in Asia/Ho_Chi_Minh
    const db = openDatabase(join(dir, 'kiosk.db'));
    new DossierCache(db).put(
      {
        dossierNumber: 'H26.22.12-251125-0003',
        state: 'ready',
        procedureName: 'Đăng ký khai sinh',
        counter: 5,
      },
      fetchedAt,
    );
    db.close();
    // The fleet is configured but its broker is unreachable: the link exists and is offline.
    sim = await startSim({ dataDir: dir, args: ['--broker', 'mqtt://127.0.0.1:9'] });
    // A slip scanned on the home screen goes straight to the lookup.
    await sim.api('/api/scan', {
      data: 'https://dichvucong.example.gov.vn/tra-cuu?maHoSo=H26.22.12-251125-0003',
    });
    const shown = await waitForScreen(sim, 'dossier-status');
    expect(shown.details).toMatchObject({ kind: 'cached', state: 'ready', fetchedAt, reason: 'offline' });
    const said = await lastSpeech(sim);
    expect(said).toContain('Đã có kết quả, mời đến nhận');
    expect(said).toContain('Đang mất kết nối với trung tâm');
    expect(said).toContain('lần cuối lúc 09:15:00 24/11/2026');
    // Rating from here is tied to the dossier and its counter.
    const rating = await press(sim, '1');
    expect(rating.details).toMatchObject({ step: 'level', counter: 5, dossier: 'H26.22.12-251125-0003' });
    await press(sim, '1');
    const records = (await outbox(sim)).filter((m) => m.topic === 'records/rating');
    expect(records.map((m) => [m.payload.dossierNumber, m.payload.counter, m.payload.score])).toEqual([
      ['H26.22.12-251125-0003', 5, 5],
    ]);
    expect((await state(sim)).screen).toBe('rating-thanks');
  });
});

describe('Citizen flows: the simulator’s built-in mock centre (on by default)', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('a newcomer sees a live status, its due date in words, and takes a number for the counter', async () => {
    sim = await startSim();
    await press(sim, '3');
    await sim.api('/api/scan', { data: 'H26.22.12-251125-0004' });
    const shown = await waitForScreen(sim, 'dossier-status');
    expect(shown.details).toMatchObject({ kind: 'live', state: 'supplement' });
    expect(String(shown.details.due)).toMatch(/^16:00 (thứ (Hai|Ba|Tư|Năm|Sáu)), \d{2}\/\d{2}\/\d{4}$/);
    const said = await lastSpeech(sim);
    expect(said).toMatch(/Hẹn trả kết quả lúc 16 giờ thứ \S+, ngày \d+ tháng \d+ năm \d{4}\./);
    expect(said).toContain('Bấm số 3 để lấy số thứ tự');
    expect(shown.targets.map((t) => t.id)).toContain('take-number');

    // People ahead: the centre's count, and one truth on screen, paper, voice and /api/state.
    const ticket = await press(sim, '3');
    expect(ticket.screen).toBe('ticket');
    const last = (ticket as FlowState & { lastTicket: { peopleAheadSource?: string } }).lastTicket;
    expect(last?.peopleAheadSource).toBe('centre');
    expect(ticket.details).toMatchObject({
      peopleAhead: last?.peopleAhead,
      peopleAheadSource: 'centre',
    });
    const ahead = last?.peopleAhead ?? -1;
    expect(ahead).toBeGreaterThan(0); // the mock centre has citizens from its counters waiting
    const voice = await lastSpeech(sim);
    expect(voice).toContain(`Có ${ahead} người chờ trước`);
    expect(voice).toContain('theo hệ thống xếp hàng của trung tâm');
    // The receipt is drawn from the same ticket (its lines: test/unit/flows/ticket-receipt.test.ts).
    expect(ticket.details).toMatchObject({ printed: true });

    // A number the centre does not know: no rating offered.
    await press(sim, 'ok');
    await press(sim, '3');
    await sim.api('/api/scan', { data: 'H26.99.99-010101-0009' });
    const missing = await waitForScreen(sim, 'dossier-status');
    expect(missing.details).toMatchObject({ kind: 'not-found' });
    expect(missing.targets.map((t) => t.id)).not.toContain('rate');
  });
});
