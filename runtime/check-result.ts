/**
 * The one shape of a self-check result, for every place that checks the kiosk: the drivers'
 * self-checks (`drivers/<kind>/check.ts`), `kiosk doctor`, the maintenance screen and the fleet's
 * `selftest` command all produce and read `CheckResult`, gathered in a `CheckReport`.
 */

/** ok: fine; warn: works but needs attention; fail: the kiosk cannot do its job; skip: not applicable here. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One checked thing. `hint` (what to do) is present for every warn and fail. */
export interface CheckResult {
  /** Stable id for machines and dashboards, e.g. `config`, `database`, `printer`, `service.ui`. */
  id: string;
  /** Short human title, e.g. `Printer`. */
  title: string;
  status: CheckStatus;
  /** One line saying what was found, in plain words, e.g. `printer is out of paper`. */
  message: string;
  /** What a technician should do about it. */
  hint?: string;
  /** A DriverError code or check-specific code, e.g. `paper-out`, `no-device`, `disk-full`. */
  code?: string;
  /** Extra facts (paths, status bits, the configured driver) for `--json` output. JSON-serialisable. */
  detail?: Record<string, string | number | boolean | null>;
  /** How long the check took (ms), set by whoever ran it. */
  ms?: number;
}

/** A run of checks: `kiosk doctor --json`, the maintenance screen, the fleet `selftest` result. */
export interface CheckReport {
  /** 0 all ok/skip, 1 warnings, 2 failures (also the doctor's exit code). */
  exitCode: 0 | 1 | 2;
  summary: Record<CheckStatus, number>;
  deviceId: string | null;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
}

/** The report of `checks`, run from `startedAt` for `durationMs`. */
export function checkReport(
  checks: CheckResult[],
  run: { deviceId: string | null; startedAt: Date; durationMs: number },
): CheckReport {
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) summary[c.status]++;
  return {
    exitCode: summary.fail > 0 ? 2 : summary.warn > 0 ? 1 : 0,
    summary,
    deviceId: run.deviceId,
    startedAt: run.startedAt.toISOString(),
    durationMs: Math.round(run.durationMs),
    checks,
  };
}
