/**
 * Self-check results for the devices a kiosk is configured with. Each driver kind exports a
 * check function from `drivers/<kind>/check.ts` (e.g. `checkPrinter(config)`); `kiosk doctor`
 * (technicians) runs them and prints the results. Check functions never throw: every failure,
 * including a bad config or an unexpected exception, becomes a result with `ok: false`.
 */

/** How bad a result is. `ok` and `info` pass; `warning` passes but needs attention soon. */
export type CheckSeverity = 'ok' | 'info' | 'warning' | 'error';

/** The hardware kinds a kiosk can have. */
export type DeviceKind =
  'printer' | 'document-printer' | 'scanner' | 'buttons' | 'audio' | 'display' | 'touch';

export interface CheckResult {
  /** Stable id for machines and dashboards, e.g. `printer`, `printer.paper`, `buttons.gpio-chip`. */
  id: string;
  device: DeviceKind;
  /** The configured driver, e.g. `serial`, `tcp`, `gpio`, `mock`, `none`. */
  driver: string;
  /** False when the device cannot do its job now (severity `error`). */
  ok: boolean;
  severity: CheckSeverity;
  /** One line saying what was found, in plain words, e.g. `printer is out of paper`. */
  message: string;
  /** What a technician should do about it; present whenever severity is `warning` or `error`. */
  hint?: string;
  /** The DriverError code or check-specific code, e.g. `paper-out`, `no-device`, `permission`. */
  code?: string;
  /** Extra facts (paths, status bits, chip base) for `--json` output. JSON-serialisable. */
  detail?: Record<string, string | number | boolean | null>;
}

export interface CheckOptions {
  /** Longest time a single check may take before it reports a timeout; default 3000 ms. */
  timeoutMs?: number;
  /** Aborts a running check (it then resolves with a `canceled` error result). */
  signal?: AbortSignal;
}

/** The signature every `drivers/<kind>/check.ts` export follows. */
export type DeviceCheck<Config> = (config: Config, options?: CheckOptions) => Promise<CheckResult>;

/** Builds a passing result. */
export function passed(
  base: Pick<CheckResult, 'id' | 'device' | 'driver'>,
  message: string,
  detail?: CheckResult['detail'],
  severity: 'ok' | 'info' = 'ok',
): CheckResult {
  return { ...base, ok: true, severity, message, ...(detail ? { detail } : {}) };
}

/** Builds a failing (`error`) or attention (`warning`, still ok) result. */
export function failed(
  base: Pick<CheckResult, 'id' | 'device' | 'driver'>,
  severity: 'warning' | 'error',
  code: string,
  message: string,
  hint: string,
  detail?: CheckResult['detail'],
): CheckResult {
  return {
    ...base,
    ok: severity === 'warning',
    severity,
    code,
    message,
    hint,
    ...(detail ? { detail } : {}),
  };
}
