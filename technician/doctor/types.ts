import type { CheckResult } from '../../drivers/check-types.js';

/** ok: fine; warn: works but needs attention; fail: the kiosk cannot do its job; skip: not applicable here. */
export type DoctorStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of `kiosk doctor`. `hint` (what to do) is present for every warn and fail. */
export interface DoctorResult {
  /** Stable id, e.g. `config`, `data-dir`, `database`, `printer`, `broker`. */
  id: string;
  /** Short human title. */
  title: string;
  status: DoctorStatus;
  message: string;
  hint?: string;
  code?: string;
  detail?: Record<string, string | number | boolean | null>;
  /** How long the check took. */
  ms: number;
}

export interface DoctorReport {
  /** 0 all ok/skip, 1 warnings, 2 failures (also the process exit code). */
  exitCode: 0 | 1 | 2;
  summary: Record<DoctorStatus, number>;
  deviceId: string | null;
  startedAt: string;
  durationMs: number;
  checks: DoctorResult[];
}

/** A check before timing: everything but `ms`. */
export type DoctorCheckOutcome = Omit<DoctorResult, 'ms'>;

/** A named check; `run` may throw (reported as fail) and is cut off after the runner's timeout. */
export interface DoctorCheck {
  id: string;
  title: string;
  run(signal: AbortSignal): Promise<DoctorCheckOutcome | DoctorCheckOutcome[]>;
}

/** Maps a driver self-check (drivers/check-types.ts) to a doctor line. */
export function fromDeviceCheck(result: CheckResult, title: string): DoctorCheckOutcome {
  const status: DoctorStatus =
    result.severity === 'error' ? 'fail' : result.severity === 'warning' ? 'warn' : 'ok';
  return {
    id: result.id,
    title,
    status,
    message: result.message,
    ...(result.hint ? { hint: result.hint } : {}),
    ...(result.code ? { code: result.code } : {}),
    detail: { driver: result.driver, ...(result.detail ?? {}) },
  };
}
