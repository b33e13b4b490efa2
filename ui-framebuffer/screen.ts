import type { SKRSContext2D } from '@napi-rs/canvas';
import type { ButtonEvent, ButtonId } from '../drivers/buttons/types.js';
import type { Rect } from '../drivers/display/types.js';
import type { Lang } from './localize.js';
import type { OpenOptions, RouteName, RouteParams } from './routes.js';
import type { Theme } from './theme.js';

/** Something a citizen can activate: by its number button, by focus + OK, or by touch. */
export interface Target {
  id: string;
  rect: Rect;
  /**
   * The physical button that activates it directly: a number shown as a badge, or ▲/▼ for a page
   * arrow that the arrow buttons turn wherever the focus is (the arrow drawn is its badge).
   */
  button?: ButtonId;
  /** Spoken/announced name. */
  label: string;
  activate(): void | Promise<void>;
}

export interface RenderContext {
  g: SKRSContext2D;
  width: number;
  height: number;
  theme: Theme;
  lang: Lang;
  /** Screen height / 480: multiply reference sizes by this. */
  scale: number;
  now: number;
  /**
   * True while the kiosk knows its clock is wrong (behind the newest ticket stored, or before
   * 2025: a board without a battery clock booted without NTP): the header shows no time.
   */
  clockWrong?: boolean;
  /** IANA time zone of the centre, for clocks and dates (absent: UTC). */
  timeZone?: string;
  /** Id of the target that has the focus (from the previous frame), for widgets that react to it. */
  focusedId?: string;
}

/**
 * One screen of the kiosk. render() draws everything and returns the targets in focus order; the
 * UI service adds focus ring, button/touch dispatch and idle handling, so every screen works with
 * buttons alone and with touch.
 */
export interface Screen {
  readonly name: string;
  render(rc: RenderContext): Target[];
  /** What the voice says when the screen opens (and when the citizen asks to repeat). */
  speech?(lang: Lang): string | undefined;
  /**
   * Custom key handling; true when consumed (the screen is redrawn), false when not. A screen that
   * knows only some regions changed returns those instead (upright pixels; empty when consumed
   * and nothing changed), and only they are redrawn.
   */
  onButton?(event: ButtonEvent): boolean | readonly Rect[];
  /**
   * A scanner read while this screen is shown, before the scan router (flows/scan-router.ts)
   * sees it; return true when consumed.
   */
  onScan?(data: string): boolean;
  /**
   * A whole question as text: typed elsewhere (the simulator's /api/ask) or spoken (push-to-talk
   * dictation). Returns true when the screen took it; screens without it take no free text.
   */
  onText?(text: string): boolean;
  /**
   * True where a scan starts a citizen flow (a CCCD greets the citizen, an appointment slip looks
   * the dossier up): the scan router handles it. Elsewhere a scan is ignored.
   */
  readonly routesScans?: boolean;
  /** A scan the router did not recognise (only with routesScans), e.g. a dossier number as typed. */
  onUnroutedScan?(data: string): void;
  /** Called when the screen is left; wipe personal data here. */
  leave?(): void;
  /** Extra fields for the simulator's /api/state. */
  describe?(): Record<string, unknown>;
}

/**
 * `open(route)` for routes without parameters, `open(route, params)` otherwise; `{ replace: true }`
 * replaces the current screen instead of opening on top of it.
 */
export type RouteArgs<R extends RouteName> = undefined extends RouteParams[R]
  ? [params?: RouteParams[R], options?: OpenOptions]
  : [params: RouteParams[R], options?: OpenOptions];

/** Screen navigation, given to screens. */
export interface Navigator {
  /** Opens the named route (ui-framebuffer/routes.ts; the flows' route table builds the screen). */
  open<R extends RouteName>(route: R, ...args: RouteArgs<R>): void;
  /** Opens a screen on top of the current one. */
  go(screen: Screen): void;
  /** Replaces the current screen. */
  replace(screen: Screen): void;
  back(): void;
  /**
   * Back to home with a fresh session: Vietnamese and the default theme, or the language and
   * text size on show with `keepLook` (a card scanned by the citizen at the kiosk).
   */
  home(options?: { keepLook?: boolean }): void;
  /** Says the current screen's guidance again. */
  repeatSpeech(): void;
  /** Redraws the current screen (state changed). */
  refresh(): void;
  /** Current language; toggled by the citizen. */
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** Current theme: the large high-contrast one or the normal one; the citizen may switch. */
  readonly themeName: 'normal' | 'large';
  setTheme(name: 'normal' | 'large'): void;
}

/**
 * Builds the screen for a route (the flows' route table, flows/routes.ts); undefined when there
 * is nothing to open (e.g. a procedure the catalog no longer has).
 */
export type RouteResolver = <R extends RouteName>(
  nav: Navigator,
  route: R,
  params: RouteParams[R],
) => Screen | undefined;
