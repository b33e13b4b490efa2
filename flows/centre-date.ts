import { isoWeekday, localTime, WEEKDAY_NAMES } from '../runtime/time.js';
import type { Lang } from '../ui-framebuffer/localize.js';

/** A date (and maybe a time of day) the centre sent, as a local calendar date. */
export interface CentreDate {
  year: number;
  month: number;
  day: number;
  /** Local wall time, when the centre gave one. */
  hour?: number;
  minute?: number;
}

/** A text as shown on screen and as it is read aloud. */
export interface ShownAndSpoken {
  shown: string;
  spoken: string;
}

const MONTHS_EN = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number): string => String(n).padStart(2, '0');

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Reads a date the centre sent: an ISO instant with its offset ("2026-11-25T16:00:00+07:00",
 * shown in the kiosk's time zone), an ISO date ("2026-11-25"), or a Vietnamese date as written
 * ("25/11/2026", "16:00 25/11/2026"). Undefined for anything else (shown as the centre wrote it).
 */
export function parseCentreDate(raw: string, timeZone: string): CentreDate | undefined {
  const text = raw.trim();
  const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (isoDate) {
    const [year, month, day] = [Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3])];
    return validDate(year, month, day) ? { year, month, day } : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    const t = localTime(at, timeZone);
    return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute };
  }
  const written = /^(?:(\d{1,2})[:h](\d{2})\s*(?:,\s*)?)?(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (written) {
    const [day, month, year] = [Number(written[3]), Number(written[4]), Number(written[5])];
    if (!validDate(year, month, day)) return undefined;
    if (written[1] === undefined) return { year, month, day };
    const [hour, minute] = [Number(written[1]), Number(written[2])];
    if (hour > 23 || minute > 59) return undefined;
    return { year, month, day, hour, minute };
  }
  return undefined;
}

/**
 * "16:00 thứ Ba, 25/11/2026" on screen; read aloud as "16 giờ thứ Ba, ngày 25 tháng 11 năm 2026"
 * (the voice reads the numbers as words). English: "16:00 Tuesday, 25/11/2026", said as
 * "16:00 on Tuesday, 25 November 2026". A date the kiosk cannot read is shown and said as sent.
 */
export function centreDateText(raw: string, timeZone: string, lang: Lang): ShownAndSpoken {
  const d = parseCentreDate(raw, timeZone);
  if (!d) return { shown: raw, spoken: raw };
  const weekday = WEEKDAY_NAMES[lang][isoWeekday(d.year, d.month, d.day)] ?? '';
  const hasTime = d.hour !== undefined && d.minute !== undefined;
  const clock = hasTime ? `${pad(d.hour ?? 0)}:${pad(d.minute ?? 0)} ` : '';
  const date = `${pad(d.day)}/${pad(d.month)}/${d.year}`;
  const shownWeekday =
    hasTime || lang === 'en' ? weekday : weekday.charAt(0).toUpperCase() + weekday.slice(1);
  const shown = `${clock}${shownWeekday}, ${date}`;
  if (lang === 'en') {
    const spokenDate = `${weekday}, ${d.day} ${MONTHS_EN[d.month]} ${d.year}`;
    return { shown, spoken: hasTime ? `${clock}on ${spokenDate}` : spokenDate };
  }
  const spokenClock = hasTime ? `${d.hour} giờ${d.minute ? ` ${d.minute} phút` : ''} ` : '';
  return { shown, spoken: `${spokenClock}${shownWeekday}, ngày ${d.day} tháng ${d.month} năm ${d.year}` };
}
