import type Database from 'better-sqlite3';
import {
  freeBytes,
  inspectDatabase,
  RECOVERY_PENDING,
  storageFix,
  storageProblemOf,
  StorageError,
} from '../../runtime/storage/storage-health.js';
import { CLOCK_FIX } from '../../domain/queue/clock-guard.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, open, readFile, rm, stat, statfs, constants } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CheckResult } from '../../runtime/check-result.js';
import type { DoctorCheck } from './types.js';
import { lazyRequire } from '../../runtime/lazy-require.js';

/** better-sqlite3, loaded only when there is a database to open (a fresh kiosk has none yet). */
const sqlite = lazyRequire<typeof Database>('better-sqlite3');

/** Where the system checks look; tests point these at fixtures. */
export interface SystemProbe {
  /** Runs a program, resolving stdout; rejects with code ENOENT when it is not installed. */
  exec(program: string, args: readonly string[], timeoutMs?: number): Promise<string>;
  /** Present when systemd is PID 1 (/run/systemd/system). */
  systemdDir: string;
  /** Created by systemd-timesyncd once the clock is synchronised. */
  timesyncFile: string;
  thermalFile: string;
  now(): number;
}

export const hostProbe: SystemProbe = {
  exec: (program, args, timeoutMs = 3000) =>
    new Promise((resolve, reject) => {
      execFile(program, [...args], { timeout: timeoutMs }, (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stderr: String(stderr) }));
        else resolve(String(stdout));
      });
    }),
  systemdDir: '/run/systemd/system',
  timesyncFile: '/run/systemd/timesync/synchronized',
  thermalFile: '/sys/class/thermal/thermal_zone0/temp',
  now: () => Date.now(),
};

const MB = 1024 * 1024;
const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;
const msg = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Data dir exists (or can be made), is writable with fsync, and has free space. */
export function dataDirCheck(dataDir: string): DoctorCheck {
  return {
    id: 'data-dir',
    title: 'Data directory',
    async run(): Promise<CheckResult> {
      const base = { id: 'data-dir', title: 'Data directory' };
      const fix = `sudo install -d -o smart-kiosk -g smart-kiosk -m 0750 ${dataDir}`;
      if (!existsSync(dataDir)) {
        // Not created here: `sudo kiosk doctor` would leave a root-owned folder the service
        // cannot write. The kiosk creates it at first start; its parent must allow that.
        let parent = dirname(dataDir);
        while (!existsSync(parent) && parent !== dirname(parent)) parent = dirname(parent);
        try {
          if (!(await stat(parent)).isDirectory()) throw new Error(`${parent} is not a directory`);
          await access(parent, constants.W_OK);
          return {
            ...base,
            status: 'ok',
            message: `${dataDir} will be created at first start`,
            detail: { path: dataDir },
          };
        } catch {
          return {
            ...base,
            status: 'fail',
            code: 'not-writable',
            message: `${dataDir} is not writable: it does not exist and ${parent} is not a writable folder`,
            hint: `tickets and telemetry cannot be saved; create it for the kiosk user: ${fix}`,
            detail: { path: dataDir },
          };
        }
      }
      try {
        const probe = join(dataDir, `.doctor-${process.pid}.tmp`);
        const handle = await open(probe, 'w');
        try {
          await handle.writeFile('kiosk doctor write test');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rm(probe, { force: true });
      } catch (err) {
        return {
          ...base,
          status: 'fail',
          code:
            code(err) === 'EACCES' || code(err) === 'EPERM' || code(err) === 'EROFS'
              ? 'not-writable'
              : 'error',
          message: `${dataDir} is not writable: ${msg(err)}`,
          hint: `tickets and telemetry cannot be saved; give the kiosk user the folder: ${fix}`,
          detail: { path: dataDir },
        };
      }
      const fs = await statfs(dataDir);
      const free = fs.bavail * fs.bsize;
      const detail = {
        path: dataDir,
        freeMB: Math.round(free / MB),
        totalMB: Math.round((fs.blocks * fs.bsize) / MB),
      };
      if (free < 50 * MB)
        return {
          ...base,
          status: 'fail',
          code: 'disk-full',
          message: `only ${detail.freeMB} MB free on ${dataDir}`,
          hint: 'free space: sudo journalctl --vacuum-size=50M; remove old files; or use a larger SD card',
          detail,
        };
      if (free < 500 * MB)
        return {
          ...base,
          status: 'warn',
          code: 'disk-low',
          message: `${detail.freeMB} MB free on ${dataDir}`,
          hint: 'free space soon: sudo journalctl --vacuum-size=50M, or use a larger SD card',
          detail,
        };
      return { ...base, status: 'ok', message: `${dataDir} writable, ${detail.freeMB} MB free`, detail };
    },
  };
}

/**
 * The kiosk database: it opens, PRAGMA quick_check finds no damage, it can be written and the data
 * disk has room (runtime/storage/storage-health.ts: the kiosk's start-up check without its write
 * probe). Read-only on the citizen database: the file and its -wal stay byte for byte as they were.
 * The fix for damage is `kiosk db recover`, which keeps the damaged files and never reissues a
 * number; never move the database or its -wal aside by hand.
 */
export function databaseCheck(dataDir: string): DoctorCheck {
  const file = join(dataDir, 'kiosk.db');
  const base = { id: 'database', title: 'Database (SQLite)' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      if (existsSync(join(dataDir, RECOVERY_PENDING)))
        return {
          ...base,
          status: 'fail',
          code: 'recovery-pending',
          message: `a recovery of ${file} was interrupted (${join(dataDir, RECOVERY_PENDING)} is there); the kiosk issues no tickets until it is finished`,
          hint: storageFix('recovery-pending', file),
          detail: { path: file },
        };
      if (!existsSync(file))
        return { ...base, status: 'ok', message: `${file} not created yet (it is created at first start)` };
      let db: Database.Database | undefined;
      let problem: StorageError | undefined;
      try {
        // Read-only, always: a read-write connection folds the -wal into the file when it closes
        // as the last one (after a kill -9 the -wal holds the newest tickets, and a damaged
        // file's -wal is what `kiosk db recover` salvages from); the doctor writes nothing.
        db = new (sqlite())(file, { fileMustExist: true, readonly: true });
        db.pragma('busy_timeout = 2000');
        problem = inspectDatabase(db, file);
      } catch (err) {
        problem =
          storageProblemOf(err, file) ??
          new StorageError('unopenable', file, msg(err), storageFix('unopenable', file));
      } finally {
        db?.close();
      }
      if (problem)
        return {
          ...base,
          status: 'fail',
          code: problem.kind,
          message: `${problem.summary}: ${problem.detail}`,
          hint: problem.fix,
          detail: { path: file },
        };
      const free = freeBytes(dataDir);
      return {
        ...base,
        status: 'ok',
        message: `${file} intact and writable${free !== undefined ? ` (${Math.round(free / 1048576)} MiB free)` : ''}`,
        detail: { path: file, ...(free !== undefined ? { freeBytes: free } : {}) },
      };
    },
  };
}

/** Node.js is new enough for the app (>= 20). */
export function nodeCheck(version = process.versions.node): DoctorCheck {
  const base = { id: 'node', title: 'Node.js' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      const major = Number(version.split('.')[0]);
      return major >= 20
        ? { ...base, status: 'ok', message: `v${version}` }
        : {
            ...base,
            status: 'fail',
            code: 'too-old',
            message: `v${version} is too old (needs 20 or newer)`,
            hint: 'install Node 20: sudo /opt/smart-kiosk/current/deploy/install.sh --nodesource',
          };
    },
  };
}

/** The clock is synchronised (NTP): ticket times and TLS certificates depend on it. */
export function timeSyncCheck(probe: SystemProbe): DoctorCheck {
  const base = { id: 'time-sync', title: 'Clock (NTP)' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      const now = new Date(probe.now());
      if (now.getUTCFullYear() < 2025)
        return {
          ...base,
          status: 'fail',
          code: 'clock-wrong',
          message: `the clock says ${now.toISOString()}`,
          hint: 'the board has no battery clock: connect the network and run sudo timedatectl set-ntp true',
        };
      if (!existsSync(probe.systemdDir))
        return {
          ...base,
          status: 'skip',
          message: 'not booted with systemd here; cannot ask about NTP sync',
        };
      let synced: boolean;
      try {
        synced =
          (await probe.exec('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'])).trim() === 'yes';
      } catch {
        synced = existsSync(probe.timesyncFile);
      }
      return synced
        ? { ...base, status: 'ok', message: `synchronised (${now.toISOString()})` }
        : {
            ...base,
            status: 'warn',
            code: 'not-synced',
            message: 'the clock is not synchronised with NTP',
            hint: 'check the network, then: sudo timedatectl set-ntp true; timedatectl timesync-status',
          };
    },
  };
}

/**
 * The clock against the newest ticket stored in kiosk.db: a clock behind it (a Pi booted without
 * NTP) would date tickets in the past; the kiosk then keeps that day's numbers going (never
 * reissuing one) until the clock is right. Read-only; safe while the kiosk runs.
 */
export function ticketClockCheck(dataDir: string, probe: SystemProbe): DoctorCheck {
  const file = join(dataDir, 'kiosk.db');
  const base = { id: 'clock-tickets', title: 'Clock vs stored tickets' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      if (!existsSync(file)) return { ...base, status: 'skip', message: 'no database yet' };
      let newest: number | undefined;
      let db: Database.Database | undefined;
      try {
        db = new (sqlite())(file, { readonly: true, fileMustExist: true });
        const hasTickets = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'tickets'").get();
        newest = hasTickets
          ? ((db.prepare('SELECT MAX(issued_at) AS at FROM tickets').get() as { at: number | null }).at ??
            undefined)
          : undefined;
      } catch (err) {
        return { ...base, status: 'skip', message: `cannot read the tickets (${msg(err)}); see database` };
      } finally {
        db?.close();
      }
      const now = probe.now();
      if (newest === undefined) return { ...base, status: 'ok', message: 'no ticket stored yet' };
      if (now < newest)
        return {
          ...base,
          status: 'fail',
          code: 'clock-behind',
          message: `the clock says ${new Date(now).toISOString()}, before the newest ticket stored (${new Date(newest).toISOString()}); the kiosk keeps that day's numbers going, dated then, until the clock is right`,
          hint: CLOCK_FIX,
          detail: { clock: now, newestTicket: newest },
        };
      return {
        ...base,
        status: 'ok',
        message: `the clock is after the newest ticket stored (${new Date(newest).toISOString()})`,
      };
    },
  };
}

/** CPU temperature and under-voltage/throttling (vcgencmd on Raspberry Pi, else the thermal zone). */
export function cpuCheck(probe: SystemProbe): DoctorCheck {
  const base = { id: 'cpu', title: 'CPU temperature' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      let tempC: number | undefined;
      let throttled: number | undefined;
      try {
        tempC = Number(/temp=([\d.]+)/.exec(await probe.exec('vcgencmd', ['measure_temp']))?.[1]);
        throttled = Number.parseInt(
          /throttled=(0x[0-9a-f]+)/i.exec(await probe.exec('vcgencmd', ['get_throttled']))?.[1] ?? '',
          16,
        );
      } catch {
        try {
          tempC = Number((await readFile(probe.thermalFile, 'utf8')).trim()) / 1000;
        } catch {
          return { ...base, status: 'skip', message: 'no temperature sensor found (not a Raspberry Pi?)' };
        }
      }
      const detail: Record<string, number | null> = { tempC: tempC ?? null, throttled: throttled ?? null };
      if (throttled !== undefined && Number.isFinite(throttled) && (throttled & 0x1) !== 0)
        return {
          ...base,
          status: 'fail',
          code: 'under-voltage',
          message: `under-voltage now (throttled=0x${throttled.toString(16)}), ${tempC} °C`,
          hint: 'use the official 5 V / 3 A (Pi 4) or 5 A (Pi 5) power supply and a short, thick cable',
          detail,
        };
      if (tempC !== undefined && tempC >= 85)
        return {
          ...base,
          status: 'fail',
          code: 'overheating',
          message: `${tempC} °C`,
          hint: 'the board is throttling: fit a heatsink/fan and keep the case vents free',
          detail,
        };
      if (tempC !== undefined && tempC >= 75)
        return {
          ...base,
          status: 'warn',
          code: 'hot',
          message: `${tempC} °C`,
          hint: 'check the fan and case ventilation; keep the kiosk out of direct sun',
          detail,
        };
      if (throttled !== undefined && Number.isFinite(throttled) && throttled !== 0)
        return {
          ...base,
          status: 'warn',
          code: 'was-throttled',
          message: `${tempC} °C; under-voltage or throttling happened since boot (0x${throttled.toString(16)})`,
          hint: 'check the power supply and cooling',
          detail,
        };
      return { ...base, status: 'ok', message: `${tempC?.toFixed(1)} °C`, detail };
    },
  };
}

/** The speech engine the config names is installed, with its voice. */
export function voiceCheck(
  voice: { enabled: boolean; tts: string; voice: string },
  probe: SystemProbe,
): DoctorCheck {
  const base = { id: 'voice', title: 'Voice (TTS)' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      if (!voice.enabled)
        return { ...base, status: 'skip', message: 'voice guidance is off (voice.enabled: false)' };
      if (voice.tts === 'text')
        return { ...base, status: 'ok', message: 'text only (voice.tts: text); nothing to install' };
      if (voice.tts !== 'espeak')
        return { ...base, status: 'skip', message: `engine ${voice.tts} is checked when the kiosk speaks` };
      let list: string;
      try {
        await probe.exec('espeak-ng', ['--version']);
        list = await probe.exec('espeak-ng', ['--voices=vi']);
      } catch (err) {
        return {
          ...base,
          status: 'fail',
          code: code(err) === 'ENOENT' ? 'not-installed' : 'error',
          message:
            code(err) === 'ENOENT' ? 'espeak-ng is not installed' : `espeak-ng does not run: ${msg(err)}`,
          hint: 'sudo apt install espeak-ng',
        };
      }
      const names = list
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/));
      const found = names.some(
        (cols) => cols.includes(voice.voice) || cols.some((c) => c.endsWith(`/${voice.voice}`)),
      );
      return found
        ? { ...base, status: 'ok', message: `espeak-ng with voice ${voice.voice}` }
        : {
            ...base,
            status: 'fail',
            code: 'no-voice',
            message: `espeak-ng has no voice "${voice.voice}"`,
            hint: 'set voice.voice to vi, vi-vn-x-central or vi-vn-x-south (kiosk provision --voice-region)',
          };
    },
  };
}

/** Files the kiosk must read exist and are readable by this user (TLS, fleet key). */
export async function readable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.R_OK);
    return undefined;
  } catch (err) {
    return code(err) === 'ENOENT' ? `${path} does not exist` : `${path} is not readable (${code(err)})`;
  }
}
