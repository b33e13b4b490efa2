import { appRoot, appVersion } from '../domain/fleet/app-version.js';
import { ReleaseLayout } from '../domain/release/release-layout.js';
import { runTrial, type TrialCheck, type TrialOutcome } from '../domain/release/release-trial.js';
import type { CheckReport, CheckResult } from '../runtime/check-result.js';
import type { Kiosk } from './compose.js';

/** How often the doctor's checks run again while a new release waits for them to pass. */
const DEVICE_CHECK_EVERY_MS = 5000;

/** Polls `probe` until it returns undefined (healthy) or the signal aborts; rejects with the last problem. */
function pollUntil(probe: () => string | undefined, signal: AbortSignal, everyMs = 250): Promise<void> {
  return new Promise((resolve, reject) => {
    let last = probe();
    if (last === undefined) return resolve();
    const timer = setInterval(() => {
      last = probe();
      if (last === undefined) {
        clearInterval(timer);
        resolve();
      }
    }, everyMs);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(timer);
        reject(new Error(last ?? 'aborted'));
      },
      { once: true },
    );
  });
}

/** Like pollUntil for a probe that takes time (the doctor's checks): one run at a time, `everyMs` apart. */
async function pollAsync(
  probe: () => Promise<string | undefined>,
  signal: AbortSignal,
  everyMs: number,
): Promise<void> {
  let last = 'not run yet';
  while (!signal.aborted) {
    const problem = await probe();
    if (problem === undefined) return;
    last = problem;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, everyMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
  throw new Error(last);
}

/**
 * The doctor's checks (technician/doctor/standard-checks.ts kioskChecks: platform, storage, voice,
 * the devices, the broker) that fail now and did not fail before the switch: those are the new
 * release's doing. Checks that already failed under the old release (`failingBefore`: a printer
 * out of paper) are not held against it; when nobody looked before (a technician's switch), every
 * failing check counts.
 */
export function newFailures(
  report: CheckReport,
  failingBefore: readonly string[] | undefined,
): CheckResult[] {
  const known = new Set(failingBefore ?? []);
  return report.checks.filter((c) => c.status === 'fail' && !known.has(c.id));
}

/**
 * What a new release must show before it is committed: it drew a frame, every service runs
 * (drivers, storage, voice, UI, fleet: none failed or still starting), when the fleet is on it
 * reached the broker, and the doctor's device checks (the kiosk's one list, `kiosk.runChecks`)
 * find nothing failing that did not fail before the switch. Listening for the first frame starts
 * here, before the kiosk starts.
 */
export function releaseTrialChecks(kiosk: Kiosk): TrialCheck[] {
  let framed = false;
  kiosk.bus.on('release-trial', 'ui.frame', () => {
    framed = true;
    kiosk.bus.offOwner('release-trial');
  });
  const checks: TrialCheck[] = [
    {
      name: 'first frame',
      passed: (signal) => pollUntil(() => (framed ? undefined : 'no frame drawn on the display'), signal),
    },
    {
      name: 'services',
      passed: (signal) =>
        pollUntil(() => {
          const bad = kiosk.services.status().filter((s) => s.state === 'failed' || s.state === 'starting');
          return bad.length === 0
            ? undefined
            : `not running: ${bad.map((s) => `${s.name} (${s.state}${s.lastError ? `: ${s.lastError}` : ''})`).join(', ')}`;
        }, signal),
    },
  ];
  checks.push({
    name: 'device checks',
    passed: (signal, trial) =>
      pollAsync(
        async () => {
          const bad = newFailures(await kiosk.runChecks(), trial.failingBefore);
          return bad.length === 0
            ? undefined
            : `failing: ${bad.map((c) => `${c.title} (${c.message})`).join(', ')}`;
        },
        signal,
        DEVICE_CHECK_EVERY_MS,
      ),
  });
  const fleet = kiosk.fleet;
  if (fleet)
    checks.push({
      name: 'broker',
      passed: (signal) =>
        pollUntil(() => (fleet.connected ? undefined : `cannot reach ${kiosk.config.fleet.broker}`), signal),
    });
  return checks;
}

/**
 * Runs the health check when this kiosk is a release on trial (installed under
 * /opt/smart-kiosk/releases and just switched to), then reports how the last update ended
 * (`app-updated` or `app-rolled-back`) through the outbox, once.
 */
export async function superviseRelease(kiosk: Kiosk, checks: readonly TrialCheck[]): Promise<TrialOutcome> {
  const layout = ReleaseLayout.of(appRoot());
  if (!layout) return { outcome: 'not-on-trial' };
  const result = await runTrial({
    layout,
    version: appVersion(),
    checks,
    deadlineMs: kiosk.config.updates.trialSeconds * 1000,
    log: (line) => kiosk.log.info(line),
  });
  const state = await layout.state();
  if (state.last && !state.last.reported) {
    const { version, from, reason, at, outcome } = state.last;
    kiosk.recorder.event(`events/${outcome === 'committed' ? 'app-updated' : 'app-rolled-back'}`, {
      version,
      from: from ?? null,
      at,
      ...(reason ? { reason } : {}),
    });
    await layout.saveState({ ...state, last: { ...state.last, reported: true } });
  }
  return result;
}
