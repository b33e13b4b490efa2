import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';
import { configArgs, lastSpeech, outbox, press, state, waitForScreen } from './flow-steps.js';

// Synthetic card data (made up; see test/fixtures/cccd).
const ID = '079090012345';
const OLD_ID = '023456789';
const QR = `${ID}|${OLD_ID}|Nguyễn Văn An|15031990|Nam|123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh|20042021`;
const ID2 = '001189001122';
const QR2 = `${ID2}||Đỗ Thị Lan|12071989|Nữ|Số 3 ngõ 5 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội|09092021`;

describe('Citizen flows: CCCD scan, pre-filled form, and personal data wiped', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    const dir = tempDir();
    // Most verbose logging, shortest idle timeout: nothing personal may appear even at trace level.
    sim = await startSim({
      dataDir: dir,
      args: configArgs(dir, { logLevel: 'trace', display: { idleTimeoutSeconds: 10 } }),
    });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('greets the citizen by name, saying only what is true; back wipes the card', async () => {
    const greeted = await sim.api<Awaited<ReturnType<typeof state>>>('/api/scan', { data: QR });
    expect(greeted.screen).toBe('citizen');
    expect(greeted.sessionActive).toBe(true);
    expect(greeted.details).toMatchObject({
      greeting: 'Nguyễn Văn An',
      gender: 'Nam',
      idMasked: '••••••••2345',
      warning: null,
    });
    // The rows say what showed whole, never the card's values.
    expect(JSON.stringify(greeted.details.rows)).not.toMatch(/Lê Lợi|1990|\d{12}/u);
    const hello = await lastSpeech(sim);
    expect(hello).toMatch(/^Xin chào ông Nguyễn Văn An\. Máy đã đọc thẻ căn cước của bạn/);
    // No form is filled yet: the card is offered for one (button 4), nothing says one was filled in.
    expect(hello).not.toMatch(/đã điền|điền sẵn/);
    expect(hello).toContain('Bấm số 4 để điền tờ khai');
    expect(greeted.targets.find((t) => t.button === '4')?.label).toBe('Tờ khai');
    const back = await press(sim, 'back');
    expect(back.screen).toBe('home');
    expect(back.sessionActive).toBe(false);
  });

  it("the next citizen's scan replaces the previous one; 'Kết thúc' wipes it", async () => {
    await sim.api('/api/scan', { data: QR });
    const second = await sim.api<Awaited<ReturnType<typeof state>>>('/api/scan', { data: QR2 });
    expect(second.screen).toBe('citizen');
    expect(second.details.greeting).toBe('Đỗ Thị Lan');
    expect(await lastSpeech(sim)).toContain('Xin chào bà Đỗ Thị Lan');
    // Only one citizen screen on the stack: back goes straight home.
    const finished = await press(sim, '3');
    expect(finished.screen).toBe('home');
    expect(finished.sessionActive).toBe(false);
  });

  it('a damaged scan is explained without echoing the data', async () => {
    const bad = await sim.api<Awaited<ReturnType<typeof state>>>('/api/scan', {
      data: `${ID}|${OLD_ID}|Nguyễn Văn An|31021990|Nam|Hà Nội|20042021`,
    });
    expect(bad.screen).toBe('scan-error');
    expect(bad.details.problem).toBe('bad-birth-date');
    expect(await lastSpeech(sim)).toContain('Ngày sinh đọc được không hợp lệ');
    expect(bad.sessionActive).toBe(false);
    // A new scan is taken on the error screen itself: the citizen just tries again.
    const retried = await sim.api<Awaited<ReturnType<typeof state>>>('/api/scan', { data: QR2 });
    expect(retried.screen).toBe('citizen');
    expect(retried.details.greeting).toBe('Đỗ Thị Lan');
    await press(sim, '3');
  });

  it('the idle timeout wipes the card and returns home', async () => {
    await press(sim, '6');
    const greeted = await sim.api<Awaited<ReturnType<typeof state>>>('/api/scan', { data: QR });
    expect(greeted.screen).toBe('citizen');
    const idle = await waitForScreen(sim, 'home', 15_000);
    expect(idle.sessionActive).toBe(false);
    const events = await sim.api<{ recent: { type: string; data: { reason?: string } }[] }>('/api/events');
    expect(events.recent.filter((e) => e.type === 'session.ended').map((e) => e.data.reason)).toContain(
      'idle',
    );
  });

  it('the raw QR and the ID numbers never reach the logs or the outbox; only a salted hash does', async () => {
    const logs = sim.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('ID card scanned');
    for (const secret of [ID, OLD_ID, ID2, QR, QR2, '15031990', 'Nguyễn Văn An', 'Lê Lợi'])
      expect(logs).not.toContain(secret);
    const queued = await outbox(sim);
    const text = JSON.stringify(queued);
    for (const secret of [ID, OLD_ID, ID2, 'Nguyễn Văn An', 'Đỗ Thị Lan', 'Lê Lợi'])
      expect(text).not.toContain(secret);
    const scans = queued.filter((m) => m.topic === 'events/id-card-scan');
    expect(scans.map((m) => m.payload.ok)).toEqual([true, true, true, false, true, true]);
    const hashes = scans.filter((m) => m.payload.ok).map((m) => m.payload.idHash);
    expect(hashes[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[0]).not.toBe(hashes[2]);
  });
});
