import { appRoot, appVersion } from '../domain/fleet/app-version.js';
import { ReleaseLayout } from '../domain/release/release-layout.js';
import { runTrial, type TrialCheck, type TrialOutcome } from '../domain/release/release-trial.js';
import type { Kiosk } from './compose.js';

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

/**
 * What a new release must show before it is committed: it drew a frame, every service runs
 * (drivers, storage, voice, UI, fleet: none failed or still starting), and, when the fleet is on,
 * it reached the broker. Listening for the first frame starts here, before the kiosk starts.
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
