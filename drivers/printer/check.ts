import type { KioskConfig } from '../../runtime/config/schema.js';
import { failed, passed, type CheckOptions, type CheckResult } from '../check-types.js';
import { runCheck } from '../run-check.js';
import { statusProblem } from './escpos-status.js';
import type { Printer } from './types.js';

function target(config: KioskConfig['printer']): string {
  if (config.driver === 'tcp') return `${config.host}:${config.port}`;
  if (config.driver === 'serial') return `${config.path} @ ${config.baudRate}`;
  return config.path;
}

/**
 * Opens the configured printer (`make` builds its driver, as app/hardware.ts does for the kiosk),
 * reads its status (DLE EOT) and closes it again. Paper near end is a warning; paper out, cover
 * open, fault, offline or no answer are errors.
 */
export function checkPrinter(
  config: KioskConfig['printer'],
  make: () => Printer,
  options?: CheckOptions,
): Promise<CheckResult> {
  const base = { id: 'printer', device: 'printer', driver: config.driver } as const;
  if (config.driver === 'none') return Promise.resolve(passed(base, 'no printer configured'));
  let printer: Printer | undefined;
  return runCheck(
    base,
    options,
    async () => {
      printer = make();
      await printer.open();
      const status = await printer.status();
      const detail = {
        target: config.driver === 'mock' ? 'simulator' : target(config),
        paper: status.paper,
        coverOpen: status.coverOpen,
        online: status.online,
        widthDots: printer.widthDots,
        statusSource: status.source ?? 'device',
      };
      const problem = statusProblem(status);
      if (problem) return failed(base, 'fail', problem.code, problem.message, problem.hint ?? '', detail);
      if (status.paper === 'near-end')
        return failed(
          base,
          'warn',
          'paper-near-end',
          'printer paper is nearly out',
          'load a new roll soon',
          detail,
        );
      if (status.source === 'assumed')
        return passed(
          base,
          `printer ${detail.target} is writable (this connection cannot report paper status)`,
          detail,
        );
      return passed(base, `printer ${detail.target} is online with paper`, detail);
    },
    async () => {
      await printer?.close();
    },
  );
}
