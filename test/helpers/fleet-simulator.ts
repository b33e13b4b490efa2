import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { KIOSK_BIN } from './sim-process.js';

export interface SimulatorProcess {
  proc: ChildProcess;
  /** JSON progress lines printed so far. */
  events: Record<string, unknown>[];
  stderr: string[];
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Spawns `kiosk fleet simulate --json ...` and resolves once every kiosk is online. */
export async function startSimulator(args: string[], startMs = 30_000): Promise<SimulatorProcess> {
  const proc = spawn(process.execPath, [KIOSK_BIN, 'fleet', 'simulate', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  proc.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`simulator: not all online within ${startMs} ms:\n${stderr.join('')}`));
    }, startMs);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}:\n${stderr.join('')}`));
    });
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      if (event.event === 'all-online') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    proc,
    events,
    stderr,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}
