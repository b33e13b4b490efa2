import type { Command } from 'commander';
import { CatalogError } from '../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../domain/catalog/catalog-service.js';
import { procedureFee } from '../../domain/payment/procedure-fee.js';
import { accountProblem, vietQrPayload } from '../../domain/payment/vietqr.js';
import { configureLogging } from '../../runtime/logger.js';
import { loadConfigOrExit } from '../boot.js';

/** `kiosk fee qr`: the VietQR payment payload for a procedure's fee, from the configured account. */
export function registerFeeCommands(program: Command): void {
  const fee = program.command('fee').description('procedure fees: the VietQR payment code');
  fee
    .command('qr')
    .description(
      "print the VietQR (NAPAS EMVCo) payload for a procedure's fee into payment.* (exit 1: free, or no account)",
    )
    .requiredOption('--procedure <code>', 'procedure code, e.g. 1.001612')
    .option('--ticket <number>', 'queue ticket number for the transfer content, e.g. A-012')
    .option('--config <file>', 'kiosk config (payment, catalog.file)')
    .action(async (opts: { procedure: string; ticket?: string; config?: string }) => {
      const config = await loadConfigOrExit(opts.config, {});
      // stdout carries only the payload.
      configureLogging({ level: 'warn', destination: process.stderr });
      const fail = (message: string) => {
        process.stderr.write(`kiosk fee qr: ${message}\n`);
        process.exitCode = 1;
      };
      let catalog;
      try {
        catalog = await loadCatalog(config.catalog.file || DEFAULT_CATALOG_PATH);
      } catch (err) {
        if (!(err instanceof CatalogError)) throw err;
        return fail(err.message);
      }
      const p = catalog.get(opts.procedure);
      if (!p) return fail(`--procedure: no procedure ${opts.procedure} in the catalog`);
      const amount = procedureFee(p);
      if (amount === undefined) return fail(`${p.code} ${p.name}: the catalog gives no fee amount`);
      if (amount === 0) return fail(`${p.code} ${p.name}: free of charge (miễn phí), no payment QR`);
      const problem = accountProblem(config.payment);
      if (problem) return fail(`${problem} (the centre's account for fees): no payment QR`);
      const content = [p.code, opts.ticket].filter(Boolean).join(' ');
      process.stdout.write(`${vietQrPayload(config.payment, amount, content)}\n`);
    });
}
