import { ReadingConfig, doReadNumber } from 'read-vietnamese-number';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** How a ticket number is read: each digit ("A, không, hai, năm") or as a number ("A, hai mươi lăm"). */
export type TicketReadingStyle = 'digits' | 'number';

function config(unit: string[] = []): ReadingConfig {
  const c = new ReadingConfig();
  c.unit = unit;
  return c;
}

const plain = config();

/**
 * Reads a whole number in Vietnamese (read-vietnamese-number): 105 → "một trăm lẻ năm",
 * 21 → "hai mươi mốt", 24 → "hai mươi tư", 25 → "hai mươi lăm", 1005 → "một nghìn không trăm lẻ năm".
 */
export function readNumber(value: number | bigint | string): string {
  const text = typeof value === 'string' ? value.trim() : String(value);
  if (typeof value === 'number' && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`value: must be a whole number 0 or more, got ${value}`);
  }
  if (!/^\d+$/.test(text))
    throw new TypeError(`value: must be a whole number 0 or more, got ${JSON.stringify(value)}`);
  return doReadNumber(text, plain);
}

/** Each digit on its own: "025" → "không, hai, năm". */
export function readDigits(digits: string, separator = ', '): string {
  if (!/^\d+$/.test(digits))
    throw new TypeError(`digits: must be digits only, got ${JSON.stringify(digits)}`);
  return [...digits].map((d) => DIGITS[Number(d)] as string).join(separator);
}

/**
 * A ticket number aloud: the letter(s), then the digits in the configured style.
 * "A-025" → "A, không, hai, năm" (digits) or "A, hai mươi lăm" (number).
 */
export function spokenTicket(number: string, style: TicketReadingStyle = 'digits'): string {
  const match = /^\s*([A-Za-z]{0,2})[\s-]*(\d+)\s*$/.exec(number);
  if (!match) throw new TypeError(`number: must look like "A-025", got ${JSON.stringify(number)}`);
  const letters = [...(match[1] ?? '').toUpperCase()];
  const digits = match[2] as string;
  const spokenDigits = style === 'digits' ? readDigits(digits) : readNumber(digits.replace(/^0+(?=\d)/, ''));
  return [...letters, spokenDigits].join(', ');
}

/** "quầy số ba". */
export function spokenCounter(counter: number): string {
  return `quầy số ${readNumber(counter)}`;
}

/** An amount of money: 10000 → "mười nghìn đồng". */
export function spokenAmount(amount: number, unit = 'đồng'): string {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new TypeError(`amount: must be a whole number of ${unit} 0 or more, got ${amount}`);
  }
  return doReadNumber(String(amount), config([unit]));
}

function partsIn(at: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** "ngày mùng năm tháng một năm hai nghìn không trăm hai mươi sáu" (mùng for days 1-10). */
export function spokenDate(at: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const p = partsIn(at, timeZone);
  const day = p.day ?? 1;
  return `ngày ${day <= 10 ? 'mùng ' : ''}${readNumber(day)} tháng ${readNumber(p.month ?? 1)} năm ${readNumber(p.year ?? 0)}`;
}

/** "chín giờ mười lăm phút", "mười bốn giờ" (24-hour, as public offices announce). */
export function spokenTime(at: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const p = partsIn(at, timeZone);
  const minute = p.minute ?? 0;
  return `${readNumber(p.hour ?? 0)} giờ${minute ? ` ${readNumber(minute)} phút` : ''}`;
}

/**
 * Makes digits in free Vietnamese text speakable: ticket numbers ("A-025") in the ticket style,
 * grouped amounts ("10.000 đồng") and plain numbers as words. Other text is left as it is.
 */
export function expandNumbers(text: string, style: TicketReadingStyle = 'digits'): string {
  return text
    .replace(/\b([A-Z]{1,2})-(\d{1,5})\b/g, (m: string) => spokenTicket(m, style))
    .replace(/\b\d{1,3}(?:\.\d{3})+\b/g, (m: string) => readNumber(m.replace(/\./g, '')))
    .replace(/\b\d{1,15}\b/g, (m: string) => readNumber(m.length > 1 ? m.replace(/^0+(?=\d)/, '') : m));
}
