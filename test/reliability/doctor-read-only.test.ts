import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseCheck, ticketClockCheck, hostProbe } from '../../technician/doctor/system-checks.js';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * A writer as the kiosk opens its database (WAL, synchronous=FULL) that commits `n` tickets, says
 * so, and is then killed with SIGKILL: the tickets are only in kiosk.db-wal, never checkpointed.
 */
async function killedWriter(dataDir: string, n: number): Promise<void> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, group_id TEXT, service_day TEXT, seq INTEGER, issued_at INTEGER)');
    const put = db.prepare('INSERT INTO tickets (group_id, service_day, seq, issued_at) VALUES (?, ?, ?, ?)');
    for (let i = 1; i <= Number(process.argv[2]); i++) put.run('A', '2026-12-02', i, 1764640000000 + i);
    console.log('committed');
    setInterval(() => undefined, 1000);
  `;
  const proc = spawn(process.execPath, ['-e', script, join(dataDir, 'kiosk.db'), String(n)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`writer exited (${code}) before committing`)));
    createInterface({ input: proc.stdout! }).on('line', (l) => l === 'committed' && resolve());
  });
  proc.kill('SIGKILL');
  await exited;
}

/**
 * Issue 19: `kiosk doctor` is read-only on the citizen database. After a kill -9 the tickets are
 * only in the -wal; a doctor connection that wrote (or merely closed read-write as the last
 * connection) would fold that -wal into the file and delete it, which is what `kiosk db recover`
 * salvages from when the file is damaged, and a -wal that vanished is the lost-WAL case.
 */
describe('Reliability: the doctor leaves the citizen database as it found it', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('after a kill -9: kiosk.db and its -wal are byte for byte the same after the database checks', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kiosk-doctor-ro-'));
    dirs.push(d);
    await killedWriter(d, 30);
    const wal = join(d, 'kiosk.db-wal');
    expect(readFileSync(wal).length).toBeGreaterThan(0);
    const before = { db: sha(join(d, 'kiosk.db')), wal: sha(wal), files: readdirSync(d).sort() };

    const signal = new AbortController().signal;
    const outcome = await databaseCheck(d).run(signal);
    expect(outcome).toMatchObject({ status: 'ok' });
    expect(String((outcome as { message: string }).message)).toContain('intact and writable');
    await ticketClockCheck(d, hostProbe).run(signal);

    expect(existsSync(wal)).toBe(true);
    expect(sha(wal)).toBe(before.wal);
    expect(sha(join(d, 'kiosk.db'))).toBe(before.db);
    expect(
      readdirSync(d)
        .filter((f) => !f.endsWith('-shm'))
        .sort(),
    ).toEqual(before.files.filter((f) => !f.endsWith('-shm')));
    // The 30 tickets are still there to read, and nothing was added (no probe table).
    const db = new Database(join(d, 'kiosk.db'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 30 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'storage_probe'").get()).toBeUndefined();
    db.close();
  });
});
