import type { Clock } from '../runtime/clock.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Session } from '../domain/session.js';
import type { Lang } from './localize.js';
import type { RouteName, RouteParams } from './routes.js';
import type { Navigator, RouteArgs, RouteResolver, Screen } from './screen.js';
import { themeByName, type Theme } from './theme.js';

export interface NavigatorOptions {
  /** The theme a new citizen gets (home and the idle reset go back to it). */
  theme: 'normal' | 'large';
  /** Seconds without input before the session is cleared and the kiosk goes home. */
  idleTimeoutSeconds: number;
}

/** What the navigator tells the rest of the UI. */
export interface NavigatorHooks {
  /** A screen has become current (the focus goes back to its first target). */
  entered(screen: Screen): void;
  /** Something visible changed: redraw. */
  refresh(): void;
  /** Says a screen's guidance. */
  speak(text: string, lang: Lang, key: string): void;
}

/**
 * The screen stack: named routes, back and home, the citizen's language and theme, and the idle
 * reset that clears the session and returns home after `idleTimeoutSeconds` without input.
 */
export class ScreenNavigator implements Navigator {
  private stack: Screen[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  /** When the running idle countdown started (clock ms), to re-arm it on a reload. */
  private idleSince = 0;
  private currentLang: Lang = 'vi';
  private themeChoice: 'normal' | 'large' | undefined;

  constructor(
    private readonly routes: RouteResolver,
    private readonly session: Session,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private options: NavigatorOptions,
    private readonly hooks: NavigatorHooks,
  ) {}

  /** Opens the home screen as the bottom of the stack. */
  start(): void {
    const home = this.routes(this, 'home', undefined);
    if (!home) throw new TypeError('routes: the route table has no home screen');
    this.stack = [home];
    this.enterCurrent(undefined);
  }

  stop(): void {
    clearTimeout(this.idleTimer);
  }

  get current(): Screen | undefined {
    return this.stack[this.stack.length - 1];
  }

  get lang(): Lang {
    return this.currentLang;
  }

  setLang(lang: Lang): void {
    this.currentLang = lang;
    this.refresh();
  }

  get theme(): Theme {
    return themeByName(this.themeChoice ?? this.options.theme);
  }

  get themeName(): 'normal' | 'large' {
    return this.theme.name;
  }

  setTheme(name: 'normal' | 'large'): void {
    this.themeChoice = name;
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

  home(options: { keepLook?: boolean } = {}): void {
    const previous = this.current?.name;
    const look = { lang: this.currentLang, theme: this.themeChoice };
    this.reset('home');
    if (options.keepLook) {
      this.currentLang = look.lang;
      this.themeChoice = look.theme;
    }
    this.enterCurrent(previous);
  }

  refresh(): void {
    this.hooks.refresh();
  }

  repeatSpeech(): void {
    const screen = this.current;
    const text = screen?.speech?.(this.currentLang);
    if (screen && text) this.hooks.speak(text, this.currentLang, `${screen.name}.repeat`);
  }

  /** Input happened: the idle countdown starts again. */
  activity(): void {
    this.armIdle();
  }

  /**
   * Reloaded settings: a running idle countdown ends at the new time, counted from its start; a
   * changed default theme is shown at once.
   */
  reconfigure(options: NavigatorOptions, themeChanged: boolean): void {
    this.options = options;
    if (themeChanged) this.setTheme(options.theme);
    if (this.idleTimer) this.armIdle(this.idleSince);
  }

  /** Back to the bottom of the stack with a fresh session, Vietnamese and the default theme. */
  private reset(reason: 'home' | 'idle'): void {
    while (this.stack.length > 1) this.stack.pop()?.leave?.();
    this.session.clear(reason);
    this.currentLang = 'vi';
    this.themeChoice = undefined;
  }

  private enterCurrent(previous: string | undefined): void {
    const screen = this.current;
    if (!screen) return;
    this.hooks.entered(screen);
    this.bus.emit('ui.screen', { screen: screen.name, previous });
    this.armIdle();
    // The frame is asked for first, so the voice's synthesis starts after it is drawn.
    this.refresh();
    const text = screen.speech?.(this.currentLang);
    if (text) this.hooks.speak(text, this.currentLang, screen.name);
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
      this.reset('idle');
      this.enterCurrent(undefined);
    }, delay);
    this.idleTimer.unref();
  }
}
