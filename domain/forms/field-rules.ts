import { toNfc } from '../search/normalize.js';
import { provinceOf } from './provinces.js';
import type { FieldType, FormField } from './form-template.js';
import { localTime } from '../../runtime/time.js';
import { optionShown, say, type FormLang } from './form-text.js';

/**
 * The characters a form value may hold: what the printed form's font draws (Latin with every
 * Vietnamese letter, digits, common punctuation). Anything else is refused with a message, never
 * dropped silently. test/unit/forms checks every one against the font's glyphs.
 */
export const PRINTABLE =
  /^[\u0020-\u007E\u00A0-\u00FF\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9°–—‘’“”…]*$/u;
const UNSUPPORTED_CHAR =
  /[^\u0020-\u007E\u00A0-\u00FF\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9°–—‘’“”…]/u;

/** A name: letters (Vietnamese and ethnic minority names included), spaces, apostrophes, dashes. */
const NAME = /^[\p{L}][\p{L}\p{M} '’-]*$/u;

const DEFAULT_MAX: Record<FieldType, number> = {
  text: 200,
  name: 60,
  date: 10,
  'id-number': 12,
  phone: 15,
  choice: 60,
  address: 250,
  number: 9,
};

/** The longest value a field accepts. */
export function maxLengthOf(field: FormField): number {
  return field.maxLength ?? DEFAULT_MAX[field.type];
}

/** Tidies what was typed: NFC, the đ look-alikes, single spaces; digits only for numbers. */
export function normalizeValue(field: FormField, raw: string): string {
  const text = toNfc(raw)
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  switch (field.type) {
    case 'id-number':
    case 'number':
      return text.replace(/[\s.]/g, '');
    case 'phone':
      return text.replace(/[\s.()-]/g, '').replace(/^\+84/, '0');
    case 'date': {
      const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
      return m ? `${m[1]?.padStart(2, '0')}/${m[2]?.padStart(2, '0')}/${m[3]}` : text;
    }
    default:
      return text;
  }
}

/** A day as "dd/mm/yyyy" → UTC midnight ms, or undefined when it is not a real date. */
export function parseDay(value: string): number | undefined {
  const m = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(value);
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const time = Date.UTC(year, month - 1, day);
  const d = new Date(time);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return time;
}

/** Today in the centre's time zone, as UTC midnight ms (so "not in the future" is the local day). */
export function todayIn(now: number, timeZone = 'Asia/Ho_Chi_Minh'): number {
  const t = localTime(now, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day);
}

/**
 * Checks one (normalized, non-empty) value on its own; returns a plain message in `lang`
 * (Vietnamese by default), or undefined when it is good. Cross-field rules are in form-validation.ts.
 */
export function checkValue(
  field: FormField,
  value: string,
  today: number,
  lang: FormLang = 'vi',
): string | undefined {
  const bad = UNSUPPORTED_CHAR.exec(value);
  if (bad)
    return say(
      lang,
      `Có ký tự máy không in được (${describeChar(bad[0], lang)}). Vui lòng xoá và gõ lại bằng bàn phím của máy.`,
      `It has a character the kiosk cannot print (${describeChar(bad[0], lang)}). Please delete it and type again on the kiosk's keyboard.`,
    );
  const max = maxLengthOf(field);
  if ([...value].length > max)
    return say(
      lang,
      `Dài quá ${max} ký tự. Vui lòng viết gọn lại.`,
      `Longer than ${max} characters. Please make it shorter.`,
    );
  switch (field.type) {
    case 'name':
      if (/\d/.test(value)) return say(lang, 'Tên không được có chữ số.', 'A name cannot have digits.');
      if (!NAME.test(value))
        return say(lang, 'Tên chỉ gồm chữ cái và dấu cách.', 'A name has only letters and spaces.');
      return undefined;
    case 'date': {
      const day = parseDay(value);
      if (day === undefined)
        return say(
          lang,
          'Cần một ngày có thật, dạng ngày/tháng/năm, ví dụ 05/03/2024.',
          'It needs a real date, as day/month/year, e.g. 05/03/2024.',
        );
      if (day < Date.UTC(1900, 0, 1))
        return say(lang, 'Năm phải từ 1900 trở về sau.', 'The year must be 1900 or later.');
      if (day > today)
        return say(
          lang,
          'Ngày này chưa tới. Ngày không được sau hôm nay.',
          'That date has not come yet. It cannot be after today.',
        );
      return undefined;
    }
    case 'id-number':
      return /^\d{12}$/.test(value)
        ? undefined
        : say(
            lang,
            'Số định danh cá nhân phải đủ 12 chữ số.',
            'The personal ID number must have all 12 digits.',
          );
    case 'phone':
      if (/^0[35789]\d{8}$/.test(value) || /^02\d{9}$/.test(value)) return undefined;
      return say(
        lang,
        'Số điện thoại phải có 10 chữ số và bắt đầu bằng 0 (số bàn: 11 chữ số, bắt đầu bằng 02).',
        'A phone number has 10 digits and starts with 0 (a landline: 11 digits, starting with 02).',
      );
    case 'choice':
      return field.options?.includes(value)
        ? undefined
        : say(
            lang,
            `Vui lòng chọn một trong: ${(field.options ?? []).join(', ')}.`,
            `Please choose one of: ${(field.options ?? []).map((o) => optionShown(field, o, lang)).join(', ')}.`,
          );
    case 'number': {
      if (!/^\d+$/.test(value)) return say(lang, 'Chỉ gõ chữ số.', 'Type digits only.');
      const n = Number(value);
      if (field.min !== undefined && n < field.min)
        return say(lang, `Số nhỏ nhất là ${field.min}.`, `The smallest number is ${field.min}.`);
      if (field.max !== undefined && n > field.max)
        return say(lang, `Số lớn nhất là ${field.max}.`, `The largest number is ${field.max}.`);
      return undefined;
    }
    case 'address': {
      if (value.split(',').filter((p) => p.trim()).length < 2)
        return say(
          lang,
          'Cần ghi đủ: số nhà hoặc thôn, xã hoặc phường, tỉnh hoặc thành phố, cách nhau bằng dấu phẩy.',
          'Write it in full: house number or hamlet, commune or ward, province or city, separated by commas.',
        );
      if (!provinceOf(value))
        return say(
          lang,
          'Cuối địa chỉ cần ghi tỉnh hoặc thành phố, ví dụ "…, Tỉnh Ninh Bình".',
          'End the address with the province or city, e.g. "…, Tỉnh Ninh Bình".',
        );
      return undefined;
    }
    case 'text':
      return undefined;
  }
}

function describeChar(c: string, lang: FormLang): string {
  const code = c.codePointAt(0);
  if (code === undefined) return say(lang, 'không rõ', 'unknown');
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x20 || (code >= 0x7f && code < 0xa0)
    ? say(lang, `ký tự điều khiển ${hex}`, `control character ${hex}`)
    : `"${c}" ${hex}`;
}
