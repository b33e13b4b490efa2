import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { KIOSK_BIN } from '../../helpers/sim-process.js';

/**
 * A simulated kiosk process that can be SIGKILLed at ANY instant, including while it is still
 * starting (startSim() only hands the process over once it listens). Its config file lives in the
 * data dir so the power-cut harness can check it survives.
 */
export interface KioskProc {
  proc: ChildProcess;
  dataDir: string;
  configFile: string;
  logs: string[];
  /** Resolves with the control API URL once the kiosk serves; rejects if it exits first. */
  ready: Promise<string>;
  /** Resolves when the process has exited (with its code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL now (power cut) and wait for the exit. */
  powerCut(): Promise<void>;
  api<T = unknown>(path: string, body?: unknown): Promise<T>;
}

export interface KioskProcOptions {
  dataDir: string;
  deviceId: string;
  broker?: string;
  fleetKey?: string;
  /** Merged into the config file (top-level sections). */
  config?: Record<string, Record<string, unknown>>;
  /** Write the config file (default true; false keeps the one already in the data dir). */
  writeConfig?: boolean;
}

export function kioskConfig(options: KioskProcOptions): Record<string, unknown> {
  const extra = options.config ?? {};
  return {
    ...extra,
    device: { groups: ['reliability'], ...extra.device },
    fleet: {
      reconnectMinMs: 200,
      reconnectMaxMs: 1000,
      keepaliveSeconds: 5,
      telemetryIntervalSeconds: 5,
      ...extra.fleet,
    },
  };
}

export function spawnKiosk(options: KioskProcOptions): KioskProc {
  const configFile = join(options.dataDir, 'kiosk.json');
  if (options.writeConfig !== false)
    writeFileSync(configFile, `${JSON.stringify(kioskConfig(options), null, 2)}\n`);
  const args = [
    KIOSK_BIN,
    'sim',
    '--headless',
    '--port',
    '0',
    '--data-dir',
    options.dataDir,
    '--config',
    configFile,
    '--device-id',
    options.deviceId,
  ];
  if (options.broker) args.push('--broker', options.broker);
  if (options.fleetKey) args.push('--fleet-key', options.fleetKey);
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  proc.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kiosk did not start in 60 s:\n${logs.join('\n')}`)),
      60_000,
    );
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited (${code ?? signal}) before serving:\n${logs.slice(-20).join('\n')}`));
    });
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      logs.push(line);
      if (!line.includes('"ns":"simulator"')) return;
      try {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        /* not JSON */
      }
    });
  });
  ready.catch(() => undefined);
  return {
    proc,
    dataDir: options.dataDir,
    configFile,
    logs,
    ready,
    exited,
    async powerCut() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    async api<T>(path: string, body?: unknown): Promise<T> {
      const url = await ready;
      const res = await fetch(
        url + path,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      if (!(res.headers.get('content-type') ?? '').includes('json'))
        return Buffer.from(await res.arrayBuffer()) as T;
      const json = (await res.json()) as T;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
  };
}
