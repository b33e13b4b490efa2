import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { KIOSK_BIN } from './sim-process.js';

export interface Registry {
  proc: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stderr: string[];
}

/** Spawns `kiosk fleet serve` on a free port and resolves with its API address. */
export async function startRegistry(
  broker: string,
  db: string,
  clientId = 'registry-e2e',
  extra: string[] = [],
): Promise<Registry> {
  const proc = spawn(
    process.execPath,
    [
      KIOSK_BIN,
      'fleet',
      'serve',
      '--broker',
      broker,
      '--db',
      db,
      '--listen',
      '127.0.0.1:0',
      '--client-id',
      clientId,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  proc.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`registry exited with ${code}: ${stderr.join('')}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const e = JSON.parse(line) as { event: string; url: string };
      if (e.event === 'listening') resolve(e.url);
    });
  });
  return { proc, url, exited, stderr };
}
