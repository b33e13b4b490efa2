import { rm } from 'node:fs/promises';
import { restoreDatabase } from './release-switch.js';
import type { ReleaseLayout, ReleaseState } from './release-layout.js';

/** Starts of a new release that may end without passing the health check before it is rolled back. */
export const MAX_TRIAL_STARTS = 3;

export interface GuardOptions {
  layout: ReleaseLayout;
  dataDir: string;
  /** `before-start` (ExecStartPre) or `after-stop` (ExecStopPost). */
  when: 'before-start' | 'after-stop';
  /** What systemd tells ExecStopPost: SERVICE_RESULT, EXIT_CODE, EXIT_STATUS. */
  env: NodeJS.ProcessEnv;
  maxStarts?: number;
  now?: () => Date;
  log: (line: string) => void;
}

export type GuardAction = 'none' | 'counted' | 'finished-switch' | 'repaired' | 'rolled-back';

/**
 * The update guard, run by systemd around every start of the kiosk, from `previous` (a release
 * that passed its health check). During a trial it counts starts before each one and reads how
 * each one ended; a watchdog kill, a health check the release reported as failed, or a crash
 * loop puts `previous` back as `current`, restores the database backup, blocks the version, and
 * leaves the outcome for the restored release to report (`app-rolled-back`). It also finishes a
 * switch a power cut interrupted and repairs a `current` that does not boot.
 */
export async function runGuard(o: GuardOptions): Promise<{ action: GuardAction; reason?: string }> {
  const { layout } = o;
  let state = await layout.state();
  if (state.phase === 'switching' && state.trial) {
    await layout.point('previous', state.trial.from);
    await layout.point('current', state.trial.version);
    state = { ...state, phase: 'trial' };
    await layout.saveState(state);
    o.log(`guard: finished the switch to ${state.trial?.version} that was cut short`);
    if (o.when === 'after-stop') return { action: 'finished-switch' };
  }
  const trial = state.trial;
  if ((state.phase === 'failed' || state.phase === 'rolling-back') && trial)
    return rollback(o, state, trial.reason ?? 'the new release failed its health check');
  if (state.phase === 'trial' && trial) {
    const max = o.maxStarts ?? MAX_TRIAL_STARTS;
    if (o.when === 'before-start') {
      if (trial.starts >= max)
        return rollback(
          o,
          state,
          `crash loop: ${trial.starts} starts without passing the health check (last exit: ${trial.lastExit ?? 'unknown'})`,
        );
      await layout.saveState({ ...state, trial: { ...trial, starts: trial.starts + 1 } });
      return { action: 'counted' };
    }
    const result = o.env.SERVICE_RESULT ?? 'unknown';
    if (result === 'watchdog')
      return rollback(
        o,
        state,
        `watchdog: ${trial.version} stopped pinging the systemd watchdog (WatchdogSec) and was killed`,
      );
    if (result === 'success') return { action: 'none' };
    const lastExit = `${result} ${o.env.EXIT_CODE ?? '?'}=${o.env.EXIT_STATUS ?? '?'}`;
    const next = { ...state, trial: { ...trial, lastExit } };
    await layout.saveState(next);
    if (trial.starts >= max)
      return rollback(
        o,
        next,
        `crash loop: ${trial.starts} starts without passing the health check (last exit: ${lastExit})`,
      );
    return { action: 'counted' };
  }
  if (!(await layout.bootable('current')) && (await layout.bootable('previous'))) {
    const to = await layout.pointsAt('previous');
    if (to) {
      await layout.point('current', to);
      o.log(`guard: current did not boot; pointed it at ${to}`);
      return { action: 'repaired' };
    }
  }
  return { action: 'none' };
}

async function rollback(
  o: GuardOptions,
  state: ReleaseState,
  reason: string,
): Promise<{ action: GuardAction; reason: string }> {
  const trial = state.trial;
  if (!trial) return { action: 'none', reason };
  const { layout } = o;
  await layout.saveState({ ...state, phase: 'rolling-back', trial: { ...trial, reason } });
  await layout.point('current', trial.from);
  await layout.point('previous', trial.from);
  if (trial.backup) await restoreDatabase(trial.backup, o.dataDir);
  const now = (o.now?.() ?? new Date()).toISOString();
  await layout.saveState({
    phase: 'committed',
    committed: trial.from,
    last: {
      version: trial.version,
      outcome: 'rolled-back',
      reason,
      from: trial.from,
      at: now,
      reported: false,
    },
    blocked: [...new Set([...state.blocked, trial.version])],
  });
  if (trial.backup) await rm(trial.backup, { force: true });
  o.log(
    `guard: rolled back from ${trial.version} to ${trial.from}: ${reason}${trial.backup ? '; database restored from the backup taken before the switch' : ''}`,
  );
  return { action: 'rolled-back', reason };
}
