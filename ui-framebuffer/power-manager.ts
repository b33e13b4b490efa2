import type { DisplayDriver } from '../drivers/display/types.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import { inTimeWindow, minutesOfDay, minutesUntil, parseTimeWindow } from '../runtime/time-windows.js';

export interface PowerOptions {
  /** Seconds without input before the panel is blanked (0 or absent: never). */
  blankAfterSeconds?: number;
  /** Seconds without input before the backlight is dimmed (0 or absent: never). */
  dimAfterSeconds?: number;
  /** Backlight level when dimmed, percent of maximum. */
  dimPercent?: number;
  /** "HH:MM-HH:MM": outside these hours an idle panel blanks after 30 s. */
  awakeHours?: string;
  /** IANA time zone of awakeHours (default UTC). */
  timeZone?: string;
}

/** What the power manager tells the rest of the UI. */
export interface PowerHooks {
  /** The panel has gone dark: nothing needs drawing on a timer. */
  blanked(): void;
  /** The panel is lit again: redraw it. */
  woken(): void;
}

/** Outside office hours an untouched screen goes dark after this long. */
const AFTER_HOURS_BLANK_MS = 30_000;

/** Whether `epochMs` falls inside "HH:MM-HH:MM" (which may wrap past midnight). */
export function withinHours(epochMs: number, hours: string, timeZone: string): boolean {
  return inTimeWindow(minutesOfDay(epochMs, timeZone), parseTimeWindow(hours, 'display.awakeHours'));
}

/**
 * The panel's power: dims the backlight, then blanks the panel, after a quiet spell (sooner outside
 * the awake hours, and at their end even with nobody there); input wakes it.
 */
export class PowerManager {
  private running = false;
  private blankTimer: NodeJS.Timeout | undefined;
  private dimTimer: NodeJS.Timeout | undefined;
  /** When the running blank countdown started (clock ms), to re-arm it on a reload. */
  private blankSince = 0;
  private isBlanked = false;
  private isDimmed = false;

  constructor(
    private readonly display: Pick<DisplayDriver, 'setBlanked' | 'setBrightness'>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private options: PowerOptions,
    private readonly hooks: PowerHooks,
  ) {}

  /** Starts the countdowns to dimming and blanking. */
  start(): void {
    this.running = true;
    this.armBlank();
    this.armDim();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.blankTimer);
    clearTimeout(this.dimTimer);
  }

  /** True while the panel is dark (blanked after idle or outside office hours). */
  get blanked(): boolean {
    return this.isBlanked;
  }

  /** True while the backlight is dimmed for idle. */
  get dimmed(): boolean {
    return this.isDimmed;
  }

  /** Reloaded settings: a running blank countdown ends at the new time, counted from its start. */
  reconfigure(options: PowerOptions): void {
    this.options = options;
    if (!this.isBlanked) this.armBlank(this.blankSince);
  }

  /** Input: the countdowns start again and a dark panel lights; true when it was dark (the input only wakes it). */
  wake(): boolean {
    this.armBlank();
    this.armDim();
    if (this.isDimmed) {
      this.isDimmed = false;
      void this.display
        .setBrightness?.(1)
        .catch((err: unknown) => this.log.error({ err }, 'cannot restore the backlight'));
    }
    if (!this.isBlanked) return false;
    this.isBlanked = false;
    this.log.info('input: waking the display');
    void this.display
      .setBlanked(false)
      .catch((err: unknown) => this.log.error({ err }, 'cannot unblank the display'));
    this.hooks.woken();
    return true;
  }

  /** (Re)starts the countdown to dimming from now (only with a dimmable display). */
  private armDim(): void {
    clearTimeout(this.dimTimer);
    const seconds = this.options.dimAfterSeconds ?? 0;
    if (!this.running || seconds <= 0 || !this.display.setBrightness) return;
    this.dimTimer = setTimeout(() => {
      if (this.isBlanked || this.isDimmed) return;
      this.isDimmed = true;
      this.log.info('idle: dimming the backlight');
      void this.display
        .setBrightness?.((this.options.dimPercent ?? 30) / 100)
        .catch((err: unknown) => this.log.error({ err }, 'cannot dim the backlight'));
    }, seconds * 1000);
    this.dimTimer.unref();
  }

  /** (Re)starts the countdown to blanking, counted from `since` (default now). */
  private armBlank(since = this.clock.now()): void {
    clearTimeout(this.blankTimer);
    if (!this.running) return;
    const { blankAfterSeconds = 0, awakeHours, timeZone = 'UTC' } = this.options;
    const now = this.clock.now();
    const afterHours = awakeHours !== undefined && !withinHours(now, awakeHours, timeZone);
    this.blankSince = since;
    const quiet = now - since;
    let delay = afterHours
      ? Math.max(0, AFTER_HOURS_BLANK_MS - quiet)
      : blankAfterSeconds > 0
        ? Math.max(0, blankAfterSeconds * 1000 - quiet)
        : undefined;
    if (awakeHours && !afterHours) {
      // Re-check when office hours end, even if nobody touches the kiosk.
      const { end } = parseTimeWindow(awakeHours, 'display.awakeHours');
      const untilEnd = minutesUntil(minutesOfDay(now, timeZone), end) * 60_000;
      delay = Math.min(delay ?? Infinity, untilEnd - (now % 60_000) + AFTER_HOURS_BLANK_MS);
    }
    if (delay === undefined) return;
    this.blankTimer = setTimeout(() => this.blankNow(), delay);
    this.blankTimer.unref();
  }

  private blankNow(): void {
    const { awakeHours, blankAfterSeconds = 0, timeZone = 'UTC' } = this.options;
    if (awakeHours && withinHours(this.clock.now(), awakeHours, timeZone) && blankAfterSeconds === 0) {
      return this.armBlank();
    }
    if (this.isBlanked || !this.running) return;
    this.isBlanked = true;
    this.hooks.blanked();
    this.log.info('idle: blanking the display');
    void this.display
      .setBlanked(true)
      .catch((err: unknown) => this.log.error({ err }, 'cannot blank the display'));
  }
}
