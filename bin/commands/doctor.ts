import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { deviceFactories } from '../../app/hardware.js';
import { systemClock } from '../../runtime/clock.js';
import { configNotices, DEFAULT_CONFIG_FILE, loadConfig, setPath } from '../../runtime/config/load.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { formatResult, formatSummary, runDoctor } from '../../technician/doctor/run-doctor.js';
import { baseChecks, selectChecks, standardChecks } from '../../technician/doctor/standard-checks.js';
import type { DoctorCheck } from '../../technician/doctor/types.js';
import { ConfigError } from '../../runtime/errors.js';
import { configureLogging } from '../../runtime/logger.js';

interface DoctorOptions {
  json?: boolean;
  config?: string;
  dataDir?: string;
  only?: string;
  skip?: string;
  timeout: string;
  interactive?: boolean;
}

const list = (value: string | undefined): string[] | undefined =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'self-test: config, storage, database, devices, voice, clock, fleet broker; exit 0 ok, 1 warnings, 2 failures',
    )
    .option(
      '--config <file>',
      `config file (default ${DEFAULT_CONFIG_FILE} when present, else built-in defaults)`,
    )
    .option('--data-dir <dir>', 'data directory (overrides the config)')
    .option('--json', 'print one JSON report (see docs/technician.md) instead of lines')
    .option('--only <ids>', 'run only these checks, e.g. printer,broker')
    .option('--skip <ids>', 'skip these checks, e.g. broker')
    .option('--timeout <ms>', 'longest a single check may take', '8000')
    .option(
      '--interactive',
      'then test with the technician: screen pattern, press each button, touch corners, test receipt, scan, speaker (stop the service first)',
    )
    .action(async (opts: DoctorOptions) => {
      // Driver logs would mix with the report; problems are in the report itself.
      configureLogging({ level: 'silent' });
      const file = opts.config ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
      let config: KioskConfig | undefined;
      const configCheck: DoctorCheck = {
        id: 'config',
        title: 'Configuration',
        async run() {
          const base = { id: 'config', title: 'Configuration' };
          try {
            config = await loadConfig(file, (raw) => {
              if (opts.dataDir) setPath(raw, 'storage.dataDir', opts.dataDir);
            });
            const notices = configNotices(config);
            if (notices.length > 0)
              return {
                ...base,
                status: 'warn',
                message: `${file} valid, with settings that moved: ${notices.join('; ')}`,
                hint: 'move each setting to its new name in the config file',
                code: 'moved-settings',
              };
            return {
              ...base,
              status: 'ok',
              message: file
                ? `${file} valid (device ${config.device.id})`
                : 'no config file: built-in simulator defaults',
            };
          } catch (err) {
            if (!(err instanceof ConfigError)) throw err;
            return {
              ...base,
              status: 'fail',
              code: 'invalid',
              message: `${file}: ${err.problems.join('; ')}`,
              hint: `fix the listed settings (kiosk config check ${file}) or write a new config: sudo kiosk provision`,
            };
          }
        },
      };
      const only = list(opts.only);
      const skip = list(opts.skip);
      const print = (line: string): void => void process.stdout.write(`${line}\n`);
      const onResult = opts.json
        ? undefined
        : (r: Parameters<typeof formatResult>[0]) => print(formatResult(r));
      const timeoutMs = Number(opts.timeout);
      const first = await runDoctor([configCheck], {
        deviceId: null,
        timeoutMs,
        ...(onResult ? { onResult } : {}),
      });
      const rest = config ? standardChecks(config, deviceFactories(config, systemClock)) : baseChecks();
      const second = await runDoctor(selectChecks(rest, only, skip), {
        deviceId: config?.device.id ?? null,
        timeoutMs,
        ...(onResult ? { onResult } : {}),
      });
      const checks = [...first.checks, ...second.checks];
      if (opts.interactive && config) {
        // Loaded only for the technician's session: a plain doctor run stays short.
        const [{ interactiveDevices }, { interactiveChecks }, { Prompter }] = await Promise.all([
          import('../doctor-devices.js'),
          import('../../technician/doctor/interactive-checks.js'),
          import('../prompt.js'),
        ]);
        const out = opts.json ? process.stderr : process.stdout;
        const prompter = new Prompter(process.stdin, out);
        const technician = {
          tell: (text: string) => void out.write(`\n  » ${text}\n`),
          confirm: async (question: string) =>
            /^(y|yes|c|có|co)$/i.test(await prompter.ask(`\n  ? ${question} (yes/no)`)),
        };
        out.write('\nInteractive checks: follow the instructions at the kiosk.\n');
        const sofar = { ...second, checks };
        // Each step waits 20 s for the technician; the button check has one step per button.
        const third = await runDoctor(
          selectChecks(interactiveChecks(interactiveDevices(config, sofar), technician, 20_000), only, skip),
          {
            deviceId: config.device.id,
            timeoutMs: 20_000 * (config.input.panel.length + 4),
            ...(onResult ? { onResult } : {}),
          },
        ).finally(() => prompter.close());
        checks.push(...third.checks);
      }
      const summary = { ok: 0, warn: 0, fail: 0, skip: 0 };
      for (const c of checks) summary[c.status]++;
      const report = {
        ...second,
        checks,
        summary,
        startedAt: first.startedAt,
        durationMs: first.durationMs + second.durationMs,
        exitCode: (summary.fail > 0 ? 2 : summary.warn > 0 ? 1 : 0) as 0 | 1 | 2,
      };
      if (opts.json) print(JSON.stringify(report, null, 2));
      else print(`\n${formatSummary(report)}`);
      process.exitCode = report.exitCode;
    });
}
