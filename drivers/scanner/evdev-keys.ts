/**
 * Linux input events (struct input_event) and a US keyboard layout, for keyboard-wedge scanners
 * read from /dev/input/eventN. Pure functions; the EvdevScanner feeds them bytes.
 */
export const EV_KEY = 1;
export const KEY_ENTER = 28;
export const KEY_KPENTER = 96;
export const KEY_LEFTSHIFT = 42;
export const KEY_RIGHTSHIFT = 54;
export const KEY_CAPSLOCK = 58;

export interface InputEvent {
  /** Kernel timestamp in microseconds. */
  timeUs: number;
  type: number;
  code: number;
  /** 1 press, 0 release, 2 autorepeat. */
  value: number;
}

/** sizeof(struct input_event): 24 on 64-bit kernels, 16 on 32-bit ones with 32-bit time. */
export function defaultEventSize(arch: string = process.arch): 16 | 24 {
  return arch === 'arm' || arch === 'ia32' ? 16 : 24;
}

/** Decodes whole events from `bytes`; returns them and the bytes left over. */
export function decodeInputEvents(
  bytes: Uint8Array,
  eventSize: 16 | 24,
): { events: InputEvent[]; rest: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const events: InputEvent[] = [];
  let o = 0;
  for (; o + eventSize <= bytes.length; o += eventSize) {
    const sec = eventSize === 24 ? Number(view.getBigInt64(o, true)) : view.getInt32(o, true);
    const usec = eventSize === 24 ? Number(view.getBigInt64(o + 8, true)) : view.getInt32(o + 4, true);
    const t = eventSize === 24 ? 16 : 8;
    events.push({
      timeUs: sec * 1_000_000 + usec,
      type: view.getUint16(o + t, true),
      code: view.getUint16(o + t + 2, true),
      value: view.getInt32(o + t + 4, true),
    });
  }
  return { events, rest: bytes.slice(o) };
}

/** Encodes events (the mock keyboard-wedge scanner writes these). */
export function encodeInputEvents(events: readonly InputEvent[], eventSize: 16 | 24): Uint8Array {
  const out = new Uint8Array(events.length * eventSize);
  const view = new DataView(out.buffer);
  events.forEach((e, k) => {
    const o = k * eventSize;
    const sec = Math.floor(e.timeUs / 1_000_000);
    const usec = e.timeUs % 1_000_000;
    if (eventSize === 24) {
      view.setBigInt64(o, BigInt(sec), true);
      view.setBigInt64(o + 8, BigInt(usec), true);
    } else {
      view.setInt32(o, sec, true);
      view.setInt32(o + 4, usec, true);
    }
    const t = eventSize === 24 ? 16 : 8;
    view.setUint16(o + t, e.type, true);
    view.setUint16(o + t + 2, e.code, true);
    view.setInt32(o + t + 4, e.value, true);
  });
  return out;
}

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
    this.times.push(event.timeUs);
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
