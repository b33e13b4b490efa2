/**
 * Self-checks for the devices a kiosk is configured with. Each driver kind exports a check
 * function from `drivers/<kind>/check.ts` (e.g. `checkPrinter(config)`); `kiosk doctor`
 * (technicians) runs them and prints the results. Check functions never throw: every failure,
 * including a bad config or an unexpected exception, becomes a `fail` result. Results have the
 * kiosk's one check shape (`runtime/check-result.ts`), the configured driver in `detail.driver`.
 */
import type { CheckResult } from '../runtime/check-result.js';

export type { CheckResult } from '../runtime/check-result.js';

/** The hardware kinds a kiosk can have. */
export type DeviceKind =
  'printer' | 'document-printer' | 'scanner' | 'buttons' | 'audio' | 'display' | 'touch';

/** Each kind's title in check results. */
export const DEVICE_TITLES: Record<DeviceKind, string> = {
  display: 'Display',
  buttons: 'Buttons',
  touch: 'Touch panel',
  printer: 'Printer',
  'document-printer': 'A4 printer (forms)',
  scanner: 'Scanner',
  audio: 'Speaker (audio)',
};

/** What a device check says about itself: its id (the kind), the kind and the configured driver. */
export interface DeviceCheckBase {
  id: string;
  device: DeviceKind;
  /** The configured driver, e.g. `serial`, `tcp`, `gpio`, `mock`, `none`. */
  driver: string;
}

export interface CheckOptions {
  /** Longest time a single check may take before it reports a timeout; default 3000 ms. */
  timeoutMs?: number;
  /** Aborts a running check (it then resolves with a `canceled` result). */
  signal?: AbortSignal;
}

/** The signature every `drivers/<kind>/check.ts` export follows. */
export type DeviceCheck<Config> = (config: Config, options?: CheckOptions) => Promise<CheckResult>;

type Detail = NonNullable<CheckResult['detail']>;

/** Builds a passing result. */
export function passed(base: DeviceCheckBase, message: string, detail?: Detail): CheckResult {
  return {
    id: base.id,
    title: DEVICE_TITLES[base.device],
    status: 'ok',
    message,
    detail: { driver: base.driver, ...detail },
  };
}

/** Builds a failing (`fail`) or attention (`warn`, still working) result. */
export function failed(
  base: DeviceCheckBase,
  status: 'warn' | 'fail',
  code: string,
  message: string,
  hint: string,
  detail?: Detail,
): CheckResult {
  return {
    id: base.id,
    title: DEVICE_TITLES[base.device],
    status,
    message,
    hint,
    code,
    detail: { driver: base.driver, ...detail },
  };
}
