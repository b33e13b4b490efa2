import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ScreenLatency } from './input-latency.js';
import { unitEnvironment } from './unit-env.js';

/** The per-screen input → frame script (bench/lean/input-latency.ts) of this checkout's build. */
export const INPUT_SCRIPT = resolve('dist/bench/lean/input-latency.js');

/**
 * Runs the input → frame script over the build whose dist folder is `root`, in a process of its
 * own with `kiosk run`'s V8 flag and the systemd unit's environment (its heap and malloc are the
 * kiosk's, not the bench's); DOWN `presses` times on every screen. Its screens.
 */
export function measureInput(
  root: string,
  width: number,
  height: number,
  presses: number,
): Promise<ScreenLatency[]> {
  return new Promise((ok, fail) => {
    const args = ['--optimize-for-size', INPUT_SCRIPT, root, String(width), String(height), String(presses)];
    const proc = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...unitEnvironment() },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    proc.stdout.on('data', (d: Buffer) => stdout.push(d));
    proc.stderr.on('data', (d: Buffer) => stderr.push(d));
    proc.once('error', fail);
    proc.once('exit', (code) => {
      if (code !== 0)
        return fail(
          new Error(`input-latency ${width}x${height} exited ${code}: ${Buffer.concat(stderr).toString()}`),
        );
      ok((JSON.parse(Buffer.concat(stdout).toString()) as { screens: ScreenLatency[] }).screens);
    });
  });
}
