import type { Command } from 'commander';
import { configNotices, loadConfig } from '../../runtime/config/load.js';
import { ConfigError } from '../../runtime/errors.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('configuration tools');
  config
    .command('check')
    .description('validate a config file (JSON or YAML); exit 0 when valid, 1 with every problem listed')
    .argument('<file>', 'config file')
    .option('--print', 'print the effective configuration (with defaults) when valid')
    .action(async (file: string, opts: { print?: boolean }) => {
      try {
        const cfg = await loadConfig(file);
        process.stdout.write(`${file}: OK\n`);
        for (const line of configNotices(cfg)) process.stdout.write(`  note: ${line}\n`);
        if (opts.print) process.stdout.write(`${JSON.stringify(cfg, null, 2)}\n`);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`${file}: ${err.problems.length} problem(s)\n`);
        for (const line of err.problems) process.stderr.write(`  ${line}\n`);
        process.exitCode = 1;
      }
    });
}
