import {
  checkReport,
  type CheckReport,
  type CheckResult,
  type CheckStatus,
} from '../../runtime/check-result.js';
import type { DoctorCheck } from './types.js';

export interface RunDoctorOptions {
  deviceId: string | null;
  /** Longest a single check may take; default 8000 ms. */
  timeoutMs?: number;
  /** Called as each check finishes (for live output). */
  onResult?(result: CheckResult): void;
}

function timeout(ms: number, signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
}

/** Runs checks one after another (devices must not be opened twice at once) and builds the report. */
export async function runDoctor(
  checks: readonly DoctorCheck[],
  options: RunDoctorOptions,
): Promise<CheckReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const limit = options.timeoutMs ?? 8000;
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = performance.now();
    const controller = new AbortController();
    let outcomes: CheckResult[];
    try {
      const out = await Promise.race([check.run(controller.signal), timeout(limit, controller.signal)]);
      outcomes = Array.isArray(out) ? out : [out];
    } catch (err) {
      outcomes = [
        {
          id: check.id,
          title: check.title,
          status: 'fail',
          message: `check failed: ${err instanceof Error ? err.message : String(err)}`,
          hint: 'run the check again; if it keeps failing, read the logs: journalctl -u smart-kiosk -n 100',
          code: 'check-error',
        },
      ];
    } finally {
      controller.abort();
    }
    const ms = Math.round((performance.now() - started) * 10) / 10;
    for (const outcome of outcomes) {
      const result = { ...outcome, ms };
      results.push(result);
      options.onResult?.(result);
    }
  }
  return checkReport(results, {
    deviceId: options.deviceId,
    startedAt,
    durationMs: performance.now() - t0,
  });
}
const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

/** One line per result, then an indented `→ hint` for warnings and failures. */
export function formatResult(result: CheckResult): string {
  const line = `[${MARK[result.status]}] ${result.title.padEnd(22)} ${result.message}`;
  return result.hint && (result.status === 'warn' || result.status === 'fail')
    ? `${line}\n         → ${result.hint}`
    : line;
}

export function formatSummary(report: CheckReport): string {
  const { ok, warn, fail, skip } = report.summary;
  const verdict =
    report.exitCode === 0 ? 'all good' : report.exitCode === 1 ? 'works, but see the warnings' : 'NOT ready';
  return `${ok} ok, ${warn} warning(s), ${fail} failure(s), ${skip} skipped — ${verdict} (${report.durationMs} ms)`;
}
