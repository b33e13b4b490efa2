import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { ButtonEvent } from '../drivers/buttons/types.js';
import type { DisplayDriver, Frame, Rect } from '../drivers/display/types.js';
import type { TouchEvent } from '../drivers/touch/types.js';
import type { Clock } from '../runtime/clock.js';
import type { ConfigChanges } from '../runtime/config/config-store.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Service, ServiceContext } from '../runtime/service.js';
import type { Session } from '../domain/session.js';
import { inTimeWindow, minutesOfDay, minutesUntil, parseTimeWindow } from '../runtime/time-windows.js';
import { diffFrames } from './dirty-rects.js';
import { drawFocus, HEADER_MAX_HEIGHT } from './draw.js';
import { registerFonts } from '../runtime/fonts.js';
import type { Lang } from './localize.js';
import type { RouteName, RouteParams } from './routes.js';
import type { Navigator, RenderContext, RouteArgs, RouteResolver, Screen, Target } from './screen.js';
import { themeByName, type Theme } from './theme.js';

export interface UiOptions {
  /** The upright size drawn (the display turns it to the panel, drivers/display/rotated-display.ts). */
  width: number;
  height: number;
  /** Maps a touch point (panel pixels) to upright screen coordinates; default: unchanged. */
  touchToScreen?: (x: number, y: number) => { x: number; y: number };
  theme: 'normal' | 'large';
  idleTimeoutSeconds: number;
  /** Seconds without input before the panel is blanked (0 or absent: never). */
  blankAfterSeconds?: number;
  /** Seconds without input before the backlight is dimmed (0 or absent: never). */
  dimAfterSeconds?: number;
  /** Backlight level when dimmed, percent of maximum. */
  dimPercent?: number;
  /** "HH:MM-HH:MM": outside these hours an idle panel blanks after 30 s. */
  awakeHours?: string;
  /** IANA time zone for the header clock and awakeHours (default UTC). */
  timeZone?: string;
  /** Holding HELP switches theme (default true; false when HELP is the push-to-talk button). */
  helpTogglesTheme?: boolean;
}

/** Outside office hours an untouched screen goes dark after this long. */
const AFTER_HOURS_BLANK_MS = 30_000;

/** Whether `epochMs` falls inside "HH:MM-HH:MM" (which may wrap past midnight). */
export function withinHours(epochMs: number, hours: string, timeZone: string): boolean {
  return inTimeWindow(minutesOfDay(epochMs, timeZone), parseTimeWindow(hours, 'display.awakeHours'));
}

/**
 * Draws the current screen to the display whenever something changes (never on a timer), and
 * turns buttons and touches into screen actions. Owns navigation and the idle timeout that
 * clears the citizen's session.
 */
export class UiService implements Service, Navigator {
  readonly name = 'ui';
  readonly dependsOn = ['voice'];
  private canvas: Canvas | undefined;
  private stack: Screen[] = [];
  private targets: Target[] = [];
  private focusIndex = 0;
  private previousFrame: Uint8ClampedArray | undefined;
  private renderQueued = false;
  private rendering: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  /** When the running idle and blank countdowns started (clock ms), to re-arm them on a reload. */
  private idleSince = 0;
  private blankSince = 0;
  private unsubscribe: (() => void)[] = [];
  private frameSeq = 0;
  private swallowTouch = false;
  private readonly pending = new Set<Promise<void>>();
  private currentLang: Lang = 'vi';
  private theme: Theme;
  private running = false;
  private blankTimer: NodeJS.Timeout | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private isBlanked = false;
  private dimTimer: NodeJS.Timeout | undefined;
  private isDimmed = false;
  /** What the queued redraw is for: a state change (whole screen) or only the minute tick. */
  private fullPending = false;
  private tickPending = false;

  constructor(
    private readonly display: DisplayDriver,
    private readonly bus: EventBus<KioskEvents>,
    private readonly session: Session,
    private readonly clock: Clock,
    private readonly log: Logger,
    private options: UiOptions,
    private readonly routes: RouteResolver,
    private readonly speak: (text: string, lang: Lang, key: string) => void,
    /** Reloaded display settings (theme, idle timeout, blanking) take effect when announced here. */
    private readonly settings?: ConfigChanges,
  ) {
    this.theme = themeByName(options.theme);
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    registerFonts();
    await this.display.open();
    this.canvas = createCanvas(this.options.width, this.options.height);
    this.unsubscribe = [
      this.bus.on('ui', 'input.button', (e) => this.onButton(e)),
      this.bus.on('ui', 'input.touch', (e) => this.onTouch(e)),
      this.bus.on('ui', 'input.scan', () => this.onScan()),
    ];
    if (this.settings) {
      this.unsubscribe.push(
        this.settings.on(
          'ui',
          ['display.theme', 'display.idleTimeoutSeconds', 'display.blankAfterSeconds'],
          ({ applied, config }) => this.onSettings(applied, config.display),
        ),
      );
    }
    this.running = true;
    const home = this.routes(this, 'home', undefined);
    if (!home) throw new TypeError('routes: the route table has no home screen');
    this.stack = [home];
    this.enterCurrent(undefined);
    this.armBlank();
    this.armDim();
    await this.flush();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.idleTimer);
    clearTimeout(this.blankTimer);
    clearTimeout(this.dimTimer);
    clearTimeout(this.tickTimer);
    for (const off of this.unsubscribe) off();
    await this.rendering.catch(() => undefined);
    await this.display.close();
  }

  // ---- Navigator ----
  get lang(): Lang {
    return this.currentLang;
  }

  setLang(lang: Lang): void {
    this.currentLang = lang;
    this.refresh();
  }

  open<R extends RouteName>(route: R, ...[params, options]: RouteArgs<R>): void {
    const screen = this.routes(this, route, params as RouteParams[R]);
    if (!screen) return;
    if (options?.replace) this.replace(screen);
    else this.go(screen);
  }

  go(screen: Screen): void {
    const previous = this.current?.name;
    this.stack.push(screen);
    this.enterCurrent(previous);
  }

  replace(screen: Screen): void {
    const previous = this.current;
    previous?.leave?.();
    this.stack[this.stack.length - 1] = screen;
    this.enterCurrent(previous?.name);
  }

  back(): void {
    if (this.stack.length <= 1) return this.home();
    const left = this.stack.pop();
    left?.leave?.();
    this.enterCurrent(left?.name);
  }

  home(): void {
    const previous = this.current?.name;
    while (this.stack.length > 1) this.stack.pop()?.leave?.();
    this.session.clear('home');
    this.currentLang = 'vi';
    this.theme = themeByName(this.options.theme);
    this.enterCurrent(previous);
  }

  refresh(): void {
    this.fullPending = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.renderQueued || !this.running) return;
    this.renderQueued = true;
    setImmediate(() => {
      this.renderQueued = false;
      this.rendering = this.rendering
        .then(() => this.renderNow())
        .catch((err: unknown) => {
          this.log.error({ err }, 'rendering failed');
        });
    });
  }

  /** Waits until every requested redraw has reached the display. */
  async flush(): Promise<void> {
    while (this.renderQueued) await new Promise((r) => setImmediate(r));
    await this.rendering;
  }

  // ---- state for the simulator ----
  get current(): Screen | undefined {
    return this.stack[this.stack.length - 1];
  }

  get focusedTarget(): Target | undefined {
    return this.targets[this.focusIndex];
  }

  get visibleTargets(): readonly Target[] {
    return this.targets;
  }

  /** Repeats the current screen's guidance. */
  repeatSpeech(): void {
    const screen = this.current;
    const text = screen?.speech?.(this.currentLang);
    if (screen && text) this.speak(text, this.currentLang, `${screen.name}.repeat`);
  }

  private enterCurrent(previous: string | undefined): void {
    const screen = this.current;
    if (!screen) return;
    this.focusIndex = 0;
    this.bus.emit('ui.screen', { screen: screen.name, previous });
    const text = screen.speech?.(this.currentLang);
    if (text) this.speak(text, this.currentLang, screen.name);
    this.armIdle();
    this.refresh();
  }

  /** True while the panel is dark (blanked after idle or outside office hours). */
  get blanked(): boolean {
    return this.isBlanked;
  }

  /** Reloaded settings: the countdowns running now end at the new times, counted from their start. */
  private onSettings(
    applied: readonly string[],
    display: Pick<UiOptions, 'theme' | 'idleTimeoutSeconds' | 'blankAfterSeconds'>,
  ): void {
    const { theme, idleTimeoutSeconds, blankAfterSeconds } = display;
    this.options = { ...this.options, theme, idleTimeoutSeconds, blankAfterSeconds };
    if (applied.includes('display.theme')) this.setTheme(theme);
    if (this.idleTimer) this.armIdle(this.idleSince);
    if (!this.isBlanked) this.armBlank(this.blankSince);
  }

  /** Turns a dark panel back on; returns true when it was dark (the input only wakes it). */
  private wake(): boolean {
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
    this.refresh();
    return true;
  }

  /** True while the backlight is dimmed for idle. */
  get dimmed(): boolean {
    return this.isDimmed;
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
    clearTimeout(this.tickTimer);
    this.log.info('idle: blanking the display');
    void this.display
      .setBlanked(true)
      .catch((err: unknown) => this.log.error({ err }, 'cannot blank the display'));
  }

  /** Redraws at the next minute so the header clock stays right (only its rows change). */
  /** Redraws the header clock band only (the UI's own timer calls this at each minute). */
  clockTick(): void {
    this.tickPending = true;
    this.schedule();
  }

  private armTick(): void {
    clearTimeout(this.tickTimer);
    if (!this.running || this.isBlanked) return;
    const now = this.clock.now();
    this.tickTimer = setTimeout(() => this.clockTick(), 60_000 - (now % 60_000) + 5);
    this.tickTimer.unref();
  }

  /** (Re)starts the countdown to clearing the session, counted from `since` (default now). */
  private armIdle(since = this.clock.now()): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.stack.length <= 1 && !this.session.active) return;
    this.idleSince = since;
    const delay = Math.max(0, this.options.idleTimeoutSeconds * 1000 - (this.clock.now() - since));
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.log.info({ screen: this.current?.name }, 'idle timeout: clearing session');
      while (this.stack.length > 1) this.stack.pop()?.leave?.();
      this.session.clear('idle');
      this.currentLang = 'vi';
      this.theme = themeByName(this.options.theme);
      this.enterCurrent(undefined);
    }, delay);
    this.idleTimer.unref();
  }

  private onButton(event: ButtonEvent): void {
    const screen = this.current;
    if (!screen || this.wake()) return;
    this.armIdle();
    // Holding HELP switches between the normal and the large high-contrast theme.
    if (event.id === 'help' && event.action === 'long-press' && this.options.helpTogglesTheme !== false) {
      return this.setTheme(this.theme.name === 'large' ? 'normal' : 'large');
    }
    if (screen.onButton?.(event)) return this.refresh();
    if (event.action === 'repeat' && event.id !== 'up' && event.id !== 'down') return;
    switch (event.id) {
      case 'up':
      case 'down': {
        if (this.targets.length === 0) return;
        const step = event.id === 'down' ? 1 : -1;
        this.focusIndex = (this.focusIndex + step + this.targets.length) % this.targets.length;
        const label = this.targets[this.focusIndex]?.label;
        if (label) this.speak(label, this.currentLang, 'focus');
        return this.refresh();
      }
      case 'ok':
        return this.activate(this.targets[this.focusIndex]);
      case 'back':
        return this.back();
      case 'help':
        return this.repeatSpeech();
      default: {
        const target = this.targets.find((t) => t.button === event.id);
        if (target) this.activate(target);
      }
    }
  }

  private onTouch(event: TouchEvent): void {
    if (event.phase === 'down' && this.wake()) {
      this.swallowTouch = true;
      return;
    }
    if (event.phase !== 'up') return;
    if (this.swallowTouch) {
      this.swallowTouch = false;
      return;
    }
    this.armIdle();
    const { x, y } = this.options.touchToScreen?.(event.x, event.y) ?? event;
    const index = this.targets.findIndex(
      (t) => x >= t.rect.x && x < t.rect.x + t.rect.width && y >= t.rect.y && y < t.rect.y + t.rect.height,
    );
    if (index < 0) return;
    this.focusIndex = index;
    this.activate(this.targets[index]);
  }

  /** A scan wakes the panel and counts as activity; the scan router (flows/) acts on it. */
  private onScan(): void {
    this.wake();
    this.armIdle();
  }

  private activate(target: Target | undefined): void {
    if (!target) return;
    const action = Promise.resolve()
      .then(() => target.activate())
      .catch((err: unknown) => {
        this.log.error({ err, target: target.id }, `action ${target.id} failed`);
        // Never a silent failure: the citizen is told, in words and on screen, what to do.
        this.open('action-failed', { action: target.id, error: err });
      })
      .finally(() => {
        this.pending.delete(action);
        this.refresh();
      });
    this.pending.add(action);
  }

  /** Resolves when running actions have finished and the screen shows their result. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    await this.flush();
  }

  private async renderNow(): Promise<void> {
    const screen = this.current;
    if (!screen || !this.canvas) return;
    const g = this.canvas.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    const rc: RenderContext = {
      g,
      width: this.options.width,
      height: this.options.height,
      theme: this.theme,
      lang: this.currentLang,
      scale: Math.min(this.options.height / 480, this.options.width / 800),
      now: this.clock.now(),
      timeZone: this.options.timeZone ?? 'UTC',
      focusedId: this.targets[this.focusIndex]?.id,
    };
    const { width, height } = this.options;
    // A minute tick with nothing else pending redraws only the header bar (where the clock is).
    const headerOnly = this.tickPending && !this.fullPending && this.previousFrame !== undefined;
    this.tickPending = false;
    this.fullPending = false;
    const headerRows = Math.min(height, Math.ceil(HEADER_MAX_HEIGHT * rc.scale));
    this.armTick();
    if (headerOnly) {
      g.save();
      g.beginPath();
      g.rect(0, 0, width, headerRows);
      g.clip();
    }
    this.targets = screen.render(rc);
    if (this.focusIndex >= this.targets.length) this.focusIndex = 0;
    const focused = this.targets[this.focusIndex];
    if (focused) drawFocus(rc, focused.rect);
    if (headerOnly) g.restore();
    let pixels: Uint8ClampedArray;
    let dirty: Rect[];
    if (headerOnly && this.previousFrame) {
      // Compare and copy just the header rows; the rest of the frame is unchanged by definition.
      const band = g.getImageData(0, 0, width, headerRows).data;
      pixels = this.previousFrame;
      dirty = diffFrames(pixels.subarray(0, band.length), band, width, headerRows);
      if (dirty.length === 0) return;
      pixels.set(band, 0);
    } else {
      pixels = g.getImageData(0, 0, width, height).data;
      dirty = diffFrames(this.previousFrame, pixels, width, height);
      if (dirty.length === 0) return;
    }
    const frame: Frame = { width, height, data: pixels };
    try {
      await this.display.present(frame, dirty);
    } catch (err) {
      // The panel did not get this frame: the next one is sent whole.
      this.previousFrame = undefined;
      throw err;
    }
    this.previousFrame = pixels;
    this.frameSeq++;
    this.bus.emit('ui.frame', {
      seq: this.frameSeq,
      width: frame.width,
      height: frame.height,
      dirtyArea: dirty.reduce((n, r) => n + r.width * r.height, 0),
    });
  }

  /** The current screen as drawn, upright (before rotation), RGBA; undefined before start. */
  logicalFrame(): Frame | undefined {
    if (!this.canvas) return undefined;
    const data = this.canvas.getContext('2d').getImageData(0, 0, this.canvas.width, this.canvas.height).data;
    return { width: this.canvas.width, height: this.canvas.height, data };
  }

  get themeName(): 'normal' | 'large' {
    return this.theme.name;
  }

  setTheme(name: 'normal' | 'large'): void {
    this.theme = themeByName(name);
    this.refresh();
  }
}
