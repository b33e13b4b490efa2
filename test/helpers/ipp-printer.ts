import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IppPrinter } from '../../drivers/document-printer/ipp-printer.js';
import { freePort } from './mosquitto.js';
import { tempDir } from './sim-process.js';

export const IPPEVEPRINTER = '/usr/sbin/ippeveprinter';

/**
 * ippeveprinter registers itself over DNS-SD, so it needs avahi (which needs the system D-Bus).
 * Starts both when they are not running; safe to call from every test file.
 *
 * On a fresh machine without systemd nothing creates /run/dbus, and the bus then cannot bind its
 * socket. A machine image can also carry the socket of a bus that ran when the image was built: the
 * file is there, nothing listens ("Connection refused"), and avahi, started against it, exits 1 with
 * its reason in syslog only (the cause of a red CI). So the bus counts as running only when it
 * answers; otherwise its directory is made, a pid file and socket left by a bus that no longer runs
 * are removed and the bus is started. A running bus re-reads its policy (avahi's is installed after
 * it may have started). When avahi still does not start, it is run once in the foreground for a few
 * seconds so that its own words go into the error. Test files run in parallel, so one at a time
 * does this (a lock file): else one could remove the socket of the bus another has just started.
 */
export function ensureDnsSd(): void {
  if (spawnSync('avahi-daemon', ['-c']).status === 0) return;
  withLock('/run/kiosk-test-dnssd.lock', startDnsSd);
}

function startDnsSd(): void {
  if (spawnSync('avahi-daemon', ['-c']).status === 0) return;
  const steps: string[] = [];
  if (busAnswers()) {
    const reload = dbusSend('org.freedesktop.DBus.ReloadConfig');
    steps.push(`bus answers; ReloadConfig: exit ${reload.status}`);
  } else {
    mkdirSync(dirname(DBUS_SOCKET), { recursive: true });
    if (removeStalePidFile(DBUS_PID) && existsSync(DBUS_SOCKET)) {
      rmSync(DBUS_SOCKET, { force: true });
      steps.push(`removed the stale ${DBUS_SOCKET}`);
    }
    const bus = spawnSync('dbus-daemon', ['--system', '--fork'], { encoding: 'utf8' });
    steps.push(`dbus-daemon --system: exit ${bus.status} ${(bus.stderr || bus.stdout).trim()}`);
  }
  const avahi = spawnSync('avahi-daemon', ['-D', '--no-drop-root', '--no-chroot'], { encoding: 'utf8' });
  steps.push(`avahi-daemon -D: exit ${avahi.status} ${(avahi.stderr || avahi.stdout).trim()}`);
  if (spawnSync('avahi-daemon', ['-c']).status === 0) return;
  const foreground = spawnSync('avahi-daemon', ['--no-drop-root', '--no-chroot'], {
    encoding: 'utf8',
    timeout: 4000,
  });
  if (spawnSync('avahi-daemon', ['-c']).status === 0) return;
  steps.push(`avahi-daemon in the foreground said: ${(foreground.stderr || foreground.stdout).trim()}`);
  throw new Error(
    `avahi-daemon did not start (ippeveprinter needs DNS-SD): ${steps.join('; ')}; ` +
      `socket ${DBUS_SOCKET} ${existsSync(DBUS_SOCKET) ? 'exists' : 'missing'}`,
  );
}

/** Runs `work` holding an exclusive lock file; a lock older than a minute is left by a killed run. */
function withLock(file: string, work: () => void): void {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      closeSync(openSync(file, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000) rmSync(file, { force: true });
      else if (Date.now() > until)
        throw new Error(`${file} is held for a minute: another test is stuck starting DNS-SD`, {
          cause: err,
        });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    work();
  } finally {
    rmSync(file, { force: true });
  }
}

const DBUS_SOCKET = '/run/dbus/system_bus_socket';
const DBUS_PID = '/run/dbus/pid';

function dbusSend(method: string): ReturnType<typeof spawnSync> {
  return spawnSync(
    'dbus-send',
    [
      '--system',
      '--print-reply',
      '--reply-timeout=2000',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      method,
    ],
    { timeout: 5000 },
  );
}

function busAnswers(): boolean {
  return existsSync(DBUS_SOCKET) && dbusSend('org.freedesktop.DBus.GetId').status === 0;
}

/** Removes the pid file unless its process runs; true when no bus process runs. */
function removeStalePidFile(file: string): boolean {
  if (!existsSync(file)) return true;
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    if (Number.isInteger(pid) && pid > 0) {
      process.kill(pid, 0);
      return false;
    }
  } catch {
    // no such process: the pid file is stale
  }
  rmSync(file, { force: true });
  return true;
}

export interface TestIppPrinter {
  uri: string;
  port: number;
  spool: string;
  log: () => string;
  /** The PDFs the printer received, oldest first (ippeveprinter -k keeps them). */
  jobs(): { file: string; bytes: Buffer }[];
  /** Waits until `count` jobs are in the spool. */
  waitForJobs(count: number, timeoutMs?: number): Promise<{ file: string; bytes: Buffer }[]>;
  stop(): Promise<void>;
}

/** A real IPP Everywhere printer (CUPS' ippeveprinter) on a free port, accepting PDF. */
export async function startIppPrinter(name = 'KioskA4'): Promise<TestIppPrinter> {
  ensureDnsSd();
  const port = await freePort();
  const spool = tempDir('kiosk-ipp-spool-');
  const uri = `ipp://localhost:${port}/ipp/print`;
  let output = '';
  const child: ChildProcess = spawn(
    IPPEVEPRINTER,
    ['-p', String(port), '-d', spool, '-k', '-f', 'application/pdf', '-n', 'localhost', name],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const probe = new IppPrinter(uri, { timeoutMs: 1000 });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`ippeveprinter exited ${child.exitCode}: ${output}`);
    const up = await probe.status().then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 100) throw new Error(`ippeveprinter did not answer on ${uri}: ${output}`);
    await sleep(100);
  }
  const jobs = () =>
    readdirSync(spool)
      .filter((f) => /^\d+-.*\.pdf$/.test(f))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
      .map((f) => ({ file: join(spool, f), bytes: readFileSync(join(spool, f)) }));
  return {
    uri,
    port,
    spool,
    log: () => output,
    jobs,
    async waitForJobs(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = jobs();
        // A job file is complete once ippeveprinter has written the PDF trailer.
        if (found.length >= count && found.every((j) => j.bytes.includes('%%EOF'))) return found;
        if (Date.now() > until)
          throw new Error(`waited for ${count} jobs, spool has ${found.length}; log:\n${output}`);
        await sleep(50);
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(spool, { recursive: true, force: true });
    },
  };
}
