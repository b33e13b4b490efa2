/**
 * Key events to characters with a US keyboard layout, for keyboard-wedge scanners read from
 * /dev/input/eventN. Records are split by InputEventDecoder (drivers/touch/evdev-parser.ts).
 */
import { EV_KEY, type InputEvent } from '../touch/evdev-parser.js';

export { EV_KEY, type InputEvent };

export const KEY_ENTER = 28;
export const KEY_KPENTER = 96;
export const KEY_LEFTSHIFT = 42;
export const KEY_RIGHTSHIFT = 54;
export const KEY_CAPSLOCK = 58;

export type KeyboardLayout = 'us';

/** Key code -> [unshifted, shifted] for the US layout (main block and keypad). */
const US: Record<number, readonly [string, string]> = (() => {
  const map: Record<number, readonly [string, string]> = {};
  const row = (start: number, plain: string, shifted: string): void => {
    for (let k = 0; k < plain.length; k++) map[start + k] = [plain[k] as string, shifted[k] as string];
  };
  row(2, '1234567890-=', '!@#$%^&*()_+');
  row(16, 'qwertyuiop[]', 'QWERTYUIOP{}');
  row(30, "asdfghjkl;'`", 'ASDFGHJKL:"~');
  row(43, '\\zxcvbnm,./', '|ZXCVBNM<>?');
  map[57] = [' ', ' '];
  map[55] = ['*', '*'];
  row(71, '789-456+1230.', '789-456+1230.');
  map[98] = ['/', '/'];
  return map;
})();

export const LAYOUTS: Record<KeyboardLayout, Record<number, readonly [string, string]>> = { us: US };

/** Reverse map for the mock: character -> key code and whether shift is needed. */
export function keyFor(
  ch: string,
  layout: KeyboardLayout = 'us',
): { code: number; shift: boolean } | undefined {
  for (const [code, [plain, shifted]] of Object.entries(LAYOUTS[layout])) {
    if (Number(code) >= 71) continue; // prefer the main block over the keypad
    if (plain === ch) return { code: Number(code), shift: false };
    if (shifted === ch) return { code: Number(code), shift: true };
  }
  return undefined;
}

export interface KeyedRead {
  text: string;
  /** Key-press timestamps (µs), for telling a scanner burst from a person typing. */
  pressTimesUs: number[];
  /** Keys that have no character in the layout. */
  unknownKeys: number;
}

/** Turns key events into reads terminated by Enter, tracking Shift and Caps Lock. */
export class KeyDecoder {
  private shift = 0;
  private caps = false;
  private text = '';
  private times: number[] = [];
  private unknown = 0;

  constructor(private readonly layout: KeyboardLayout = 'us') {}

  push(event: InputEvent): KeyedRead | undefined {
    if (event.type !== EV_KEY) return undefined;
    const { code, value } = event;
    if (code === KEY_LEFTSHIFT || code === KEY_RIGHTSHIFT) {
      if (value === 1) this.shift++;
      else if (value === 0) this.shift = Math.max(0, this.shift - 1);
      return undefined;
    }
    if (value !== 1) return undefined; // releases and autorepeat carry no new character
    if (code === KEY_CAPSLOCK) {
      this.caps = !this.caps;
      return undefined;
    }
    if (code === KEY_ENTER || code === KEY_KPENTER) {
      const read = { text: this.text, pressTimesUs: this.times, unknownKeys: this.unknown };
      this.text = '';
      this.times = [];
      this.unknown = 0;
      return read;
    }
    const chars = LAYOUTS[this.layout][code];
    this.times.push(event.sec * 1_000_000 + event.usec);
    if (!chars) {
      this.unknown++;
      return undefined;
    }
    const letter = /[a-z]/i.test(chars[0]);
    const shifted = this.shift > 0 !== (letter && this.caps);
    this.text += shifted ? chars[1] : chars[0];
    return undefined;
  }

  /** Keys typed since the last Enter. */
  get pending(): number {
    return this.times.length;
  }

  reset(): void {
    this.text = '';
    this.times = [];
    this.unknown = 0;
    this.shift = 0;
  }
}

/** Median gap between key presses in ms (0 for fewer than two keys). */
export function medianGapMs(pressTimesUs: readonly number[]): number {
  if (pressTimesUs.length < 2) return 0;
  const gaps = pressTimesUs.slice(1).map((t, k) => t - (pressTimesUs[k] as number));
  gaps.sort((a, b) => a - b);
  return (gaps[Math.floor(gaps.length / 2)] as number) / 1000;
}
