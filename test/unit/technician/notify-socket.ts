import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A real unix datagram socket standing in for systemd's NOTIFY_SOCKET. Node cannot bind one, so
 * a tiny python3 receiver does; like systemd it drops passed file descriptors, which completes
 * systemd-notify's BARRIER=1 handshake.
 */
export interface NotifySocket {
  path: string;
  /** Every datagram received, newlines shown as `|`, BARRIER=1 handshakes left out. */
  messages: string[];
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

const RECEIVER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    data = s.recv(65536)
    print(data.decode().replace("\\n", "|"), flush=True)
`;

export async function openNotifySocket(dir: string): Promise<NotifySocket> {
  const path = join(dir, 'notify.sock');
  const proc: ChildProcess = spawn('python3', ['-u', '-c', RECEIVER, path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const messages: string[] = [];
  const waiters = new Set<() => void>();
  await new Promise<void>((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`notify receiver exited with ${code}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line === 'listening') return resolve();
      if (line === 'BARRIER=1') return;
      messages.push(line);
      for (const wake of waiters) wake();
    });
  });
  return {
    path,
    messages,
    waitFor(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = messages.find((m) => pattern.test(m));
          if (hit === undefined) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(hit);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no notify message matching ${pattern} (got ${JSON.stringify(messages)})`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    async close() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
