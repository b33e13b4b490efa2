import { errorMessage } from '../../runtime/errors.js';
import type { ReleaseLayout, ReleaseState } from './release-layout.js';
import { commitRelease, failRelease } from './release-switch.js';

/** One thing a new release must show before it is committed (first frame, services, broker, devices). */
export interface TrialCheck {
  name: string;
  /**
   * Resolves when the check passed; rejects with what is wrong. Aborted when the deadline passes.
   * `trial` is the switch being checked (what failed before it, where it came from).
   */
  passed(signal: AbortSignal, trial: NonNullable<ReleaseState['trial']>): Promise<void>;
}

/** How long checks still running at the deadline have to say what they were waiting for. */
const SETTLE_MS = 2000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

export type TrialOutcome =
  { outcome: 'committed' } | { outcome: 'failed'; reason: string } | { outcome: 'not-on-trial' };

/**
 * The health check of a release on trial, run by the release itself once it started: every check
 * must pass within the deadline; then the release is committed. Otherwise its reason is written
 * for the guard (`failed`), and the caller exits so the guard rolls back.
 */
export async function runTrial(options: {
  layout: ReleaseLayout;
  version: string;
  checks: readonly TrialCheck[];
  /** Time from the start to pass every check (config updates.trialSeconds). */
  deadlineMs: number;
  log: (line: string) => void;
}): Promise<TrialOutcome> {
  const state = await options.layout.state();
  const trial = state.trial;
  if (state.phase !== 'trial' || trial?.version !== options.version) return { outcome: 'not-on-trial' };
  const deadline = options.deadlineMs;
  const controller = new AbortController();
  const pending = new Set(options.checks.map((c) => c.name));
  // What each check said when it gave up (after the deadline aborts them): the reason reported.
  const problems = new Map<string, string>();
  const runs = options.checks.map(async (c) => {
    try {
      await c.passed(controller.signal, trial);
    } catch (err) {
      problems.set(c.name, errorMessage(err));
      throw new Error(`${c.name}: ${errorMessage(err)}`, { cause: err });
    }
    pending.delete(c.name);
    options.log(`release ${options.version} on trial: ${c.name} ok`);
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadline);
  });
  try {
    const first = await Promise.race([Promise.all(runs), timedOut]);
    if (first === 'timeout') {
      controller.abort();
      await Promise.race([Promise.allSettled(runs), sleep(SETTLE_MS)]);
      const waiting = [...pending].map((name) => `${name}: ${problems.get(name) ?? 'no answer'}`);
      throw new Error(`not healthy within ${Math.round(deadline / 1000)} s: ${waiting.join('; ')}`);
    }
  } catch (err) {
    const reason = `health check: ${errorMessage(err)}`;
    await failRelease(options.layout, options.version, reason);
    return { outcome: 'failed', reason };
  } finally {
    clearTimeout(timer);
    controller.abort();
    for (const run of runs) run.catch(() => undefined);
  }
  await commitRelease(options.layout, options.version);
  options.log(`release ${options.version} committed`);
  return { outcome: 'committed' };
}
