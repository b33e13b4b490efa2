import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, openSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport, CheckResult } from '../../../runtime/check-result.js';
import { createTestPki, type TestPki } from '../../helpers/certs.js';
import { freePort, startMosquitto, type Mosquitto } from '../../helpers/mosquitto.js';
import { tempDir } from '../../helpers/sim-process.js';
import { kiosk } from './kiosk-cli.js';

/** A simulator config (mock hardware) in a fresh directory, with extra settings merged in. */
function simConfig(extra: Record<string, unknown> = {}): { dir: string; file: string; dataDir: string } {
  const dir = tempDir('kiosk-doctor-');
  const dataDir = join(dir, 'data');
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ device: { id: 'hn-doctor-01' }, storage: { dataDir }, ...extra }));
  return { dir, file, dataDir };
}

async function doctorJson(args: string[]): Promise<{ code: number | null; report: CheckReport }> {
  const result = await kiosk(['doctor', '--json', ...args]);
  expect(result.stderr).toBe('');
  return { code: result.code, report: JSON.parse(result.stdout) as CheckReport };
}

const byId = (report: CheckReport, id: string): CheckResult => {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
};

function expectHelpfulFailures(report: CheckReport): void {
  for (const c of report.checks.filter((r) => r.status === 'fail' || r.status === 'warn')) {
    expect(c.message.length, `${c.id} says what is wrong`).toBeGreaterThan(5);
    expect(c.hint?.length ?? 0, `${c.id} says how to fix it`).toBeGreaterThan(10);
  }
}

describe('Technician: kiosk doctor', () => {
  it('reports all ok on a healthy simulator config (exit 0), with the documented JSON shape', async () => {
    const { file } = simConfig();
    const { code, report } = await doctorJson(['--config', file]);
    expect(code).toBe(0);
    expect(report.exitCode).toBe(0);
    expect(report.deviceId).toBe('hn-doctor-01');
    expect(report.summary.fail).toBe(0);
    expect(report.summary.warn).toBe(0);
    const ids = report.checks.map((c) => c.id);
    expect(ids).toEqual([
      'config',
      'node',
      'fonts',
      'time-sync',
      'cpu',
      'data-dir',
      'database',
      'clock-tickets',
      'voice',
      'voice-input',
      'display',
      'buttons',
      'touch',
      'printer',
      'document-printer',
      'scanner',
      'audio',
      'handoff-key',
      'broker',
    ]);
    for (const c of report.checks) {
      expect(['ok', 'skip']).toContain(c.status);
      expect(typeof c.title).toBe('string');
      expect(typeof c.message).toBe('string');
      expect(typeof c.ms).toBe('number');
    }
    expect(new Date(report.startedAt).getTime()).not.toBeNaN();
  });

  it('fails (exit 2) when the data dir cannot be written, and says how to fix it', async () => {
    const { dir, file } = simConfig();
    let dataDir: string;
    if (process.getuid?.() === 0) {
      // root writes anywhere a mode allows nothing; a file in the path stops even root.
      writeFileSync(join(dir, 'not-a-dir'), '');
      dataDir = join(dir, 'not-a-dir', 'data');
    } else {
      dataDir = join(dir, 'locked');
      mkdirSync(dataDir);
      chmodSync(dataDir, 0o500);
    }
    const { code, report } = await doctorJson(['--config', file, '--data-dir', dataDir]);
    expect(code).toBe(2);
    const check = byId(report, 'data-dir');
    expect(check).toMatchObject({ status: 'fail' });
    expect(check.message).toContain(`${dataDir} is not writable`);
    expect(check.hint).toContain(`sudo install -d -o smart-kiosk -g smart-kiosk -m 0750 ${dataDir}`);
    expectHelpfulFailures(report);
  });

  it('fails on a SQLite file that is not a database, and on one with damaged pages', async () => {
    const garbage = simConfig();
    mkdirSync(garbage.dataDir);
    writeFileSync(
      join(garbage.dataDir, 'kiosk.db'),
      Buffer.from('this is not sqlite, it was cut off by a power failure'.repeat(200)),
    );
    const first = await doctorJson(['--config', garbage.file]);
    expect(first.code).toBe(2);
    expect(byId(first.report, 'database')).toMatchObject({ status: 'fail', code: 'corrupt' });
    expect(byId(first.report, 'database').hint).toContain('kiosk db recover');
    // Never: move the database (or its -wal) aside, which reissues the day's numbers.
    expect(byId(first.report, 'database').hint).not.toMatch(/\bmv\b|-wal|\.corrupt/);

    const damaged = simConfig();
    mkdirSync(damaged.dataDir);
    const dbFile = join(damaged.dataDir, 'kiosk.db');
    const db = new Database(dbFile);
    db.exec(
      'CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT, note TEXT); CREATE INDEX t_number ON tickets(number)',
    );
    const insert = db.prepare('INSERT INTO tickets (number, note) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`A-${i}`, `phiếu số ${i} ${'x'.repeat(40)}`);
    })();
    db.close();
    const pageSize = 4096;
    expect(statSync(dbFile).size).toBeGreaterThan(pageSize * 20);
    const fd = openSync(dbFile, 'r+');
    // Scribble over the middle of a few b-tree pages (page headers and cell pointers).
    for (const page of [5, 12, 17]) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, page * pageSize + 8);
    closeSync(fd);
    const second = await doctorJson(['--config', damaged.file]);
    expect(second.code).toBe(2);
    const check = byId(second.report, 'database');
    expect(check).toMatchObject({ status: 'fail', code: 'corrupt' });
    expect(check.message).toMatch(/damaged|malformed|cannot be read/);
    expectHelpfulFailures(second.report);
  });

  it('fails when the configured printer device is missing', async () => {
    const { file } = simConfig({ printer: { driver: 'serial', path: '/dev/ttyKIOSK-MISSING' } });
    const { code, report } = await doctorJson(['--config', file]);
    expect(code).toBe(2);
    const printer = byId(report, 'printer');
    expect(printer.status).toBe('fail');
    expect(printer.message).toContain('/dev/ttyKIOSK-MISSING');
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['printer']);
    expectHelpfulFailures(report);
  });

  it('reports an invalid config with every problem, still runs the checks that need no config', async () => {
    const { file } = simConfig({ display: { rotation: 45 }, pinter: {} });
    const { code, report } = await doctorJson(['--config', file]);
    expect(code).toBe(2);
    const config = byId(report, 'config');
    expect(config.status).toBe('fail');
    expect(config.message).toContain('display.rotation: must be 0, 90, 180 or 270, got 45');
    expect(config.message).toContain('pinter: unknown setting');
    expect(config.hint).toContain('kiosk provision');
    expect(report.checks.map((c) => c.id)).toEqual(['config', 'node', 'fonts', 'time-sync', 'cpu']);
  });

  it('prints one line per check and the fix under each failure in text mode', async () => {
    const { file } = simConfig({ printer: { driver: 'serial', path: '/dev/ttyKIOSK-MISSING' } });
    const result = await kiosk(['doctor', '--config', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^\[ok {2}\] Configuration {10}/m);
    expect(result.stdout).toMatch(/^\[FAIL\] Printer .*\/dev\/ttyKIOSK-MISSING.*\n {9}→ \S/m);
    expect(result.stdout).toMatch(/1 failure\(s\).*NOT ready/);
  });

  describe('fleet broker (real Mosquitto with mutual TLS)', () => {
    let broker: Mosquitto;
    let pki: TestPki;
    beforeAll(async () => {
      pki = createTestPki(tempDir('kiosk-doctor-pki-'));
      const server = pki.issue('broker', { server: true });
      broker = await startMosquitto({
        tls: { cafile: pki.ca, certfile: server.cert, keyfile: server.key, requireCertificate: true },
      });
    });
    afterAll(async () => {
      await broker?.dispose();
    });

    it('connects with the configured CA and client certificate', async () => {
      const client = pki.issue('hn-doctor-01');
      const { file } = simConfig({
        fleet: { enabled: true, broker: broker.url, ca: pki.ca, cert: client.cert, key: client.key },
      });
      const { code, report } = await doctorJson(['--config', file, '--only', 'broker']);
      expect(byId(report, 'broker')).toMatchObject({ status: 'ok', detail: { tls: true } });
      expect(byId(report, 'broker').message).toContain('(TLS verified)');
      expect(code).toBe(0);
    });

    it('fails with a hint when the CA is wrong, a TLS file is missing, or nothing listens', async () => {
      const other = createTestPki(tempDir('kiosk-doctor-pki2-'));
      const client = pki.issue('hn-doctor-02');
      const wrongCa = simConfig({
        fleet: { enabled: true, broker: broker.url, ca: other.ca, cert: client.cert, key: client.key },
      });
      const a = await doctorJson(['--config', wrongCa.file, '--only', 'broker']);
      expect(a.code).toBe(2);
      expect(byId(a.report, 'broker').hint).toContain(
        'fleet.ca must be the CA that signed the broker certificate',
      );

      const missing = simConfig({
        fleet: { enabled: true, broker: broker.url, ca: '/etc/smart-kiosk/tls/nope.pem' },
      });
      const b = await doctorJson(['--config', missing.file, '--only', 'broker']);
      expect(byId(b.report, 'broker')).toMatchObject({ status: 'fail', code: 'tls-file' });
      expect(byId(b.report, 'broker').message).toContain('/etc/smart-kiosk/tls/nope.pem does not exist');

      const port = await freePort();
      const closed = simConfig({ fleet: { enabled: true, broker: `mqtt://127.0.0.1:${port}` } });
      const c = await doctorJson(['--config', closed.file, '--only', 'broker']);
      expect(byId(c.report, 'broker')).toMatchObject({ status: 'fail', code: 'ECONNREFUSED' });
      expect(byId(c.report, 'broker').hint).toContain('check the broker URL and port');
    });
  });
});
