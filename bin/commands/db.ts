import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateKioskSchema } from '../../app/kiosk-schema.js';
import { DEFAULT_CONFIG_FILE, loadConfig, setPath } from '../../runtime/config/load.js';
import { ConfigError } from '../../runtime/errors.js';
import { serviceDay } from '../../runtime/time.js';
import { DatabaseInUseError } from '../../technician/recovery/db-holders.js';
import { recoverDatabase } from '../../technician/recovery/db-recover.js';

interface RecoverOptions {
  config?: string;
  dataDir?: string;
  atLeast: string[];
  json?: boolean;
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the kiosk database (kiosk.db in the data directory)');
  db.command('recover')
    .description(
      'recover a damaged kiosk.db (stop the kiosk first): keeps the damaged files in recovery/<time>/, salvages what SQLite can read, never lets a ticket number be issued twice',
    )
    .option(
      '--config <file>',
      `config file (default ${DEFAULT_CONFIG_FILE} when present, else built-in defaults)`,
    )
    .option('--data-dir <dir>', 'data directory (overrides the config)')
    .option(
      '--at-least <number>',
      'a ticket number known to have been issued (the centre display, kiosk fleet watch): A-030 for today, A-030@2026-12-02; repeatable',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option('--json', 'print the report as JSON')
    .action(async (opts: RecoverOptions) => {
      const file = opts.config ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
      let config;
      try {
        config = await loadConfig(file, (raw) => {
          if (opts.dataDir) setPath(raw, 'storage.dataDir', opts.dataDir);
        });
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`kiosk db recover: ${err.message}\n`);
        process.exit(1);
      }
      const dataDir = resolve(config.storage.dataDir);
      let report;
      try {
        report = recoverDatabase({
          dataDir,
          schema: migrateKioskSchema,
          groups: config.queue.groups,
          serviceDayOf: (at) => serviceDay(at, config.device.timeZone),
          atLeast: opts.atLeast,
        });
      } catch (err) {
        if (err instanceof DatabaseInUseError) {
          process.stderr.write(`kiosk db recover: ${err.message}\n`);
          process.exit(1);
        }
        process.stderr.write(
          `kiosk db recover: ${err instanceof Error ? err.message : String(err)}\n` +
            `the damaged files are untouched; run it again, or send ${dataDir}/recovery/ to support\n`,
        );
        process.exit(1);
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      out.push(`${report.resumed ? 'finished an interrupted recovery' : 'recovered'} ${dataDir}/kiosk.db`);
      out.push(
        `damaged files kept in ${report.backupDir}/original/ (salvage: ${report.backupDir}/salvage.db)`,
      );
      out.push(`salvaged ${report.method}`);
      if (report.salvageError) out.push(`SQLite could not read all of it: ${report.salvageError}`);
      const rows = Object.entries(report.rows).filter(([, n]) => n > 0);
      out.push(`rows salvaged: ${rows.length ? rows.map(([t, n]) => `${t} ${n}`).join(', ') : 'none'}`);
      for (const f of report.floors)
        out.push(`numbering of ${f.groupId} on ${f.serviceDay} continues after ${f.seq} (from ${f.source})`);
      out.push('start the kiosk: sudo systemctl start smart-kiosk');
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
