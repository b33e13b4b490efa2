import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrateKioskSchema } from '../../app/kiosk-schema.js';
import { DEFAULT_CONFIG_FILE, loadConfig, setPath } from '../../runtime/config/load.js';
import { ConfigError } from '../../runtime/errors.js';
import { serviceDay } from '../../runtime/time.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { askCentreForLastTickets } from '../../technician/recovery/ask-centre.js';
import { assertDatabaseFree, DatabaseInUseError } from '../../technician/recovery/db-holders.js';
import { recoverDatabase, type KnownNumber } from '../../technician/recovery/db-recover.js';

interface RecoverOptions {
  config?: string;
  dataDir?: string;
  atLeast: string[];
  offline?: boolean;
  centreTimeout: string;
  json?: boolean;
}

/**
 * The fleet registry's last numbers for this kiosk, as floors; or, when it cannot be asked, the
 * sentence saying why (and whether the recovery may go on without it).
 */
async function askCentre(
  config: KioskConfig,
  opts: RecoverOptions,
): Promise<{ known: KnownNumber[]; note: string; stop?: string }> {
  if (opts.offline) return { known: [], note: 'the centre was not asked (--offline)' };
  if (!config.fleet.enabled)
    return { known: [], note: 'the centre was not asked: the fleet is off in the config (fleet.enabled)' };
  const seconds = Number(opts.centreTimeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600)
    throw new TypeError(
      `--centre-timeout: seconds between 1 and 600, got ${JSON.stringify(opts.centreTimeout)}`,
    );
  const answer = await askCentreForLastTickets({
    fleet: config.fleet,
    deviceId: config.device.id,
    serviceDay: serviceDay(Date.now(), config.device.timeZone),
    timeoutMs: seconds * 1000,
  });
  const refused = answer.refused.length
    ? `; ${answer.refused.length} reply(ies) refused: ${[...new Set(answer.refused)].join('; ')}`
    : '';
  if (!answer.ok) {
    const note = `the centre could not be asked: ${answer.reason}${refused}`;
    if (opts.atLeast.length > 0) return { known: [], note: `${note}; going by the files and --at-least` };
    return {
      known: [],
      note,
      stop:
        `${note}.\nNothing was changed. Without the centre, today's numbers may be issued again: give the ` +
        `last number the centre saw (its display, kiosk fleet watch) with --at-least A-030, or, when ` +
        `the kiosk's files are known to hold every ticket, --offline`,
    };
  }
  const known = answer.tickets.map((t): KnownNumber => ({
    groupId: t.group,
    serviceDay: t.serviceDay,
    seq: t.seq,
    issuedAt: t.issuedAt === null ? null : Date.parse(t.issuedAt) || null,
    source: 'centre',
  }));
  const said = answer.tickets.map((t) => `${t.number} on ${t.serviceDay}`).join(', ') || 'no tickets';
  return { known, note: `the centre (fleet registry, key ${answer.keyId}) holds ${said}${refused}` };
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
    .option(
      '--offline',
      "do not ask the centre (the fleet registry) for the last numbers it received: only when the kiosk's files hold every ticket",
    )
    .option(
      '--centre-timeout <seconds>',
      'how long to wait for the fleet registry to answer (when the fleet is on)',
      '20',
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
      let centre: Awaited<ReturnType<typeof askCentre>>;
      try {
        // Nothing is asked or touched while the kiosk runs.
        assertDatabaseFree(join(dataDir, 'kiosk.db'));
        centre = await askCentre(config, opts);
      } catch (err) {
        process.stderr.write(`kiosk db recover: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      }
      if (centre.stop) {
        process.stderr.write(`kiosk db recover: ${centre.stop}\n`);
        process.exit(1);
      }
      try {
        report = recoverDatabase({
          dataDir,
          schema: migrateKioskSchema,
          groups: config.queue.groups,
          serviceDayOf: (at) => serviceDay(at, config.device.timeZone),
          atLeast: opts.atLeast,
          known: centre.known,
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
        process.stdout.write(`${JSON.stringify({ ...report, centre: centre.note }, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      out.push(`${report.resumed ? 'finished an interrupted recovery' : 'recovered'} ${dataDir}/kiosk.db`);
      out.push(centre.note);
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
