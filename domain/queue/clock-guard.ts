import type { EventBus } from '../../runtime/event-bus.js';
import type { Logger } from '../../runtime/logger.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { KioskEvents } from '../events.js';
import type { ClockState, ServiceTime } from './service-time.js';

/** What the technician does about a wrong clock (the board has no battery clock). */
export const CLOCK_FIX =
  'connect the network so NTP can set the clock (sudo timedatectl set-ntp true; timedatectl timesync-status)';

const iso = (t: number): string => new Date(t).toISOString();

/** The wrong clock in one sentence, with what the kiosk does meanwhile and the fix. */
export function clockMessage(clock: ClockState): string | undefined {
  switch (clock.state) {
    case 'ok':
      return undefined;
    case 'behind':
      return `clock is wrong: it says ${iso(clock.clockAt)}, before the newest ticket stored (${iso(clock.newestAt)}); tickets continue the numbers of ${clock.serviceDay}, dated ${iso(clock.newestAt)}, until the clock is right; fix: ${CLOCK_FIX}`;
    case 'implausible':
      return `clock is wrong: it says ${iso(clock.clockAt)}; fix: ${CLOCK_FIX}`;
  }
}

/**
 * Watches the clock the queue dates tickets with: at start and every `intervalMs` it compares the
 * clock with the newest ticket stored. When the clock is behind (a Pi booted without NTP) or
 * implausible it says so once in the log (warn) and in the fleet status (`condition.clock`), and
 * again when the clock is right.
 */
export class ClockGuard implements Service {
  readonly name = 'clock';
  private last: ClockState = { state: 'ok' };
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: { time(): ServiceTime },
    private readonly bus: EventBus<KioskEvents>,
    private readonly log: Logger,
    private readonly intervalMs = 30_000,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.timer) return;
    this.check();
    this.timer = setInterval(() => this.check(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The clock's state for the fleet's status document. */
  condition(): { state: ClockState['state']; [field: string]: unknown } {
    const c = this.last;
    if (c.state === 'ok') return { state: 'ok' };
    return {
      ...c,
      clockAt: iso(c.clockAt),
      ...(c.state === 'behind' ? { newestAt: iso(c.newestAt) } : {}),
      reason: clockMessage(c),
      fix: CLOCK_FIX,
    };
  }

  /**
   * True while the clock is wrong (behind the newest ticket stored, or implausible): looks now,
   * so the screen, the log and the status change at the same moment.
   */
  wrong(): boolean {
    return this.check().state !== 'ok';
  }

  /** Looks at the clock now; logs and announces a change. */
  check(): ClockState {
    let clock: ClockState;
    try {
      clock = this.queue.time().clock;
    } catch {
      return this.last; // the database cannot be read: the storage service says so
    }
    const changed = clock.state !== this.last.state;
    this.last = clock;
    if (!changed) return clock;
    const message = clockMessage(clock);
    if (message) this.log.warn({ clock: clock.state }, message);
    else this.log.info('clock is right again: tickets are dated by the clock');
    this.bus.emit('kiosk.condition', { part: 'clock', state: clock.state });
    return clock;
  }
}
