import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';

/** A process that has the kiosk database open. */
export interface DatabaseHolder {
  pid: number;
  /** Its command line, e.g. `node /opt/smart-kiosk/dist/bin/kiosk.js run`. */
  command: string;
}

/** Where the holders are looked for; tests point these elsewhere. */
export interface HolderProbe {
  procDir: string;
  /** True while the systemd unit is active (`systemctl is-active`); false without systemd. */
  serviceActive(unit: string): boolean;
}

export const hostHolderProbe: HolderProbe = {
  procDir: '/proc',
  serviceActive(unit) {
    try {
      execFileSync('systemctl', ['is-active', '--quiet', unit], { stdio: 'ignore', timeout: 3000 });
      return true;
    } catch {
      return false; // inactive, or no systemd / systemctl here
    }
  },
};

/** `fe:00:2244820` as /proc/locks writes a device and inode. */
function lockKey(dev: number, ino: number): string {
  const major = (dev >> 8) & 0xfff;
  const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
  return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${ino}`;
}

function commandOf(procDir: string, pid: number): string {
  try {
    const argv = readFileSync(`${procDir}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return argv.join(' ') || `pid ${pid}`;
  } catch {
    return `pid ${pid}`;
  }
}

/**
 * The processes (other than this one) that have `file` (a SQLite database) or its -wal/-shm
 * open: every SQLite connection holds a POSIX lock on them while open (/proc/locks names its pid,
 * whoever owns it), and where /proc/PID/fd can be read, an open descriptor counts too. Reads
 * only; touches none of the files.
 */
export function databaseHolders(file: string, probe: HolderProbe = hostHolderProbe): DatabaseHolder[] {
  const files = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
  const pids = new Set<number>();
  const keys = new Set<string>();
  for (const f of files) {
    const s = statSync(f);
    keys.add(lockKey(s.dev, s.ino));
  }
  try {
    for (const line of readFileSync(`${probe.procDir}/locks`, 'utf8').split('\n')) {
      // 1: POSIX  ADVISORY  READ 9335 fe:00:2244820 128 128
      const m = /^\d+:\s+\S+\s+\S+\s+\S+\s+(\d+)\s+([0-9a-f]+:[0-9a-f]+:\d+)\s/.exec(line);
      if (m && keys.has(m[2] as string)) pids.add(Number(m[1]));
    }
  } catch {
    /* no /proc/locks: the descriptors below still tell */
  }
  let entries: string[];
  try {
    entries = readdirSync(probe.procDir).filter((e) => /^\d+$/.test(e));
  } catch {
    entries = [];
  }
  for (const entry of entries) {
    const pid = Number(entry);
    let fds: string[];
    try {
      fds = readdirSync(`${probe.procDir}/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (files.includes(readlinkSync(`${probe.procDir}/${pid}/fd/${fd}`))) pids.add(pid);
      } catch {
        /* closed meanwhile */
      }
    }
  }
  pids.delete(process.pid);
  return [...pids].sort((a, b) => a - b).map((pid) => ({ pid, command: commandOf(probe.procDir, pid) }));
}

/** The recovery refused because the kiosk (or another process) still uses the database. */
export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
  constructor(
    readonly file: string,
    readonly holders: readonly DatabaseHolder[],
    readonly serviceActive: boolean,
  ) {
    const who = [
      ...(serviceActive ? ['the smart-kiosk service is running'] : []),
      ...holders.map((h) => `process ${h.pid} (${h.command.slice(0, 120)}) has it open`),
    ].join('; ');
    super(
      `the kiosk is not stopped: ${who}. Nothing was changed: recovering under a running kiosk would ` +
        `replace ${file} while it writes tickets into it. Fix: sudo systemctl stop smart-kiosk ` +
        `(a kiosk started by hand: stop it, e.g. kill ${holders[0]?.pid ?? 'PID'}), then run kiosk db recover again`,
    );
  }
}

/** Throws DatabaseInUseError while the service is active or any process has `file` open. */
export function assertDatabaseFree(file: string, probe: HolderProbe = hostHolderProbe): void {
  const holders = databaseHolders(file, probe);
  const active = probe.serviceActive('smart-kiosk');
  if (active || holders.length > 0) throw new DatabaseInUseError(file, holders, active);
}
