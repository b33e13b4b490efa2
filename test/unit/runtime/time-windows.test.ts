import { describe, expect, it } from 'vitest';
import {
  inTimeWindow,
  minutesOfDay,
  minutesUntil,
  parseClockTime,
  parseTimeWindow,
  parseTimeWindows,
} from '../../../runtime/time-windows.js';
import { parseOpeningHours } from '../../../domain/queue/opening-hours.js';
import { inQuietHours, parseQuietHours } from '../../../voice/quiet-hours.js';
import { withinHours } from '../../../ui-framebuffer/ui-service.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** 25/11/2026 at hh:mm Hanoi time. */
const at = (hh: number, mm = 0): number => Date.UTC(2026, 10, 25, hh - 7, mm);

describe('time windows (one HH:MM-HH:MM parser)', () => {
  it('parses times and ranges, wrapping past midnight', () => {
    expect(parseClockTime('07:30', 'f')).toBe(450);
    expect(parseClockTime('24:00', 'f')).toBe(1440);
    expect(parseTimeWindow('21:00-06:00', 'f')).toEqual({ start: 1260, end: 360 });
    expect(parseTimeWindows(['07:00-11:30', '13:30-17:00'], 'f')).toEqual([
      { start: 420, end: 690 },
      { start: 810, end: 1020 },
    ]);
    const night = { start: 1260, end: 360 };
    expect(inTimeWindow(1300, night)).toBe(true);
    expect(inTimeWindow(100, night)).toBe(true);
    expect(inTimeWindow(360, night)).toBe(false);
    expect(inTimeWindow(700, night)).toBe(false);
    expect(minutesUntil(1000, 1020)).toBe(20);
    expect(minutesUntil(1020, 1020)).toBe(1440);
    expect(minutesUntil(1380, 60)).toBe(120);
    expect(minutesOfDay(at(8, 45), TZ)).toBe(525);
  });

  it('refuses malformed ranges naming the field and entry', () => {
    expect(() => parseTimeWindows(['7-11'], 'hours')).toThrow(/^hours\[0\]: must be a time "HH:MM"/);
    expect(() => parseTimeWindow('07:00', 'voice.quietHours', '21:00-06:00')).toThrow(
      'voice.quietHours: must look like "21:00-06:00", got "07:00"',
    );
    expect(() => parseClockTime('24:30', 'f')).toThrow(TypeError);
    expect(() => parseClockTime('12:60', 'f')).toThrow(TypeError);
  });

  it('is the parser behind opening hours, quiet hours and the display awake hours', () => {
    const ranges = ['07:00-11:30', '13:30-17:00'];
    expect(parseOpeningHours(ranges, [1]).sessions.map(({ start, end }) => ({ start, end }))).toEqual(
      parseTimeWindows(ranges, 'hours'),
    );
    expect(parseQuietHours(['21:00-06:00'])).toEqual([{ start: 1260, end: 360 }]);
    expect(inQuietHours(at(22), parseQuietHours(['21:00-06:00']), TZ)).toBe(true);
    expect(inQuietHours(at(12), parseQuietHours(['21:00-06:00']), TZ)).toBe(false);
    expect(withinHours(at(9), '07:00-17:00', TZ)).toBe(true);
    expect(withinHours(at(17), '07:00-17:00', TZ)).toBe(false);
    // The same refusal everywhere (the display had a lenient copy that read "7-17" as 07:00-17:00).
    expect(() => parseQuietHours(['7-11'])).toThrow(/voice\.quietHours\[0\]: must be a time "HH:MM"/);
    expect(() => withinHours(at(9), '7-17', TZ)).toThrow(/display\.awakeHours: must be a time "HH:MM"/);
  });
});
