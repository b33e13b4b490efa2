import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RECOVERY_PENDING } from '../../../runtime/storage/storage-health.js';
import { KIOSK_BIN } from '../../helpers/sim-process.js';
import { seededRandom, sleep } from './rng.js';

/** Runs `kiosk db recover` to the end; returns its exit code and output. */
export function runRecover(dataDir: string, extra: string[] = []): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [KIOSK_BIN, 'db', 'recover', '--data-dir', dataDir, ...extra], {
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * runRecover without blocking this process: for tests where something in it (a broker client)
 * must act while the recovery runs.
 */
export function runRecoverAsync(
  dataDir: string,
  extra: string[] = [],
): Promise<{ status: number | null; out: string }> {
  const proc = spawn(process.execPath, [KIOSK_BIN, 'db', 'recover', '--data-dir', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => proc.once('close', (status) => resolve({ status, out })));
}

export interface RecoveryCutReport {
  cuts: number;
  /** Cuts that left the recovery unfinished (recovery/pending.json there). */
  leftPending: number;
}

/**
 * The power-cut harness for recovery: `kiosk db recover` is SIGKILLed at a random instant up to
 * `maxMs` after it starts, `cuts` times; `afterCut` checks the data dir after each (the kiosk must
 * refuse a half-recovered database). The caller finishes with runRecover and checks the result.
 */
export async function cutRecoveries(
  dataDir: string,
  options: { cuts: number; maxMs: number; seed?: number; extra?: string[] },
  afterCut: (pending: boolean) => Promise<void>,
): Promise<RecoveryCutReport> {
  const random = seededRandom(options.seed ?? 19);
  const report: RecoveryCutReport = { cuts: 0, leftPending: 0 };
  for (let i = 0; i < options.cuts; i++) {
    const proc = spawn(
      process.execPath,
      [KIOSK_BIN, 'db', 'recover', '--data-dir', dataDir, ...(options.extra ?? [])],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    await sleep(Math.floor(random() * options.maxMs));
    proc.kill('SIGKILL');
    await exited;
    report.cuts++;
    const pending = existsSync(join(dataDir, RECOVERY_PENDING));
    if (pending) report.leftPending++;
    await afterCut(pending);
  }
  return report;
}
