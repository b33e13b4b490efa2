import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DossierCache } from '../../domain/dossier/dossier-cache.js';
import { openDatabase } from '../../runtime/storage/database.js';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';
import { lastSpeech, outbox, press, state, waitForScreen } from './flow-steps.js';

describe('Citizen flows: dossier status without a connection to the centre', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('dossier lookup with no connection and nothing cached says so plainly', async () => {
    sim = await startSim();
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
