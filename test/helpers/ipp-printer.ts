import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IppPrinter } from '../../drivers/document-printer/ipp-printer.js';
import { freePort } from './mosquitto.js';
import { tempDir } from './sim-process.js';

export const IPPEVEPRINTER = '/usr/sbin/ippeveprinter';

/**
 * ippeveprinter registers itself over DNS-SD, so it needs avahi (which needs the system D-Bus).
 * Starts both when they are not running; safe to call from every test file.
 */
export function ensureDnsSd(): void {
  if (spawnSync('avahi-daemon', ['-c']).status === 0) return;
  // An already-running bus refuses a second one: that is fine.
  spawnSync('dbus-daemon', ['--system', '--fork']);
  const avahi = spawnSync('avahi-daemon', ['-D', '--no-drop-root', '--no-chroot'], { encoding: 'utf8' });
  if (spawnSync('avahi-daemon', ['-c']).status !== 0)
    throw new Error(`avahi-daemon did not start: ${avahi.stderr || avahi.stdout}`);
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
