import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './sim-process.js';

export const MOSQUITTO_BIN =
  ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p)) ?? 'mosquitto';

export interface MosquittoTls {
  cafile: string;
  certfile: string;
  keyfile: string;
  /** Clients must present a certificate signed by the CA; its CN becomes the username. */
  requireCertificate?: boolean;
}

export interface MosquittoOptions {
  /** ACL file content (mosquitto acl_file syntax). */
  acl?: string;
  tls?: MosquittoTls;
  /** Keep retained messages and sessions across stop()/start() (default true). */
  persistence?: boolean;
  /** Extra lines appended to mosquitto.conf. */
  extra?: string;
  /**
   * The whole mosquitto.conf instead of the generated one (`port` must be one of its listeners;
   * the others' options are ignored). For tests of a shipped config.
   */
  config?: (ctx: { port: number; dir: string }) => string;
  /** URL scheme when `config` is given (default mqtts). */
  scheme?: 'mqtt' | 'mqtts';
}

export interface Mosquitto {
  port: number;
  url: string;
  dir: string;
  logs: string[];
  /** Graceful stop (SIGTERM): persistence is saved. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same config and persistence. */
  start(): Promise<void>;
  /** SIGKILL, then removes the directory. */
  dispose(): Promise<void>;
}

/**
 * A free port for a broker that must get the SAME port back after a restart. It is taken from
 * 20000-29999, below the kernel's ephemeral range (where port-0 listeners and outgoing
 * connections land), so while the broker is stopped no other test's listener can take it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 20000-29999 after 50 tries');
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Spawns a private Mosquitto 2.x on a free port with its own config; the test owns it. */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = tempDir('mosquitto-');
  const port = await freePort();
  const lines = [
    `listener ${port} 127.0.0.1`,
    'per_listener_settings false',
    `persistence ${options.persistence === false ? 'false' : 'true'}`,
    `persistence_location ${dir}/`,
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'max_queued_messages 100000',
    'max_inflight_messages 100',
  ];
  if (process.getuid?.() === 0) lines.push('user root');
  if (options.tls) {
    lines.push(
      `cafile ${options.tls.cafile}`,
      `certfile ${options.tls.certfile}`,
      `keyfile ${options.tls.keyfile}`,
    );
    if (options.tls.requireCertificate)
      lines.push('require_certificate true', 'use_identity_as_username true');
    lines.push('allow_anonymous false');
  } else lines.push('allow_anonymous true');
  if (options.acl !== undefined) {
    writeFileSync(join(dir, 'acl'), options.acl);
    lines.push(`acl_file ${join(dir, 'acl')}`);
  }
  if (options.extra) lines.push(options.extra);
  writeFileSync(
    join(dir, 'mosquitto.conf'),
    options.config ? options.config({ port, dir }) : `${lines.join('\n')}\n`,
  );
  const logs: string[] = [];
  let proc: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const child = spawn(MOSQUITTO_BIN, ['-c', join(dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`mosquitto exited with ${child.exitCode}:\n${logs.join('')}`);
      if (await canConnect(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`mosquitto did not listen on ${port} within 10 s:\n${logs.join('')}`);
  };

  const stop = async (): Promise<void> => {
    if (!proc || proc.exitCode !== null) return;
    proc.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    port,
    url: `${options.config ? (options.scheme ?? 'mqtts') : options.tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    dir,
    logs,
    stop,
    start,
    async dispose() {
      if (proc && proc.exitCode === null) {
        proc.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
