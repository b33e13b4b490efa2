import Database from 'better-sqlite3';
import { chownSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatResult, runDoctor } from '../../../technician/doctor/run-doctor.js';
import {
  cpuCheck,
  databaseCheck,
  timeSyncCheck,
  voiceCheck,
  type SystemProbe,
} from '../../../technician/doctor/system-checks.js';
import type { DoctorCheck } from '../../../technician/doctor/types.js';
import { tempDir } from '../../helpers/sim-process.js';

/** A board as the checks see it: canned program output and files in a temp dir. */
function board(
  programs: Record<string, string | Error>,
  files: { systemd?: boolean; synced?: boolean; tempMilli?: number } = {},
): SystemProbe {
  const dir = tempDir('kiosk-probe-');
  if (files.systemd) mkdirSync(join(dir, 'systemd'));
  if (files.synced) writeFileSync(join(dir, 'synchronized'), '');
  if (files.tempMilli !== undefined) writeFileSync(join(dir, 'temp'), `${files.tempMilli}\n`);
  return {
    async exec(program, args) {
      const out = programs[`${program} ${args.join(' ')}`] ?? programs[program];
      if (out === undefined) throw Object.assign(new Error(`spawn ${program} ENOENT`), { code: 'ENOENT' });
      if (out instanceof Error) throw out;
      return out;
    },
    systemdDir: join(dir, 'systemd'),
    timesyncFile: join(dir, 'synchronized'),
    thermalFile: join(dir, 'temp'),
    now: () => Date.parse('2026-11-25T08:00:00Z'),
  };
}

const run = async (check: DoctorCheck) => (await runDoctor([check], { deviceId: 'x' })).checks[0]!;

describe('Technician: doctor checks on a Raspberry Pi (probed programs and files)', () => {
  it('CPU: reads vcgencmd, flags under-voltage as a failure and past throttling as a warning', async () => {
    const ok = await run(
      cpuCheck(
        board({ 'vcgencmd measure_temp': "temp=48.3'C\n", 'vcgencmd get_throttled': 'throttled=0x0\n' }),
      ),
    );
    expect(ok).toMatchObject({ status: 'ok', message: '48.3 °C' });
    const under = await run(
      cpuCheck(
        board({ 'vcgencmd measure_temp': "temp=51.0'C\n", 'vcgencmd get_throttled': 'throttled=0x50005\n' }),
      ),
    );
    expect(under).toMatchObject({ status: 'fail', code: 'under-voltage' });
    expect(under.hint).toContain('power supply');
    const past = await run(
      cpuCheck(
        board({ 'vcgencmd measure_temp': "temp=51.0'C\n", 'vcgencmd get_throttled': 'throttled=0x50000\n' }),
      ),
    );
    expect(past).toMatchObject({ status: 'warn', code: 'was-throttled' });
  });

  it('CPU: falls back to the thermal zone; hot is a warning, 85 °C a failure; no sensor is skipped', async () => {
    expect(await run(cpuCheck(board({}, { tempMilli: 77_500 })))).toMatchObject({
      status: 'warn',
      code: 'hot',
    });
    expect(await run(cpuCheck(board({}, { tempMilli: 86_000 })))).toMatchObject({
      status: 'fail',
      code: 'overheating',
    });
    expect(await run(cpuCheck(board({})))).toMatchObject({ status: 'skip' });
  });

  it('clock: synced, not synced (warning), and a board still in 1970 (failure)', async () => {
    const show = 'timedatectl show -p NTPSynchronized --value';
    expect(await run(timeSyncCheck(board({ [show]: 'yes\n' }, { systemd: true })))).toMatchObject({
      status: 'ok',
    });
    const notSynced = await run(timeSyncCheck(board({ [show]: 'no\n' }, { systemd: true })));
    expect(notSynced).toMatchObject({ status: 'warn', code: 'not-synced' });
    expect(notSynced.hint).toContain('timedatectl set-ntp true');
    // No timedatectl (minimal image): the timesyncd flag file decides.
    expect(await run(timeSyncCheck(board({}, { systemd: true, synced: true })))).toMatchObject({
      status: 'ok',
    });
    const probe = { ...board({ [show]: 'yes\n' }, { systemd: true }), now: () => 0 };
    expect(await run(timeSyncCheck(probe))).toMatchObject({ status: 'fail', code: 'clock-wrong' });
  });

  it('voice: espeak-ng missing or without the configured voice fails with the install hint', async () => {
    const voice = { enabled: true, tts: 'espeak', voice: 'vi-vn-x-south' };
    const missing = await run(voiceCheck(voice, board({})));
    expect(missing).toMatchObject({
      status: 'fail',
      code: 'not-installed',
      hint: 'sudo apt install espeak-ng',
    });
    const list =
      'Pty Language       Age/Gender VoiceName          File                 Other Languages\n 5  vi              --/M      Vietnamese_Northern roa/vi\n 5  vi-vn-x-central --/M      Vietnamese_Central roa/vi-vn-x-central\n';
    const noSouth = await run(
      voiceCheck(voice, board({ 'espeak-ng --version': 'eSpeak NG 1.51', 'espeak-ng --voices=vi': list })),
    );
    expect(noSouth).toMatchObject({ status: 'fail', code: 'no-voice' });
    const central = await run(
      voiceCheck(
        { ...voice, voice: 'vi-vn-x-central' },
        board({ 'espeak-ng --version': 'x', 'espeak-ng --voices=vi': list }),
      ),
    );
    expect(central.status).toBe('ok');
  });

  it('exit code is 1 with only warnings, 2 with a failure; a hanging check is cut off and fails', async () => {
    const warn: DoctorCheck = {
      id: 'w',
      title: 'W',
      run: async () => ({ id: 'w', title: 'W', status: 'warn', message: 'm', hint: 'h' }),
    };
    const ok: DoctorCheck = {
      id: 'o',
      title: 'O',
      run: async () => ({ id: 'o', title: 'O', status: 'ok', message: 'fine' }),
    };
    const hang: DoctorCheck = { id: 'h', title: 'Hangs', run: () => new Promise(() => undefined) };
    const boom: DoctorCheck = {
      id: 'b',
      title: 'Boom',
      run: async () => {
        throw new Error('device exploded');
      },
    };
    expect((await runDoctor([ok], { deviceId: null })).exitCode).toBe(0);
    expect((await runDoctor([ok, warn], { deviceId: null })).exitCode).toBe(1);
    const failed = await runDoctor([ok, warn, hang, boom], { deviceId: null, timeoutMs: 100 });
    expect(failed.exitCode).toBe(2);
    expect(failed.summary).toEqual({ ok: 1, warn: 1, fail: 2, skip: 0 });
    expect(failed.checks[2]).toMatchObject({
      id: 'h',
      status: 'fail',
      message: 'check failed: no answer within 100 ms',
    });
    expect(failed.checks[3]!.message).toBe('check failed: device exploded');
    expect(formatResult(failed.checks[3]!)).toMatch(
      /^\[FAIL\] Boom {18} check failed: device exploded\n {9}→ run the check again/,
    );
  });

  it('database: the -wal/-shm files a (sudo) doctor run leaves behind belong to the database owner', async () => {
    const dir = tempDir('kiosk-dbown-');
    const file = join(dir, 'kiosk.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    // As root, pretend the database belongs to the service user (uid 4321).
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(file, 4321, 4321);
    const owner = statSync(file);
    expect(await run(databaseCheck(dir))).toMatchObject({ status: 'ok' });
    for (const extra of [`${file}-wal`, `${file}-shm`]) {
      if (!existsSync(extra)) continue;
      expect(statSync(extra)).toMatchObject({ uid: owner.uid, gid: owner.gid });
    }
  });
});
