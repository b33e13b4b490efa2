/** Local calendar parts for a time zone, e.g. for "Thời gian: 08:15:32 25/11/2026". */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(epochMs: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(epochMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-25": the service day used for daily numbering. */
export function serviceDay(epochMs: number, timeZone: string): string {
  const t = localTime(epochMs, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** "08:15:32 25/11/2026", as printed on Vietnamese tickets. */
export function ticketTimestamp(epochMs: number, timeZone: string): string {
  const t = localTime(epochMs, timeZone);
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${pad(t.day)}/${pad(t.month)}/${t.year}`;
}

/** Weekday names by ISO weekday (1 = Monday ... 7 = Sunday), as written in running text. */
export const WEEKDAY_NAMES: Record<'vi' | 'en', readonly string[]> = {
  vi: ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'],
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** ISO weekday (1 = Monday ... 7 = Sunday) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const w = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return w === 0 ? 7 : w;
}
