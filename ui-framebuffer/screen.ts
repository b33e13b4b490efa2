import type { SKRSContext2D } from '@napi-rs/canvas';
import type { ButtonEvent, ButtonId } from '../drivers/buttons/types.js';
import type { Rect } from '../drivers/display/types.js';
import type { Lang } from './localize.js';
import type { Theme } from './theme.js';

/** Something a citizen can activate: by its number button, by focus + OK, or by touch. */
export interface Target {
  id: string;
  rect: Rect;
  /** The physical button that activates it directly, shown as a badge. */
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
  /** Custom key handling; return true when consumed. */
  onButton?(event: ButtonEvent): boolean;
  /** A scanner read while this screen is shown; return true when consumed. */
  onScan?(data: string): boolean;
  /** Called when the screen is left; wipe personal data here. */
  leave?(): void;
  /** Extra fields for the simulator's /api/state. */
  describe?(): Record<string, unknown>;
}

/** Screen navigation, given to screens. */
export interface Navigator {
  /** Opens a screen on top of the current one. */
  go(screen: Screen): void;
  /** Replaces the current screen. */
  replace(screen: Screen): void;
  back(): void;
  home(): void;
  /** Says the current screen's guidance again. */
  repeatSpeech(): void;
  /** Redraws the current screen (state changed). */
  refresh(): void;
  /** Current language; toggled by the citizen. */
  readonly lang: Lang;
  setLang(lang: Lang): void;
}
