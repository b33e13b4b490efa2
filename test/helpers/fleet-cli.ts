import { Command, CommanderError } from 'commander';
import { registerFleetCommand } from '../../bin/commands/fleet.js';
import type { CliResult } from './sim-process.js';

/**
 * Runs `kiosk fleet ARGS` in this process: the same command module the CLI registers (options,
 * checks, output, exit code), without starting a Node process per call (~8 s each on the loaded
 * test machine). Standard output and error are captured while it runs, so calls must not overlap;
 * the exit code is what the command set in `process.exitCode` (restored afterwards).
 */
export async function runFleetInProcess(args: string[]): Promise<CliResult> {
  const program = new Command().name('kiosk').exitOverride();
  await registerFleetCommand(program);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture =
    (into: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  process.stdout.write = capture(stdout) as typeof process.stdout.write;
  process.stderr.write = capture(stderr) as typeof process.stderr.write;
  let code: number;
  try {
    await program.parseAsync(['fleet', ...args], { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    code = err.exitCode;
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = exitCode;
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
