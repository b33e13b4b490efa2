import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopKiosk } from '../../app/lifecycle.js';
import { ticketClockCheck, hostProbe } from '../../technician/doctor/system-checks.js';
import { shiftedClock } from './harness/shifted-clock.js';
import { startInProcessKiosk, type InProcessKiosk } from './harness/in-process-kiosk.js';

const TODAY_0900 = Date.parse('2026-12-02T09:00:00+07:00');
const Y2000_0900 = Date.parse('2000-01-01T09:00:00+07:00');

/**
 * Issue 19 item 6: booting with the clock behind today's tickets. No ticket is ever dated before
 * the newest stored; the day's sequence goes on; the log, the fleet status and the doctor say the
 * clock is wrong; once the clock is right, tickets are dated by it again.
 */
describe('Reliability: the clock behind at boot', () => {
  let dir: string | undefined;
  let k: InProcessKiosk | undefined;
  afterEach(async () => {
    if (k) await stopKiosk(k.kiosk).catch(() => undefined);
    k = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const take = async (kiosk: InProcessKiosk) => {
    expect(await kiosk.press('1')).toBe('ticket');
    const t = kiosk.kiosk.ui.current?.describe?.().ticket;
    await kiosk.press('ok');
    return String(t);
  };
  const stored = (kiosk: InProcessKiosk) =>
    kiosk.kiosk.db
      .prepare('SELECT number, service_day AS day, issued_at AS at FROM tickets ORDER BY id')
      .all() as {
      number: string;
      day: string;
      at: number;
    }[];

  /**
   * Pixels of the header's right end (where the clock is drawn) that are not the bar's colour:
   * the time's ink. The home screen's title is short and stays left of it.
   */
  const clockInk = (kiosk: InProcessKiosk): number => {
    const frame = kiosk.kiosk.ui.logicalFrame();
    if (!frame) throw new Error('no frame drawn');
    const { width, data } = frame;
    const at = (x: number, y: number) => (y * width + x) * 4;
    const bar = at(width - 2, 2);
    const rows = Math.round((64 * frame.height) / 480);
    let ink = 0;
    for (let y = 0; y < rows; y++)
      for (let x = Math.round(width * 0.85); x < width; x++) {
        const i = at(x, y);
        if ([0, 1, 2].some((c) => Math.abs((data[i + c] ?? 0) - (data[bar + c] ?? 0)) > 40)) ink++;
      }
    return ink;
  };

  it('keeps the last service day going, never dates a ticket back, says so, and recovers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-clock-'));
    const clock = shiftedClock(TODAY_0900);
    k = await startInProcessKiosk(dir, {}, clock);
    for (let i = 0; i < 5; i++) await take(k);
    const before = stored(k);
    const newest = Math.max(...before.map((t) => t.at));
    await stopKiosk(k.kiosk);

    // Reboot in the year 2000.
    clock.set(Y2000_0900);
    k = await startInProcessKiosk(dir, {}, clock);
    const warn = k.lines.find((l) => l.level === 'warn' && l.msg.startsWith('clock is wrong'));
    expect(warn?.msg).toContain('2000-01-01');
    expect(warn?.msg).toContain('continue the numbers of 2026-12-02');
    expect(warn?.msg).toContain('timedatectl');
    expect(k.kiosk.clockGuard.condition()).toMatchObject({ state: 'behind', serviceDay: '2026-12-02' });
    // The header shows citizens no time while the clock is wrong (it would say 09:00 of 2000).
    await k.kiosk.ui.flush();
    expect(clockInk(k)).toBe(0);

    expect(await take(k)).toBe('A-006');
    expect(await take(k)).toBe('A-007');
    const after = stored(k);
    expect(after.map((t) => t.number)).toEqual([
      'A-001',
      'A-002',
      'A-003',
      'A-004',
      'A-005',
      'A-006',
      'A-007',
    ]);
    expect(after.every((t) => t.day === '2026-12-02')).toBe(true);
    for (const t of after.slice(5)) expect(t.at).toBeGreaterThanOrEqual(newest);
    // The fleet's records of them (and the receipts, printed from the same ticket) say 2026-12-02.
    const records = k.kiosk.outbox
      .peek(100)
      .filter((m) => m.topic === 'events/ticket-issued')
      .slice(5);
    expect(records.map((m) => String(m.payload.issuedAt).slice(0, 4))).toEqual(['2026', '2026']);
    expect(records.map((m) => m.payload.serviceDay)).toEqual(['2026-12-02', '2026-12-02']);

    const doctor = await ticketClockCheck(dir, { ...hostProbe, now: () => Y2000_0900 }).run(
      new AbortController().signal,
    );
    expect(doctor).toMatchObject({ status: 'fail', code: 'clock-behind' });
    expect(JSON.stringify(doctor)).toContain('timedatectl');
    expect(
      await ticketClockCheck(dir, { ...hostProbe, now: () => TODAY_0900 + 3_600_000 }).run(
        new AbortController().signal,
      ),
    ).toMatchObject({ status: 'ok' });

    // NTP sets the clock: tickets are dated by it again, the condition clears.
    clock.set(TODAY_0900 + 3_600_000);
    expect(k.kiosk.clockGuard.check()).toEqual({ state: 'ok' });
    expect(k.lines.some((l) => l.msg.startsWith('clock is right again'))).toBe(true);
    // ... and the header clock is back at once.
    await k.kiosk.ui.flush();
    expect(clockInk(k)).toBeGreaterThan(50);
    expect(await take(k)).toBe('A-008');
    const last = stored(k).at(-1);
    expect(last?.at).toBeGreaterThanOrEqual(TODAY_0900 + 3_600_000);
  });
});
