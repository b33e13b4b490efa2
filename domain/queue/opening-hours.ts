import { isoWeekday, localTime, WEEKDAY_NAMES } from '../../runtime/time.js';
import { parseTimeWindow } from '../../runtime/time-windows.js';

/** One opening session of a day, in minutes since local midnight. */
export interface OpeningSession {
  start: number;
  end: number;
  /** "Sáng" / "Chiều" / "Tối", from when it starts. */
  label: { vi: string; en: string };
}

export interface OpeningHours {
  /** Sessions in order; empty means always open. */
  sessions: OpeningSession[];
  /** ISO weekdays that are open (1 = Monday ... 7 = Sunday). */
  days: number[];
}

/** When a closed kiosk opens next. */
export interface NextOpening {
  /** Local wall time "07:00". */
  time: string;
  /** Days from today (0 = later today, 1 = tomorrow, ...). */
  inDays: number;
  /** ISO weekday of that day. */
  weekday: number;
  /** Local date "dd/mm". */
  date: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The sessions' names: morning, afternoon, evening. */
export const SESSION_NAMES = [
  { vi: 'Sáng', en: 'Morning' },
  { vi: 'Chiều', en: 'Afternoon' },
  { vi: 'Tối', en: 'Evening' },
] as const;

export function sessionLabel(startMinute: number): { vi: string; en: string } {
  const [morning, afternoon, evening] = SESSION_NAMES;
  if (startMinute < 12 * 60) return { ...morning };
  if (startMinute < 18 * 60) return { ...afternoon };
  return { ...evening };
}

/**
 * Parses ranges like ["07:00-11:30", "13:30-17:00"]. Throws TypeError naming the field when a
 * range is malformed, ends before it starts, or overlaps another.
 */
export function parseOpeningHours(
  ranges: readonly string[],
  days: readonly number[],
  field = 'hours',
): OpeningHours {
  const sessions = ranges.map((range, i) => {
    const { start, end } = parseTimeWindow(range, `${field}[${i}]`);
    if (end <= start)
      throw new TypeError(`${field}[${i}]: must end after it starts, got ${JSON.stringify(range)}`);
    return { start, end, label: sessionLabel(start) };
  });
  sessions.sort((a, b) => a.start - b.start);
  for (let i = 1; i < sessions.length; i++) {
    const prev = sessions[i - 1] as OpeningSession;
    if ((sessions[i] as OpeningSession).start < prev.end)
      throw new TypeError(`${field}: sessions overlap (${JSON.stringify(ranges)})`);
  }
  for (const d of days)
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new TypeError(`days: must be weekdays 1-7, got ${d}`);
  return { sessions, days: [...days] };
}

export function formatMinute(m: number): string {
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The session open at `now`, or undefined when closed. Always-open hours give a whole-day session. */
export function currentSession(
  hours: OpeningHours,
  now: number,
  timeZone: string,
): OpeningSession | undefined {
  const t = localTime(now, timeZone);
  if (!hours.days.includes(isoWeekday(t.year, t.month, t.day))) return undefined;
  const minute = t.hour * 60 + t.minute;
  if (hours.sessions.length === 0) return { start: 0, end: 24 * 60, label: sessionLabel(minute) };
  return hours.sessions.find((s) => minute >= s.start && minute < s.end);
}

/** When the next session starts, looking up to a week ahead; undefined when never open. */
export function nextOpening(hours: OpeningHours, now: number, timeZone: string): NextOpening | undefined {
  if (hours.days.length === 0) return undefined;
  const t = localTime(now, timeZone);
  const minute = t.hour * 60 + t.minute;
  const sessions = hours.sessions.length
    ? hours.sessions
    : [{ start: 0, end: 24 * 60, label: sessionLabel(0) }];
  for (let inDays = 0; inDays <= 7; inDays++) {
    const date = new Date(Date.UTC(t.year, t.month - 1, t.day + inDays));
    const weekday = isoWeekday(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (!hours.days.includes(weekday)) continue;
    const session = sessions.find((s) => inDays > 0 || s.start > minute);
    if (session)
      return {
        time: formatMinute(session.start),
        inDays,
        weekday,
        date: `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}`,
      };
  }
  return undefined;
}

const WEEKDAYS_VI = WEEKDAY_NAMES.vi;
const WEEKDAYS_EN = WEEKDAY_NAMES.en;

/** "07:00 sáng mai (thứ Ba 26/11)" style phrase for screens and speech. */
export function describeOpening(next: NextOpening | undefined, lang: 'vi' | 'en'): string {
  if (!next) return lang === 'vi' ? 'chưa có lịch mở cửa' : 'no opening time is scheduled';
  const hour = Number(next.time.slice(0, 2));
  if (lang === 'en') {
    const day = next.inDays === 0 ? 'today' : next.inDays === 1 ? 'tomorrow' : WEEKDAYS_EN[next.weekday];
    return `${next.time} ${day} (${WEEKDAYS_EN[next.weekday]} ${next.date})`;
  }
  const part = hour < 12 ? 'sáng' : hour < 18 ? 'chiều' : 'tối';
  const day = next.inDays === 0 ? 'nay' : next.inDays === 1 ? 'mai' : WEEKDAYS_VI[next.weekday];
  return `${next.time} ${part} ${day} (${WEEKDAYS_VI[next.weekday]} ${next.date})`;
}

/** "Sáng: 07:00 - 11:30 | Chiều: 13:30 - 17:00" as posted at centres. */
export function describeHours(hours: OpeningHours, lang: 'vi' | 'en'): string {
  if (hours.sessions.length === 0) return lang === 'vi' ? 'Cả ngày' : 'All day';
  return hours.sessions
    .map(
      (s) => `${lang === 'vi' ? s.label.vi : s.label.en}: ${formatMinute(s.start)} - ${formatMinute(s.end)}`,
    )
    .join(' | ');
}
