import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real pseudo-terminal pair made by socat: the driver opens `devicePath` as if it were
 * /dev/ttyUSB0, the mock opens `mockPath` and plays the device. unplug() kills socat, so the
 * driver sees the same EIO/close a pulled USB cable gives; plug() brings the same paths back.
 */
export class PtyPair {
  readonly devicePath: string;
  readonly mockPath: string;
  private child: ChildProcess | undefined;

  constructor(
    dir: string,
    name: string,
    private readonly socatPath = 'socat',
  ) {
    this.devicePath = join(dir, `${name}-tty`);
    this.mockPath = join(dir, `${name}-mock`);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts socat and waits until both ends exist. */
  async plug(timeoutMs = 5000): Promise<void> {
    if (this.running) return;
    const child = spawn(
      this.socatPath,
      [`pty,raw,echo=0,link=${this.devicePath}`, `pty,raw,echo=0,link=${this.mockPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (err) =>
        reject(new Error(`cannot start socat (apt install socat): ${err.message}`)),
      );
      child.once('exit', (code) => reject(new Error(`socat exited with ${code}: ${stderr.trim()}`)));
    });
    failed.catch(() => undefined);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (!(existsSync(this.devicePath) && existsSync(this.mockPath))) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`socat did not create ${this.devicePath} within ${timeoutMs} ms: ${stderr.trim()}`);
      }
      await Promise.race([new Promise((r) => setTimeout(r, 10)), failed]);
    }
  }

  /** Kills socat (both ends vanish), like pulling the cable. */
  async unplug(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    // socat removes its links on SIGTERM; wait so plug() does not see stale ones.
    const deadline = Date.now() + 2000;
    while ((existsSync(this.devicePath) || existsSync(this.mockPath)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
  }
}
