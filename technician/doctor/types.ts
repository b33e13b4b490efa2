import type { CheckResult } from '../../runtime/check-result.js';

/**
 * A named check; `run` may throw (reported as fail) and is cut off after the runner's timeout.
 * Its results have the kiosk's one check shape (runtime/check-result.ts); the runner adds `ms`.
 */
export interface DoctorCheck {
  id: string;
  title: string;
  run(signal: AbortSignal): Promise<CheckResult | CheckResult[]>;
}
