import { describe, expect, it } from 'vitest';
import {
  currentSession,
  describeHours,
  describeOpening,
  nextOpening,
  parseOpeningHours,
} from '../../../domain/queue/opening-hours.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** Local wall time in Vietnam (UTC+7) as epoch ms. 2026-11-25 is a Wednesday. */
const at = (day: number, hh: number, mm = 0): number => Date.UTC(2026, 10, day, hh - 7, mm);
const weekdays = [1, 2, 3, 4, 5];
const hours = parseOpeningHours(['13:30-17:00', '07:00-11:30'], weekdays);

describe('Flows: opening hours', () => {
  it('finds the open session (sorted) and its label', () => {
    expect(currentSession(hours, at(25, 8), TZ)?.label.vi).toBe('Sáng');
    expect(currentSession(hours, at(25, 14), TZ)?.label.vi).toBe('Chiều');
    expect(currentSession(hours, at(25, 12), TZ)).toBeUndefined();
    expect(currentSession(hours, at(25, 17, 0), TZ)).toBeUndefined();
    expect(currentSession(hours, at(29, 8), TZ)).toBeUndefined(); // Sunday
  });

  it('says when it opens next: later today, tomorrow, or after the weekend', () => {
    expect(nextOpening(hours, at(25, 12), TZ)).toEqual({
      time: '13:30',
      inDays: 0,
      weekday: 3,
      date: '25/11',
    });
    expect(nextOpening(hours, at(25, 18), TZ)).toMatchObject({ time: '07:00', inDays: 1, weekday: 4 });
    expect(nextOpening(hours, at(27, 18), TZ)).toMatchObject({
      time: '07:00',
      inDays: 3,
      weekday: 1,
      date: '30/11',
    });
    expect(describeOpening(nextOpening(hours, at(25, 18), TZ), 'vi')).toBe('07:00 sáng mai (thứ Năm 26/11)');
    expect(describeOpening(nextOpening(hours, at(25, 12), TZ), 'vi')).toBe('13:30 chiều nay (thứ Tư 25/11)');
    expect(describeOpening(nextOpening(hours, at(27, 18), TZ), 'en')).toBe('07:00 Monday (Monday 30/11)');
    expect(describeOpening(undefined, 'vi')).toBe('chưa có lịch mở cửa');
  });

  it('empty ranges mean always open; no open days means never', () => {
    const always = parseOpeningHours([], [1, 2, 3, 4, 5, 6, 7]);
    expect(currentSession(always, at(29, 3), TZ)).toBeDefined();
    expect(describeHours(always, 'vi')).toBe('Cả ngày');
    expect(nextOpening(parseOpeningHours(['07:00-11:30'], []), at(25, 12), TZ)).toBeUndefined();
    expect(describeHours(hours, 'vi')).toBe('Sáng: 07:00 - 11:30 | Chiều: 13:30 - 17:00');
  });

  it('rejects malformed hours with the field named', () => {
    expect(() => parseOpeningHours(['7-11'], weekdays)).toThrow(/hours\[0\]: must be a time "HH:MM"/);
    expect(() => parseOpeningHours(['11:30-07:00'], weekdays)).toThrow(
      /hours\[0\]: must end after it starts/,
    );
    expect(() => parseOpeningHours(['07:00-12:00', '11:00-13:00'], weekdays)).toThrow(/sessions overlap/);
    expect(() => parseOpeningHours(['25:00-26:00'], weekdays)).toThrow(TypeError);
    expect(() => parseOpeningHours(['07:00-08:00'], [0])).toThrow(/days: must be weekdays 1-7/);
  });
});
