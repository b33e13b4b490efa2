import type { KioskConfig } from '../../runtime/config/schema.js';
import { failed, passed, type CheckOptions, type CheckResult } from '../check-types.js';
import { runCheck } from '../run-check.js';
import type { DocumentPrinter } from './types.js';

/**
 * Asks the A4 printer for its attributes (IPP Get-Printer-Attributes): unreachable, not
 * accepting jobs, stopped or unable to print PDF are errors; a state reason is a warning.
 */
export function checkDocumentPrinter(
  config: KioskConfig['documentPrinter'],
  make: () => DocumentPrinter,
  options?: CheckOptions,
): Promise<CheckResult> {
  const base = { id: 'document-printer', device: 'document-printer', driver: config.driver } as const;
  if (config.driver === 'none')
    return Promise.resolve(passed(base, 'no A4 printer configured: forms are handed over by QR only'));
  return runCheck(base, { timeoutMs: config.timeoutMs + 1000, ...options }, async () => {
    const printer = make();
    const s = await printer.status(options?.signal);
    const detail = {
      target: printer.target,
      state: s.state,
      reasons: s.reasons.join(','),
      accepting: s.accepting,
      pdf: s.pdf,
      model: s.model,
    };
    if (!s.pdf)
      return failed(
        base,
        'fail',
        'format',
        `A4 printer ${printer.target} does not take PDF`,
        'use an IPP Everywhere printer or a CUPS queue (it converts PDF)',
        detail,
      );
    if (!s.accepting || s.state === 'stopped')
      return failed(
        base,
        'fail',
        'not-accepting',
        `A4 printer ${printer.target} is ${s.accepting ? 'stopped' : 'not accepting jobs'} (${detail.reasons || 'no reason given'})`,
        'resume the printer (CUPS: cupsenable QUEUE; cupsaccept QUEUE) and clear its fault',
        detail,
      );
    const reasons = s.reasons.filter((r) => r !== 'none');
    if (reasons.length)
      return failed(
        base,
        'warn',
        'state-reasons',
        `A4 printer ${printer.target} reports ${reasons.join(', ')}`,
        'check paper and toner',
        detail,
      );
    return passed(
      base,
      `A4 printer ${printer.target} is ${s.state} and takes PDF${s.model ? ` (${s.model})` : ''}`,
      detail,
    );
  });
}
