import { errorMessage } from '../../runtime/errors.js';
import type { ReleaseLayout } from './release-layout.js';
import { commitRelease, failRelease } from './release-switch.js';

/** One thing a new release must show before it is committed (first frame, services, broker, devices). */
export interface TrialCheck {
  name: string;
  /** Resolves when the check passed; rejects with what is wrong. Aborted when the deadline passes. */
  passed(signal: AbortSignal): Promise<void>;
}

/** Default time a new release has to pass every check. */
export const DEFAULT_TRIAL_DEADLINE_MS = 120_000;

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
  deadlineMs?: number;
  log: (line: string) => void;
}): Promise<TrialOutcome> {
  const state = await options.layout.state();
  if (state.phase !== 'trial' || state.trial?.version !== options.version) return { outcome: 'not-on-trial' };
  const deadline = options.deadlineMs ?? DEFAULT_TRIAL_DEADLINE_MS;
  const controller = new AbortController();
  const pending = new Set(options.checks.map((c) => c.name));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `not healthy within ${Math.round(deadline / 1000)} s: still waiting for ${[...pending].join(', ')}`,
          ),
        ),
      deadline,
    );
  });
  try {
    await Promise.race([
      Promise.all(
        options.checks.map(async (c) => {
          try {
            await c.passed(controller.signal);
          } catch (err) {
            throw new Error(`${c.name}: ${errorMessage(err)}`, { cause: err });
          }
          pending.delete(c.name);
          options.log(`release ${options.version} on trial: ${c.name} ok`);
        }),
      ),
      timedOut,
    ]);
  } catch (err) {
    const reason = `health check: ${errorMessage(err)}`;
    await failRelease(options.layout, options.version, reason);
    return { outcome: 'failed', reason };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  await commitRelease(options.layout, options.version);
  options.log(`release ${options.version} committed`);
  return { outcome: 'committed' };
}
