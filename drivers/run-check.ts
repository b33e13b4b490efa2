import { DriverError, errorMessage } from '../runtime/errors.js';
import { failed, type CheckOptions, type CheckResult, type DeviceCheckBase } from './check-types.js';

type Base = DeviceCheckBase;

/** Turns any error into a failing CheckResult, keeping DriverError code and hint. */
export function resultFromError(base: Base, err: unknown): CheckResult {
  if (err instanceof DriverError)
    return failed(base, 'fail', err.code, err.message, err.hint ?? 'see docs/hardware.md, Troubleshooting');
  if (err instanceof TypeError)
    return failed(base, 'fail', 'bad-config', err.message, 'fix the named field in the kiosk config');
  return failed(base, 'fail', 'error', errorMessage(err), 'see docs/hardware.md, Troubleshooting');
}

/**
 * Runs one check with a time limit and abort support; never throws. `cleanup` always runs (close
 * what the check opened), even after a timeout.
 */
export async function runCheck(
  base: Base,
  options: CheckOptions | undefined,
  check: () => Promise<CheckResult>,
  cleanup: () => Promise<void> = async () => undefined,
): Promise<CheckResult> {
  const timeoutMs = options?.timeoutMs ?? 3000;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const limits = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          failed(
            base,
            'fail',
            'timeout',
            `${base.device} check did not finish within ${timeoutMs} ms`,
            `the ${base.device} is not answering: check its cable and power`,
          ),
        ),
      timeoutMs,
    );
    onAbort = () =>
      resolve(failed(base, 'fail', 'canceled', `${base.device} check canceled`, 'run the check again'));
    if (options?.signal?.aborted) onAbort();
    options?.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([check().catch((err: unknown) => resultFromError(base, err)), limits]);
  } finally {
    clearTimeout(timer);
    if (onAbort) options?.signal?.removeEventListener('abort', onAbort);
    await cleanup().catch(() => undefined);
  }
}
