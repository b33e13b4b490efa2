import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { DEFAULT_CONFIG_FILE, validateConfig } from '../../runtime/config/load.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { ConfigError, errorMessage } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/logger.js';
import { parseAnswers, type ProvisionAnswers } from '../../technician/provision/answers.js';
import { buildConfig } from '../../technician/provision/build-config.js';
import { provision, summarize, type ProvisionResult } from '../../technician/provision/provision.js';
import { readRawConfig } from '../../technician/provision/write-config.js';
import { applyZeroTouch, DEFAULT_PROVISION_FILE } from '../../technician/provision/zero-touch.js';
import { Prompter } from '../prompt.js';
import { optionName, QUESTIONS, toAnswer, type Question } from '../provision-questions.js';

type Opts = Record<string, string | string[] | boolean | undefined>;

function answersFromFlags(opts: Opts): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of QUESTIONS) {
    const value = opts[optionName(q)];
    if (typeof value === 'string' || Array.isArray(value)) answers[q.key] = toAnswer(q, value);
  }
  const sets = opts.set;
  if (Array.isArray(sets)) {
    const set: Record<string, unknown> = {};
    for (const pair of sets) {
      const eq = pair.indexOf('=');
      if (eq < 1) throw new TypeError(`--set: "${pair}" must look like path=value`);
      const text = pair.slice(eq + 1);
      let value: unknown = text;
      try {
        value = JSON.parse(text);
      } catch {
        /* plain text */
      }
      set[pair.slice(0, eq)] = value;
    }
    answers.set = set;
  }
  return answers;
}

/** The effective config if these answers were applied now, or the problems. */
function preview(
  answers: Record<string, unknown>,
  base: Record<string, unknown>,
  file: string,
): { config?: KioskConfig; problems: string[] } {
  try {
    const parsed = parseAnswers({ deviceId: 'kiosk-provisioning', ...answers }, 'answers');
    const { raw } = buildConfig(parsed, base, '/');
    return { config: validateConfig(raw, file), problems: [] };
  } catch (err) {
    if (err instanceof ConfigError) return { problems: err.problems };
    if (err instanceof TypeError) return { problems: [err.message] };
    throw err;
  }
}

function belongsTo(q: Question, problem: string): boolean {
  return (
    problem.startsWith(`${q.key}:`) ||
    problem.startsWith(`${q.key}[`) ||
    q.paths.some(
      (p) => problem.startsWith(`${p}:`) || problem.startsWith(`${p}.`) || problem.startsWith(`${p}[`),
    )
  );
}

async function interview(
  flags: Record<string, unknown>,
  base: Record<string, unknown>,
  file: string,
): Promise<Record<string, unknown>> {
  const prompter = new Prompter(process.stdin, process.stdout);
  const answers: Record<string, unknown> = { ...flags };
  process.stdout.write(`Provisioning ${file}. Press Enter to keep the value in [brackets].\n\n`);
  try {
    for (const q of QUESTIONS) {
      const current = preview(answers, base, file).config;
      if (current && q.when && !q.when(current)) continue;
      for (;;) {
        const baseId = (base.device as { id?: unknown } | undefined)?.id;
        const shown =
          flags[q.key] !== undefined
            ? String(flags[q.key])
            : q.key === 'deviceId'
              ? typeof baseId === 'string'
                ? baseId
                : ''
              : current
                ? q.current(current)
                : '';
        const text = await prompter.ask(q.prompt, q.secret ? '' : shown);
        if (text === '' && q.key === 'deviceId') {
          process.stdout.write('  ✗ deviceId: is required\n');
          continue;
        }
        if (text === '' && (q.secret || shown === '')) break;
        const candidate = { ...answers, [q.key]: toAnswer(q, text) };
        const problems = preview(candidate, base, file).problems.filter((p) => belongsTo(q, p));
        if (problems.length === 0) {
          Object.assign(answers, candidate);
          break;
        }
        for (const p of problems) process.stdout.write(`  ✗ ${p}\n`);
      }
    }
    const confirm = await prompter.ask(`Write ${file}? (yes/no)`, 'yes');
    if (!/^(y|yes|có|co)$/i.test(confirm)) throw new Error('cancelled; nothing was written');
  } finally {
    prompter.close();
  }
  return answers;
}

function printResult(result: ProvisionResult): void {
  const out = process.stdout;
  out.write(`\nWrote ${result.file}${result.previous ? ` (previous kept as ${result.previous})` : ''}\n`);
  for (const f of result.written) out.write(`Wrote ${f}\n`);
  out.write(
    `\n${summarize(result.config)
      .map((l) => `  ${l}`)
      .join('\n')}\n\n`,
  );
  out.write(
    [
      'Next steps:',
      `  1. kiosk doctor --config ${result.file}          (every check should say ok)`,
      '  2. sudo systemctl restart smart-kiosk        (start with the new config)',
      '  3. journalctl -u smart-kiosk -f              (watch it start; Ctrl+C to stop watching)',
      result.config.fleet.enabled
        ? `  4. check the fleet dashboard for ${result.config.device.id}`
        : '  4. the fleet link is off; provision again with --broker to join the fleet',
      '',
    ].join('\n'),
  );
}

export function registerProvisionCommand(program: Command): void {
  const cmd = program
    .command('provision')
    .description("write this kiosk's config: prompts for each setting, or takes them all as flags (--yes)")
    .option('--config <file>', 'config file to write', DEFAULT_CONFIG_FILE)
    .option('-y, --yes', 'non-interactive: use the flags and current values, ask nothing')
    .option('--from-file <file>', 'apply a kiosk-provision.json (same fields as the flags) and keep the file')
    .option(
      '--zero-touch [file]',
      `apply and remove a kiosk-provision.json from the boot partition (default ${DEFAULT_PROVISION_FILE})`,
    )
    .option('--set <path=value...>', 'any other setting, e.g. --set input.buttons.debounceMs=50');
  for (const q of QUESTIONS) cmd.addOption(new Option(q.flag, q.prompt));
  cmd.action(async (opts: Opts) => {
    const file = String(opts.config);
    try {
      if (opts.zeroTouch !== undefined) {
        const source = typeof opts.zeroTouch === 'string' ? opts.zeroTouch : DEFAULT_PROVISION_FILE;
        const outcome = await applyZeroTouch(source, file, createLogger('provision'));
        if (outcome.status === 'absent') process.stdout.write(`${source}: not present, nothing to do\n`);
        else if (outcome.status === 'applied')
          process.stdout.write(
            `${source}: applied to ${file} as ${outcome.deviceId}; receipt ${outcome.marker}\n`,
          );
        else {
          process.stderr.write(
            `${source}: NOT applied:\n${outcome.problems.map((p) => `  ${p}\n`).join('')}`,
          );
          process.exitCode = 1;
        }
        return;
      }
      const flags = answersFromFlags(opts);
      let answers: ProvisionAnswers;
      if (typeof opts.fromFile === 'string') {
        const text = await readFile(opts.fromFile, 'utf8');
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (err) {
          throw new ConfigError(opts.fromFile, [`(file): not valid JSON: ${errorMessage(err)}`]);
        }
        answers = parseAnswers({ ...(raw as object), ...flags }, opts.fromFile);
      } else if (opts.yes) {
        if (flags.deviceId === undefined) {
          const current = await readRawConfig(file);
          const id = (current.device as { id?: unknown } | undefined)?.id;
          if (typeof id !== 'string')
            throw new ConfigError(file, [
              'deviceId: is required (--device-id) when the config has no device.id',
            ]);
          flags.deviceId = id;
        }
        answers = parseAnswers(flags, 'flags');
      } else {
        answers = parseAnswers(await interview(flags, await readRawConfig(file), file), 'answers');
      }
      printResult(await provision(answers, file));
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`not written: ${err.problems.length} problem(s)\n`);
        for (const p of err.problems) process.stderr.write(`  ${p}\n`);
      } else if (err instanceof TypeError || err instanceof Error) {
        const denied = ['EACCES', 'EPERM', 'EROFS'].includes((err as NodeJS.ErrnoException).code ?? '');
        process.stderr.write(`not written: ${err.message}${denied ? ' (run it with sudo)' : ''}\n`);
      }
      process.exitCode = 1;
    }
  });
}
