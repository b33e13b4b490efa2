import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
 * socket; avahi, started without a bus, exits with its reason in syslog only. So the directory is
 * made here, a pid file left by a bus that no longer runs is removed, and each step's own output
 * goes into the error.
 */
export function ensureDnsSd(): void {
  if (spawnSync('avahi-daemon', ['-c']).status === 0) return;
  const steps: string[] = [];
  if (!existsSync(DBUS_SOCKET)) {
    mkdirSync(dirname(DBUS_SOCKET), { recursive: true });
    removeStalePidFile(DBUS_PID);
    const bus = spawnSync('dbus-daemon', ['--system', '--fork'], { encoding: 'utf8' });
    steps.push(`dbus-daemon --system: exit ${bus.status} ${(bus.stderr || bus.stdout).trim()}`);
  }
  const avahi = spawnSync('avahi-daemon', ['-D', '--no-drop-root', '--no-chroot'], { encoding: 'utf8' });
  steps.push(`avahi-daemon -D: exit ${avahi.status} ${(avahi.stderr || avahi.stdout).trim()}`);
  if (spawnSync('avahi-daemon', ['-c']).status !== 0)
    throw new Error(
      `avahi-daemon did not start (ippeveprinter needs DNS-SD): ${steps.join('; ')}; ` +
        `socket ${DBUS_SOCKET} ${existsSync(DBUS_SOCKET) ? 'exists' : 'missing'}`,
    );
}

const DBUS_SOCKET = '/run/dbus/system_bus_socket';
const DBUS_PID = '/run/dbus/pid';

function removeStalePidFile(file: string): void {
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    if (Number.isInteger(pid) && pid > 0) {
      process.kill(pid, 0);
      return;
    }
  } catch {
    // no such process: the pid file is stale
  }
  rmSync(file, { force: true });
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
