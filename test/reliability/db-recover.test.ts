import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopKiosk } from '../../app/lifecycle.js';
import { openKioskDatabase } from '../../runtime/storage/kiosk-database.js';
import { databaseCheck } from '../../technician/doctor/system-checks.js';
import { flipTablePage } from './harness/damaged-db.js';
import { OPEN_MORNING, shiftedClock } from './harness/shifted-clock.js';
import { startInProcessKiosk, type InProcessKiosk } from './harness/in-process-kiosk.js';
import { cutRecoveries, runRecover } from './harness/recovery-cuts.js';
import { spawnKiosk } from './harness/kiosk-proc.js';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Issue 19 item 4: `kiosk db recover` keeps the damaged files, salvages what SQLite can read, and
 * never lets a day's numbering restart below the highest number known; a power cut during the
 * recovery leaves nothing half done.
 */
describe('Reliability: kiosk db recover', () => {
  const dirs: string[] = [];
  let k: InProcessKiosk | undefined;
  afterEach(async () => {
    if (k) await stopKiosk(k.kiosk).catch(() => undefined);
    k = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const dataDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'kiosk-recover-'));
    dirs.push(d);
    return d;
  };
  const take = async (kiosk: InProcessKiosk): Promise<string> => {
    expect(await kiosk.press('1')).toBe('ticket');
    const t = String(kiosk.kiosk.ui.current?.describe?.().ticket);
    await kiosk.press('ok');
    return t;
  };
  /**
   * `n` tickets issued, then the power cut: the files are copied while the kiosk still runs, as a
   * kill -9 leaves them (the tickets only in the -wal). Returns the data dir holding that copy.
   */
  const cutWith = async (n: number): Promise<string> => {
    const live = dataDir();
    const running = await startInProcessKiosk(live, {}, shiftedClock(OPEN_MORNING));
    for (let i = 0; i < n; i++) await take(running);
    const cut = dataDir();
    for (const f of ['kiosk.db', 'kiosk.db-wal']) copyFileSync(join(live, f), join(cut, f));
    await stopKiosk(running.kiosk);
    return cut;
  };
  /** Starts the kiosk on `d` and takes the next number. */
  const nextNumber = async (d: string): Promise<string> => {
    k = await startInProcessKiosk(d, {}, shiftedClock(OPEN_MORNING + 3_600_000));
    expect(k.kiosk.services.status().find((s) => s.name === 'storage')?.state).toBe('running');
    const t = await take(k);
    await stopKiosk(k.kiosk);
    k = undefined;
    return t;
  };

  it('a damaged tickets page after a power cut: keeps the files, salvages the WAL, continues at A-031', async () => {
    const d = await cutWith(30);
    // The 30 tickets are only in the -wal (never checkpointed); the main file's tickets page is damaged.
    expect(readFileSync(join(d, 'kiosk.db-wal')).length).toBeGreaterThan(0);
    flipTablePage(d, 'tickets', { foldWal: false });
    const before = { db: sha(join(d, 'kiosk.db')), wal: sha(join(d, 'kiosk.db-wal')) };
    const r = runRecover(d);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('damaged files kept in');
    const backup = /kept in (\S+)\/original\//.exec(r.out)?.[1] as string;
    expect(sha(join(backup, 'original', 'kiosk.db'))).toBe(before.db);
    expect(sha(join(backup, 'original', 'kiosk.db-wal'))).toBe(before.wal);
    expect(existsSync(join(d, 'kiosk.db-wal'))).toBe(false);
    expect(await nextNumber(d)).toBe('A-031');
  });

  it('4 KB of the tickets table flipped: the numbers come back from the outbox records', async () => {
    const d = await cutWith(12);
    flipTablePage(d); // folds the WAL in first, then damages the tickets' root page
    const r = runRecover(d);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(
      /continues after 12 \(from (outbox|raw-scan|salvage)\)|rows salvaged: .*tickets 12/,
    );
    expect(await nextNumber(d)).toBe('A-013');
  });

  it('a lost -wal: the technician gives the last number the centre saw, and numbering continues above it', async () => {
    const d = await cutWith(30);
    unlinkSync(join(d, 'kiosk.db-wal'));
    const r = runRecover(d, ['--at-least', 'A-030@2026-12-02']);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('continues after 30 (from technician)');
    expect(await nextNumber(d)).toBe('A-031');
    // A bad --at-least is refused with a reason, nothing touched.
    const bad = runRecover(d, ['--at-least', 'Z-9']);
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('no service group has prefix Z');
  });

  it('refuses while a kiosk has the database open (names the process and the fix, touches nothing); after a kill -9 it recovers', async () => {
    // The kiosk uses the file (a degraded kiosk on a damaged one does not; under systemd the
    // active service is refused as well).
    const d = await cutWith(5);
    const running = spawnKiosk({ dataDir: d, deviceId: 'kiosk-recover-busy' });
    try {
      await running.ready;
      const before = readdirSync(d).sort();
      const db = sha(join(d, 'kiosk.db'));
      const r = runRecover(d);
      expect(r.status, r.out).toBe(1);
      expect(r.out).toContain('the kiosk is not stopped');
      expect(r.out).toContain(`process ${running.proc.pid} (`);
      expect(r.out).toContain('sudo systemctl stop smart-kiosk');
      expect(r.out).toContain('Nothing was changed');
      expect(readdirSync(d).sort()).toEqual(before);
      expect(existsSync(join(d, 'recovery'))).toBe(false);
      expect(sha(join(d, 'kiosk.db'))).toBe(db);
    } finally {
      await running.powerCut();
    }
    // A kiosk killed with -9 holds nothing: the recovery goes ahead.
    const r = runRecover(d);
    expect(r.status, r.out).toBe(0);
    expect(await nextNumber(d)).toBe('A-006');
  });

  it('power cuts during the recovery: the kiosk refuses a half-recovered database; recovering again finishes it', async () => {
    const d = await cutWith(20);
    flipTablePage(d);
    const report = await cutRecoveries(d, { cuts: 6, maxMs: 900 }, async (pending) => {
      const opened = openKioskDatabase(join(d, 'kiosk.db'));
      if (pending) {
        expect(opened.degraded).toBe(true);
        expect(opened.problem?.kind).toBe('recovery-pending');
        expect(opened.problem?.fix).toContain('kiosk db recover');
        const doctor = await databaseCheck(d).run(new AbortController().signal);
        expect(doctor).toMatchObject({ status: 'fail', code: 'recovery-pending' });
      }
      opened.db.close();
    });
    expect(report.cuts).toBe(6);
    const r = runRecover(d);
    expect(r.status, r.out).toBe(0);
    const check = new Database(join(d, 'kiosk.db'), { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    expect(await nextNumber(d)).toBe('A-021');
    console.log(`recovery cuts: ${report.cuts}, left pending: ${report.leftPending}`);
  });
});
