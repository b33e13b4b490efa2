import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { createPrinter, paperWidthDots, simulatedHardware } from '../../app/hardware.js';
import { testPageJob } from '../../technician/print-test-page.js';
import type { PrinterStatus } from '../../drivers/printer/types.js';
import { systemClock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import { loadConfigOrExit } from '../boot.js';

interface PrintTestOptions {
  config?: string;
  printer?: Record<string, unknown>;
  mode: 'raster' | 'text' | 'both';
  out?: string;
}

/** `serial:/dev/ttyUSB0@115200`, `usb:/dev/usb/lp0`, `tcp:192.168.1.50:9100`, `mock`, `none`. */
export function parsePrinterSpec(spec: string): Record<string, unknown> {
  const [driver = '', rest = ''] = spec.split(/:(.*)/s);
  switch (driver) {
    case 'mock':
    case 'none':
      return { driver };
    case 'usb':
      if (!rest) break;
      return { driver, path: rest };
    case 'serial': {
      const m = /^(.+?)(?:@(\d+))?$/.exec(rest);
      if (!m?.[1]) break;
      return { driver, path: m[1], ...(m[2] ? { baudRate: Number(m[2]) } : {}) };
    }
    case 'tcp': {
      const m = /^([^:]+)(?::(\d+))?$/.exec(rest);
      if (!m?.[1]) break;
      return { driver, host: m[1], ...(m[2] ? { port: Number(m[2]) } : {}) };
    }
  }
  throw new InvalidArgumentError(
    `--printer: expected serial:/dev/ttyUSB0@115200, usb:/dev/usb/lp0, tcp:HOST[:9100] or mock, got "${spec}"`,
  );
}

function describeStatus(s: PrinterStatus): string {
  if (s.source === 'assumed') return 'unknown (this connection cannot read printer status)';
  const parts = [s.online ? 'online' : 'OFFLINE', `paper ${s.paper}`];
  if (s.coverOpen) parts.push('COVER OPEN');
  if (s.fault) parts.push('FAULT');
  return parts.join(', ');
}

export function registerPrintTestCommand(program: Command): void {
  program
    .command('print-test')
    .description('print a Vietnamese test receipt (raster, text, QR, barcode) and report printer status')
    .option('--config <file>', 'kiosk config file (printer section is used)')
    .option(
      '--printer <spec>',
      'override: serial:PATH[@BAUD], usb:PATH, tcp:HOST[:PORT] or mock',
      parsePrinterSpec,
    )
    .option('--mode <mode>', 'raster, text (code page from printer.codePage) or both', 'both')
    .option('--out <dir>', 'mock printer: directory for the receipt PNG (default: data dir)')
    .action(async (opts: PrintTestOptions) => {
      if (!['raster', 'text', 'both'].includes(opts.mode))
        throw new InvalidArgumentError(`--mode: must be raster, text or both, got "${opts.mode}"`);
      const overrides: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(opts.printer ?? {})) overrides[`printer.${key}`] = value;
      const config: KioskConfig = await loadConfigOrExit(opts.config, overrides);
      const pc = config.printer;
      const printer = createPrinter(pc, systemClock);
      const say = (line: string): void => void process.stdout.write(`${line}\n`);
      say(`printer: ${pc.driver} (${pc.paperWidth} mm, ${paperWidthDots(pc.paperWidth)} dots)`);
      try {
        await printer.open();
        say(`status before: ${describeStatus(await printer.status())}`);
        const job = testPageJob({
          widthDots: printer.widthDots,
          mode: opts.mode,
          codePage: pc.codePage,
          codePageNumber: pc.codePageNumber,
          footer: `${config.device.id} ${new Date().toISOString()}`,
        });
        const started = Date.now();
        await printer.print(job);
        say(`printed: ${job.length} bytes in ${Date.now() - started} ms`);
        say(`status after: ${describeStatus(await printer.status())}`);
        const receipt = simulatedHardware({ printer }).printer?.lastReceipt;
        if (receipt) {
          const dir = resolve(opts.out ?? config.storage.dataDir);
          mkdirSync(dir, { recursive: true });
          const file = join(dir, `print-test-${receipt.id}.png`);
          writeFileSync(file, receipt.png);
          say(`receipt: ${file}`);
        }
      } catch (err) {
        const hint = err instanceof DriverError && err.hint ? `\n  fix: ${err.hint}` : '';
        const code = err instanceof DriverError ? ` [${err.code}]` : '';
        process.stderr.write(`print-test failed${code}: ${errorMessage(err)}${hint}\n`);
        process.exitCode = 1;
      } finally {
        await printer.close().catch(() => undefined);
      }
    });
}
