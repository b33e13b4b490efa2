import { localTime } from './time.js';

/**
 * Daily local-time windows written "HH:MM-HH:MM": opening hours, quiet hours for the voice, the
 * display's awake hours. This is the one parser for them all.
 */

/** A daily window in minutes after local midnight; `end < start` wraps past midnight. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** "07:30" -> 450. Accepts 00:00 to 24:00; anything else is a TypeError naming `field`. */
export function parseClockTime(hhmm: string, field: string): number {
  const m = /^(\d\d):(\d\d)$/.exec(hhmm.trim());
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min > 0))
    throw new TypeError(`${field}: must be a time "HH:MM" (00:00-24:00), got ${JSON.stringify(hhmm)}`);
  return h * 60 + min;
}

/** "21:00-06:00" -> { start: 1260, end: 360 }; `example` shows the expected form in the error. */
export function parseTimeWindow(range: string, field: string, example = '07:00-11:30'): TimeWindow {
  const parts = range.split('-');
  const [from, to] = parts;
  if (parts.length !== 2 || from === undefined || to === undefined)
    throw new TypeError(`${field}: must look like "${example}", got ${JSON.stringify(range)}`);
  return { start: parseClockTime(from, field), end: parseClockTime(to, field) };
}

/** Parses a list of ranges; errors name the entry (`field[i]`). */
export function parseTimeWindows(ranges: readonly string[], field: string, example?: string): TimeWindow[] {
  return ranges.map((range, i) => parseTimeWindow(range, `${field}[${i}]`, example));
}

/** Minutes after local midnight in `timeZone`. */
export function minutesOfDay(epochMs: number, timeZone: string): number {
  const t = localTime(epochMs, timeZone);
  return t.hour * 60 + t.minute;
}

/** Whether minute-of-day `minute` is inside `window` (start included, end excluded, wrapping). */
export function inTimeWindow(minute: number, window: TimeWindow): boolean {
  return window.start <= window.end
    ? minute >= window.start && minute < window.end
    : minute >= window.start || minute < window.end;
}

/** Minutes from minute-of-day `minute` until the next `target` (1 to 1440: never 0). */
export function minutesUntil(minute: number, target: number): number {
  return (target - minute + 1440) % 1440 || 1440;
}
