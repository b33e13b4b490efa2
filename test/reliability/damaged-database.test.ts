import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopKiosk } from '../../app/lifecycle.js';
import { databaseCheck } from '../../technician/doctor/system-checks.js';
import { waitFor } from '../helpers/fleet.js';
import { flipTablePage, garbageDatabase, readOnlyDataDir } from './harness/damaged-db.js';
import { startFleetKiosk, topics, type FleetKiosk } from './harness/fleet-kiosk.js';
import { OPEN_MORNING, shiftedClock } from './harness/shifted-clock.js';
import { startInProcessKiosk, type InProcessKiosk } from './harness/in-process-kiosk.js';

const RECOVER = 'kiosk db recover';

/**
 * Issue 19 items 2 and 3: a database that cannot be opened, is damaged, or is read-only. The
 * kiosk starts anyway (no crash loop), serves lookups, takes no ticket, and says once, in the log,
 * the services' status, the fleet's status and the doctor, which file it is and what to do.
 */
describe('Reliability: a damaged or read-only database', () => {
  const dirs: string[] = [];
  const undo: (() => void)[] = [];
  let k: InProcessKiosk | undefined;
  let fk: FleetKiosk | undefined;
  afterEach(async () => {
    if (k) await stopKiosk(k.kiosk).catch(() => undefined);
    k = undefined;
    await fk?.dispose();
    fk = undefined;
    for (const u of undo.splice(0)) u();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const dataDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'kiosk-damaged-db-'));
    dirs.push(d);
    return d;
  };
  /** A data dir whose database holds `n` tickets of today, written by a kiosk that then stopped. */
  const seeded = async (n: number): Promise<string> => {
    const d = dataDir();
    const seed = await startInProcessKiosk(d, {}, shiftedClock(OPEN_MORNING));
    for (let i = 0; i < n; i++) {
      expect(await seed.press('1')).toBe('ticket');
      await seed.press('ok');
    }
    await stopKiosk(seed.kiosk);
    return d;
  };

  /** The degraded kiosk: lookups work, button 1 apologises, no receipt, storage failed once. */
  async function expectDegraded(kiosk: InProcessKiosk, file: string, kind: string, fix: RegExp) {
    const storage = kiosk.kiosk.services.status().find((s) => s.name === 'storage');
    expect(storage).toMatchObject({ state: 'failed', failures: 1 });
    expect(storage?.lastError).toContain(file);
    expect(storage?.lastError).toMatch(fix);
    expect(storage?.lastError).toContain('lookups work, no tickets are issued');
    // One clear line: the file, the cause, the fix; not restarted (no crash loop).
    const errors = kiosk.lines.filter((l) => l.level === 'error' && l.msg.includes(file));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toMatch(fix);
    expect(errors[0]?.msg).toContain('not restarting until fixed');
    expect(kiosk.kiosk.storage.condition()).toMatchObject({ state: 'failed', kind, degraded: true });

    const catalog = kiosk.kiosk.deps.catalog();
    expect(catalog?.search.search('đăng ký khai sinh', { limit: 3 }).results.length).toBeGreaterThan(0);
    expect(await kiosk.press('1')).toBe('action-failed');
    expect(kiosk.printer.receipts).toHaveLength(0);
    await kiosk.press('ok');
    expect(await kiosk.press('1')).toBe('action-failed');
    // A second refused ticket adds no log line about the file.
    expect(kiosk.lines.filter((l) => l.level === 'warn' && l.msg.includes(file)).length).toBeLessThanOrEqual(
      1,
    );
    await expect.poll(() => kiosk.buttons.attention).toBe(true);

    const outcome = await databaseCheck(join(file, '..')).run(new AbortController().signal);
    const doctor = Array.isArray(outcome) ? outcome[0] : outcome;
    expect(doctor).toMatchObject({ status: 'fail', code: kind });
    expect(doctor?.message).toContain(file);
    expect(doctor?.hint).toMatch(fix);
    expect(doctor?.hint).not.toMatch(/\bmv\b|-wal|\.corrupt/);
  }

  it('a file that is not a database: starts degraded, never restarts, says the file and `kiosk db recover`', async () => {
    const d = dataDir();
    const file = garbageDatabase(d);
    k = await startInProcessKiosk(d);
    await expectDegraded(k, file, 'corrupt', new RegExp(RECOVER));
  });

  it('4 KB of the tickets table flipped: quick_check at start finds it, storage failed, no ticket', async () => {
    const d = await seeded(3);
    flipTablePage(d);
    k = await startInProcessKiosk(d);
    await expectDegraded(k, join(d, 'kiosk.db'), 'corrupt', new RegExp(RECOVER));
  });

  it('a read-only data disk: storage failed as read-only with the permission fix, not a recovery', async () => {
    const d = await seeded(2);
    undo.push(readOnlyDataDir(d));
    k = await startInProcessKiosk(d);
    await expectDegraded(k, join(d, 'kiosk.db'), 'read-only', /writable by the kiosk user/);
    expect(k.kiosk.services.status().find((s) => s.name === 'storage')?.lastError).not.toContain(RECOVER);
  });

  it('the kiosk process stays up on a broken database and its status over MQTT says why', async () => {
    fk = await startFleetKiosk({ deviceId: 'kiosk-baddb', prepare: (d) => void garbageDatabase(d) });
    const file = join(fk.dataDir, 'kiosk.db');
    const status = () =>
      fk?.json(topics.status('kiosk-baddb')).findLast((s) => s.state === 'online') as
        | { condition?: { storage?: Record<string, unknown> }; failedServices?: { name: string }[] }
        | undefined;
    await waitFor(() => status()?.condition?.storage?.state === 'failed', 20_000, 'storage failed in status');
    expect(status()?.condition?.storage).toMatchObject({ kind: 'corrupt', degraded: true });
    expect(String(status()?.condition?.storage?.reason)).toContain(file);
    expect(String(status()?.condition?.storage?.fix)).toContain(RECOVER);
    expect(status()?.failedServices?.map((s) => s.name)).toContain('storage');
    // The fleet also gets the service-failed event (from the in-memory outbox of the degraded kiosk).
    await waitFor(
      () => fk?.json(topics.events('kiosk-baddb', 'service-failed')).length !== 0,
      20_000,
      'service-failed event',
    );
    expect(fk.kiosk.proc.exitCode).toBeNull();
    const s = await fk.kiosk.api<{ screen: string }>('/api/button', { id: '1' });
    expect(s.screen).toBe('action-failed');
  });
});
