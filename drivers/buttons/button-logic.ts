import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import type { ButtonEvent, ButtonId } from './types.js';

export interface ButtonTiming {
  /** A level must hold this long to count (contact bounce is shorter). 0 disables. */
  debounceMs: number;
  /** Held this long: one `long-press` (buttons without auto-repeat). */
  longPressMs: number;
  /** Auto-repeat buttons: first `repeat` after this long held, then every repeatIntervalMs. */
  repeatDelayMs: number;
  repeatIntervalMs: number;
  repeat: ReadonlySet<ButtonId>;
  /** True when a pressed button pulls the line low (button to ground with a pull-up). */
  activeLow: boolean;
}

/** The timing settings of config `input.buttons`, for every panel backend. */
export function buttonTiming(config: KioskConfig['input']['buttons']): ButtonTiming {
  return {
    debounceMs: config.debounceMs,
    longPressMs: config.longPressMs,
    repeatDelayMs: config.repeatDelayMs,
    repeatIntervalMs: config.repeatIntervalMs,
    repeat: new Set(config.repeat),
    activeLow: config.activeLow,
  };
}

interface State {
  raw: 0 | 1 | undefined;
  rawGen: number;
  pressed: boolean;
  holdGen: number;
  held: boolean; // long-press or repeat already fired in this hold
}

/**
 * The one place that turns raw electrical levels into button events, shared by every panel
 * backend (GPIO, Firmata): polarity (active-low/high), debounce, short press on release,
 * long-press, auto-repeat. Time comes from the injected Clock, so tests drive it exactly.
 */
export class ButtonLogic {
  private readonly states = new Map<ButtonId, State>();
  private abort = new AbortController();

  constructor(
    private readonly timing: ButtonTiming,
    private readonly clock: Clock,
    private readonly emit: (event: ButtonEvent) => void,
    private readonly onPressedChange: (id: ButtonId, pressed: boolean) => void = () => undefined,
  ) {}

  /** Whether the button is (debounced) held down now. */
  isPressed(id: ButtonId): boolean {
    return this.states.get(id)?.pressed ?? false;
  }

  /** A raw level read from the line (0 or 1), whenever it is sampled or changes. */
  input(id: ButtonId, level: 0 | 1): void {
    let st = this.states.get(id);
    if (!st) {
      st = { raw: undefined, rawGen: 0, pressed: false, holdGen: 0, held: false };
      this.states.set(id, st);
    }
    if (st.raw === level) return;
    const first = st.raw === undefined;
    st.raw = level;
    const gen = ++st.rawGen;
    // The level seen when the panel opens is the resting state, not a press; a button already
    // held (or stuck) at start fires nothing when it is let go.
    if (first) {
      st.pressed = this.isActive(level);
      st.held = st.pressed;
      return;
    }
    if (this.timing.debounceMs === 0) return this.settle(id, st);
    void this.after(this.timing.debounceMs, () => {
      if (st.rawGen === gen) this.settle(id, st);
    });
  }

  /** Cancels every timer; later inputs start fresh. */
  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.states.clear();
  }

  private isActive(level: 0 | 1): boolean {
    return this.timing.activeLow ? level === 0 : level === 1;
  }

  private settle(id: ButtonId, st: State): void {
    const pressed = this.isActive(st.raw ?? 0);
    if (pressed === st.pressed) return;
    st.pressed = pressed;
    const hold = ++st.holdGen;
    this.onPressedChange(id, pressed);
    if (!pressed) {
      if (!st.held) this.emit({ id, action: 'press', at: this.clock.now() });
      st.held = false;
      return;
    }
    st.held = false;
    const stillHeld = (): boolean => st.holdGen === hold && st.pressed;
    if (this.timing.repeat.has(id)) {
      const tick = (delay: number): void => {
        void this.after(delay, () => {
          if (!stillHeld()) return;
          st.held = true;
          this.emit({ id, action: 'repeat', at: this.clock.now() });
          tick(this.timing.repeatIntervalMs);
        });
      };
      tick(this.timing.repeatDelayMs);
    } else {
      void this.after(this.timing.longPressMs, () => {
        if (!stillHeld()) return;
        st.held = true;
        this.emit({ id, action: 'long-press', at: this.clock.now() });
      });
    }
  }

  private async after(ms: number, fn: () => void): Promise<void> {
    const signal = this.abort.signal;
    try {
      await this.clock.sleep(ms, signal);
    } catch {
      return;
    }
    if (!signal.aborted) fn();
  }
}
