import { execFile } from 'node:child_process';
import type { Logger } from '../../runtime/logger.js';

/** Runs the notifier program; resolves when it has exited (exit code 0) or rejects. */
export type NotifyExec = (program: string, args: readonly string[], env: NodeJS.ProcessEnv) => Promise<void>;

const execNotify: NotifyExec = (program, args, env) =>
  new Promise((resolve, reject) => {
    execFile(program, [...args], { env, timeout: 10_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${program} ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });

export interface SdNotifyOptions {
  /** The unix datagram socket systemd gave us ($NOTIFY_SOCKET). */
  socket: string;
  /** $WATCHDOG_USEC: the unit's WatchdogSec in microseconds; 0 or undefined = no watchdog. */
  watchdogUsec?: number;
  /** Program that writes the datagram; `systemd-notify` (Node has no unix datagram sockets). */
  program?: string;
  exec?: NotifyExec;
}

/**
 * Tells systemd about the service's state (sd_notify protocol): READY=1 once the kiosk runs,
 * WATCHDOG=1 every half WatchdogSec while the event loop is alive, STOPPING=1 on shutdown.
 *
 * Node cannot open unix datagram sockets without a native addon, so each message is sent by
 * `systemd-notify` (it waits for systemd to have read the message, so nothing is lost when the
 * helper exits). The unit must say `NotifyAccess=all` because the sender is a child process.
 * A hung event loop stops the pings and systemd restarts the service.
 */
export class SdNotifier {
  private timer: NodeJS.Timeout | undefined;
  private readonly program: string;
  private readonly exec: NotifyExec;
  private failures = 0;

  constructor(
    private readonly options: SdNotifyOptions,
    private readonly log: Logger,
  ) {
    this.program = options.program ?? 'systemd-notify';
    this.exec = options.exec ?? execNotify;
  }

  /**
   * Builds a notifier from the environment systemd sets for Type=notify units; undefined when
   * not started by systemd (no NOTIFY_SOCKET). WATCHDOG_PID, when set, must be our pid.
   */
  static fromEnv(
    env: NodeJS.ProcessEnv,
    log: Logger,
    extra: Pick<SdNotifyOptions, 'program' | 'exec'> = {},
  ): SdNotifier | undefined {
    const socket = env.NOTIFY_SOCKET;
    if (!socket) return undefined;
    const forUs = !env.WATCHDOG_PID || Number(env.WATCHDOG_PID) === process.pid;
    const usec = Number(env.WATCHDOG_USEC ?? 0);
    return new SdNotifier(
      { socket, watchdogUsec: forUs && Number.isFinite(usec) && usec > 0 ? usec : undefined, ...extra },
      log,
    );
  }

  /** Interval between watchdog pings in ms (half the watchdog timeout), or undefined. */
  get watchdogIntervalMs(): number | undefined {
    const usec = this.options.watchdogUsec;
    return usec ? Math.max(50, Math.floor(usec / 2000)) : undefined;
  }

  /** Sends raw `KEY=VALUE` assignments. */
  async notify(state: Record<string, string>): Promise<void> {
    const args = Object.entries(state).map(([key, value]) => {
      if (!/^[A-Z_]+$/.test(key)) throw new TypeError(`state: key must be upper-case, got ${key}`);
      if (value.includes('\n')) throw new TypeError(`state.${key}: must be one line`);
      return `${key}=${value}`;
    });
    // The socket is passed explicitly: systemd-notify must not inherit a stale one.
    await this.exec(this.program, args, { ...process.env, NOTIFY_SOCKET: this.options.socket });
  }

  async ready(status = 'running'): Promise<void> {
    await this.notify({ READY: '1', STATUS: status, MAINPID: String(process.pid) });
  }

  async stopping(status = 'shutting down'): Promise<void> {
    this.stopWatchdog();
    await this.notify({ STOPPING: '1', STATUS: status });
  }

  /** Starts WATCHDOG=1 pings when the unit has WatchdogSec; the timer does not keep Node alive. */
  startWatchdog(isHealthy: () => boolean = () => true): void {
    const interval = this.watchdogIntervalMs;
    if (!interval || this.timer) return;
    const ping = (): void => {
      if (!isHealthy()) {
        this.log.warn('kiosk is unhealthy: not pinging the systemd watchdog, systemd will restart it');
        return;
      }
      this.notify({ WATCHDOG: '1' }).then(
        () => {
          this.failures = 0;
        },
        (err: unknown) => {
          // Log once per streak so a missing systemd-notify does not flood the journal.
          if (this.failures++ === 0)
            this.log.error(
              { err },
              'cannot ping the systemd watchdog; install systemd (systemd-notify) or remove WatchdogSec from the unit',
            );
        },
      );
    };
    this.timer = setInterval(ping, interval);
    this.timer.unref();
    ping();
  }

  stopWatchdog(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
