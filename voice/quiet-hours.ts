import { inTimeWindow, minutesOfDay, parseTimeWindows, type TimeWindow } from '../runtime/time-windows.js';

/** Parses voice.quietHours (["21:00-06:00", ...]); a malformed range is a TypeError naming it. */
export function parseQuietHours(ranges: readonly string[]): TimeWindow[] {
  return parseTimeWindows(ranges, 'voice.quietHours', '21:00-06:00');
}

export function inQuietHours(now: number, windows: readonly TimeWindow[], timeZone: string): boolean {
  if (windows.length === 0) return false;
  const t = minutesOfDay(now, timeZone);
  return windows.some((w) => inTimeWindow(t, w));
}
