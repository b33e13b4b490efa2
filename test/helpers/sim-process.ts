import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const KIOSK_BIN = resolve('dist/bin/kiosk.js');

const runFile = promisify(execFile);

export interface SimProcess {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  logs: string[];
  /** SIGTERM and wait for exit; resolves with the exit code and how long it took. */
  stop(): Promise<{ code: number | null; ms: number }>;
  /** SIGKILL (power cut). */
  kill(): Promise<void>;
  api<T = unknown>(path: string, body?: unknown): Promise<T>;
}

export function tempDir(prefix = 'kiosk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Starts `kiosk sim --headless --port 0` and waits for its URL: from the build output, or with
 * `command` (node's arguments up to and including `sim`, e.g. `npm run dev`'s) another way.
 */
export async function startSim(
  options: {
    dataDir?: string;
    args?: string[];
    headless?: boolean;
    command?: string[];
    startMs?: number;
  } = {},
): Promise<SimProcess> {
  const dataDir = options.dataDir ?? tempDir();
  const command = options.command ?? [KIOSK_BIN, 'sim'];
  const args = [...command, '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])];
  if (options.headless !== false) args.push('--headless');
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  const logs: string[] = [];
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`simulator did not start:\n${logs.join('\n')}`)),
      options.startMs ?? 20_000,
    );
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}:\n${logs.join('\n')}`));
    });
    proc.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { ns?: string; url?: string };
        if (entry.ns === 'simulator' && entry.url) {
          clearTimeout(timer);
          resolveUrl(entry.url);
        }
      } catch {
        /* not JSON */
      }
    });
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return {
    url,
    dataDir,
    proc,
    logs,
    async stop() {
      const t0 = Date.now();
      proc.kill('SIGTERM');
      const code = await exited;
      return { code, ms: Date.now() - t0 };
    },
    async kill() {
      proc.kill('SIGKILL');
      await exited;
    },
    async api<T>(path: string, body?: unknown): Promise<T> {
      const res = await fetch(
        url + path,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      const type = res.headers.get('content-type') ?? '';
      if (!type.includes('json')) return Buffer.from(await res.arrayBuffer()) as T;
      const json = (await res.json()) as T;
      if (!res.ok)
        throw Object.assign(new Error(`${path}: ${res.status} ${JSON.stringify(json)}`), {
          status: res.status,
          json,
        });
      return json;
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `kiosk` CLI; never throws for a non-zero exit (the code is in the result). */
export async function runKiosk(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await runFile(process.execPath, [KIOSK_BIN, ...args], {
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export interface KioskRunProcess {
  proc: ChildProcess;
  /** stdout and stderr chunks as they came. */
  logs: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /**
   * Resolves once `check()` holds (tried at each output chunk and every 50 ms); rejects with
   * the process's output when it exits first. No timeout of its own: the test's bounds it.
   */
  until(check: () => boolean, what: string): Promise<void>;
}

/** Starts the built `kiosk run --config FILE` (the way the systemd unit does), collecting its output. */
export function spawnKioskRun(configFile: string): KioskRunProcess {
  const proc = spawn(process.execPath, [KIOSK_BIN, 'run', '--config', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  proc.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', r));
  const until = (check: () => boolean, what: string) =>
    new Promise<void>((resolveCheck, reject) => {
      const done = () => {
        clearInterval(timer);
        proc.stdout?.off('data', tick);
        proc.off('exit', gone);
      };
      const tick = () => {
        if (!check()) return;
        done();
        resolveCheck();
      };
      const gone = (code: number | null) => {
        done();
        reject(new Error(`kiosk run exited (${code}) before ${what}:\n${logs.join('')}`));
      };
      const timer = setInterval(tick, 50);
      proc.stdout?.on('data', tick);
      proc.once('exit', gone);
      tick();
    });
  return { proc, logs, exited, until };
}
