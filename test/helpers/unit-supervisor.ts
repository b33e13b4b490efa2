import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { openNotifySocket, type NotifySocket } from '../unit/technician/notify-socket.js';
import { tempDir } from './sim-process.js';

/** One start of the main process, as the supervisor saw it. */
export interface StartRecord {
  /** Where `current` pointed when ExecStart ran. */
  release: string | null;
  result?: 'success' | 'exit-code' | 'signal' | 'watchdog' | 'timeout';
  exit?: string;
}

/**
 * A small stand-in for systemd running deploy/smart-kiosk.service inside a --root tree: the
 * unit's own ExecStartPre/ExecStart/ExecStopPost lines (paths moved under the root, `-` and `+`
 * prefixes honoured), Type=notify with a real NOTIFY_SOCKET (READY=1 starts the watchdog, each
 * WATCHDOG=1 re-arms it; a miss sends SIGABRT like WatchdogSignal's default), Restart=always,
 * and SERVICE_RESULT / EXIT_CODE / EXIT_STATUS for ExecStopPost as systemd sets them. Times
 * come from the test (the unit's 30 s watchdog would make the test slow, not more real).
 */
export class UnitSupervisor {
  readonly starts: StartRecord[] = [];
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private socket: NotifySocket | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private seen = 0;

  constructor(
    private readonly o: {
      unitFile: string;
      root: string;
      env?: NodeJS.ProcessEnv;
      watchdogMs: number;
      restartMs: number;
      startTimeoutMs: number;
    },
  ) {}

  private lines(key: string): string[] {
    const out: string[] = [];
    for (const line of readFileSync(this.o.unitFile, 'utf8').split('\n')) {
      const m = new RegExp(`^${key}=(.*)$`).exec(line);
      if (m) out.push(m[1] as string);
    }
    return out;
  }

  /** A unit command line with its prefixes, paths moved under the root. */
  private command(line: string): { ignoreFailure: boolean; argv: string[] } {
    let rest = line;
    let ignoreFailure = false;
    while (/^[-+@:!]/.test(rest)) {
      if (rest[0] === '-') ignoreFailure = true;
      rest = rest.slice(1);
    }
    const argv = rest
      .split(/\s+/)
      .filter(Boolean)
      .map((arg) =>
        arg === '/usr/bin/node'
          ? process.execPath
          : arg.replace(/^\/(opt|var|etc|boot)\//, `${this.o.root}/$1/`),
      );
    return { ignoreFailure, argv };
  }

  private spawn(argv: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(argv[0] as string, argv.slice(1), {
      env: { ...process.env, ...this.o.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (data: Buffer) => {
      for (const l of data.toString('utf8').split('\n')) if (l.trim()) this.output.push(l);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  private exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null)
        return resolve({ code: child.exitCode, signal: child.signalCode });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  private async runAll(key: string, env: NodeJS.ProcessEnv = {}): Promise<boolean> {
    for (const line of this.lines(key)) {
      const { ignoreFailure, argv } = this.command(line);
      const { code } = await this.exited(this.spawn(argv, env));
      if (code !== 0 && !ignoreFailure) return false;
    }
    return true;
  }

  async start(): Promise<void> {
    this.socket = await openNotifySocket(tempDir('kiosk-notify-'));
    this.running = true;
    this.loop = this.cycle();
  }

  private async cycle(): Promise<void> {
    while (this.running) {
      const record: StartRecord = { release: null };
      if (!(await this.runAll('ExecStartPre'))) {
        record.result = 'exit-code';
      } else {
        try {
          record.release = readlinkSync(`${this.o.root}/opt/smart-kiosk/current`).replace(/^releases\//, '');
        } catch {
          record.release = null;
        }
        this.starts.push(record);
        const main = this.command(this.lines('ExecStart')[0] as string);
        const child = this.spawn(main.argv, {
          NOTIFY_SOCKET: this.socket!.path,
          WATCHDOG_USEC: String(this.o.watchdogMs * 1000),
        });
        this.child = child;
        const outcome = await this.watch(child);
        Object.assign(record, outcome);
        this.child = undefined;
      }
      const [exitCode, exitStatus] = (record.exit ?? 'exited 0').split(' ');
      await this.runAll('ExecStopPost', {
        SERVICE_RESULT: record.result ?? 'exit-code',
        EXIT_CODE: exitCode,
        EXIT_STATUS: exitStatus,
      });
      if (!this.running) return;
      await new Promise((r) => setTimeout(r, this.o.restartMs));
    }
  }

  /** Waits for the main process to end, enforcing start timeout and watchdog. */
  private async watch(child: ChildProcess): Promise<Pick<StartRecord, 'result' | 'exit'>> {
    let killedFor: 'watchdog' | 'timeout' | undefined;
    let ready = false;
    let deadline = Date.now() + this.o.startTimeoutMs;
    const exit = this.exited(child);
    const poll = setInterval(() => {
      const messages = this.socket!.messages;
      for (; this.seen < messages.length; this.seen++) {
        const m = messages[this.seen] as string;
        if (/(^|\|)READY=1/.test(m)) ready = true;
        if (ready && (/(^|\|)WATCHDOG=1/.test(m) || /(^|\|)READY=1/.test(m)))
          deadline = Date.now() + this.o.watchdogMs;
      }
      if (Date.now() > deadline && !killedFor) {
        killedFor = ready ? 'watchdog' : 'timeout';
        child.kill(ready ? 'SIGABRT' : 'SIGTERM');
      }
    }, 20);
    const { code, signal } = await exit;
    clearInterval(poll);
    if (killedFor) return { result: killedFor, exit: `killed ${signal?.replace(/^SIG/, '') ?? code}` };
    if (signal)
      return { result: this.running ? 'signal' : 'success', exit: `killed ${signal.replace(/^SIG/, '')}` };
    return { result: code === 0 ? 'success' : 'exit-code', exit: `exited ${code}` };
  }

  /** Stops the main process (SIGTERM, like `systemctl restart`); the loop starts it again. */
  async restartMain(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    await this.exited(child);
  }

  async stop(): Promise<void> {
    this.running = false;
    const child = this.child;
    if (child) {
      child.kill('SIGTERM');
      await this.exited(child);
    }
    await this.loop;
    await this.socket?.close();
  }
}
