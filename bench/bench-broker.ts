import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectFleet } from '../domain/fleet/fleet-client.js';

/** The Mosquitto binary, when installed (suites that need a broker skip without it). */
export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A private Mosquitto on a free port for one suite; stop() removes it. */
export async function broker(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = tmp('bench-mosquitto-');
  const port = await freePort();
  const conf = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence false',
    'max_queued_messages 100000',
    'max_inflight_messages 100',
    'set_tcp_nodelay true',
  ];
  if (process.getuid?.() === 0) conf.push('user root');
  writeFileSync(join(dir, 'm.conf'), `${conf.join('\n')}\n`);
  const proc: ChildProcess = spawn(MOSQUITTO as string, ['-c', join(dir, 'm.conf')], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await connectFleet({ url, clientId: 'probe', connectTimeoutMs: 500 }).then(
      (c) => (c.end(true), true),
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
