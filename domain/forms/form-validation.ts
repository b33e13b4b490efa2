import { checkIdNumber, type IdNumberProblem } from '../identity/cccd-number.js';
import { formFields, type FormField, type FormTemplate, type FormValues } from './form-template.js';
import { checkValue, normalizeValue, parseDay, todayIn } from './field-rules.js';
import { fieldLabel, say, type FormLang } from './form-text.js';

/** The outcome of checking a whole form. */
export interface FormCheck {
  /** The visible fields' tidied values (hidden fields dropped, empty optional fields left out). */
  values: FormValues;
  /** Field id → plain message in the language asked (Vietnamese by default), in the form's order. */
  errors: Record<string, string>;
  /** Ids of the fields shown for the current choices, in order. */
  visible: string[];
}

const ID_TEXT: Record<IdNumberProblem, (lang: FormLang, year?: number) => string> = {
  'not-12-digits': (lang) =>
    say(lang, 'Số định danh cá nhân phải đủ 12 chữ số.', 'The personal ID number must have all 12 digits.'),
  'unknown-province': (lang) =>
    say(
      lang,
      'Ba chữ số đầu không phải mã tỉnh nào. Vui lòng xem lại số trên thẻ.',
      'The first three digits are no province code. Please check the number on the card.',
    ),
  'birth-year': (lang, year) =>
    say(
      lang,
      `Số định danh không khớp với năm sinh${year ? ` ${year}` : ''} (chữ số thứ 4 đến 6 ghi thế kỷ và năm sinh).`,
      `The ID number does not match the year of birth${year ? ` ${year}` : ''} (digits 4 to 6 give the century and the year).`,
    ),
  gender: (lang) =>
    say(
      lang,
      'Số định danh không khớp với giới tính (chữ số thứ 4 ghi giới tính).',
      'The ID number does not match the sex (digit 4 gives the sex).',
    ),
};

/** True when `field` is shown for the current values (its condition, if any, holds). */
export function isVisible(field: FormField, values: FormValues): boolean {
  if (!field.showIf) return true;
  return field.showIf.in.includes(values[field.showIf.field] ?? '');
}

/**
 * Checks a form as the screen and `kiosk form render --data` do: every visible field on its own,
 * then the rules between fields (ID number against its holder's birth date and gender; a date
 * not before the dates it follows). `now` and the centre's time zone bound "not in the future".
 * The messages are in `lang` (Vietnamese by default: the CLI, the logs, the simulator's state).
 */
export function validateForm(
  template: FormTemplate,
  input: Readonly<Record<string, unknown>>,
  now: number,
  timeZone?: string,
  lang: FormLang = 'vi',
): FormCheck {
  const today = todayIn(now, timeZone);
  const fields = formFields(template);
  const raw: FormValues = {};
  for (const f of fields) {
    const v = input[f.id];
    if (typeof v === 'string') raw[f.id] = normalizeValue(f, v);
    else if (typeof v === 'number' && Number.isFinite(v)) raw[f.id] = normalizeValue(f, String(v));
  }
  const values: FormValues = {};
  const errors: Record<string, string> = {};
  const visible: string[] = [];
  for (const f of fields) {
    if (!isVisible(f, raw)) continue;
    visible.push(f.id);
    const v = raw[f.id] ?? '';
    if (v === '') {
      if (f.required)
        errors[f.id] =
          f.type === 'choice'
            ? say(lang, 'Vui lòng chọn một mục.', 'Please choose one.')
            : say(lang, 'Vui lòng điền mục này.', 'Please fill this in.');
      continue;
    }
    values[f.id] = v;
    const problem = checkValue(f, v, today, lang);
    if (problem) errors[f.id] = problem;
  }
  for (const f of fields) {
    const v = values[f.id];
    if (v === undefined || errors[f.id]) continue;
    const cross = crossCheck(f, v, values, errors, fields, lang);
    if (cross) errors[f.id] = cross;
  }
  // Object key order follows the form, so the first error is the first field to fix.
  const ordered: Record<string, string> = {};
  for (const f of fields) if (errors[f.id]) ordered[f.id] = errors[f.id] as string;
  return { values, errors: ordered, visible };
}

function crossCheck(
  f: FormField,
  v: string,
  values: FormValues,
  errors: Record<string, string>,
  fields: readonly FormField[],
  lang: FormLang,
): string | undefined {
  const usable = (id: string | undefined) => (id && !errors[id] ? values[id] : undefined);
  if (f.type === 'id-number') {
    const birth = usable(f.birthDateField);
    const gender = f.holderGender ?? usable(f.genderField);
    const birthYear = birth ? Number(birth.slice(6, 10)) : undefined;
    const problem = checkIdNumber(v, {
      ...(birthYear ? { birthYear } : {}),
      ...(gender === 'Nam' || gender === 'Nữ' ? { gender } : {}),
    });
    if (problem) return ID_TEXT[problem](lang, birthYear);
  }
  if (f.type === 'date' && f.notBefore) {
    const day = parseDay(v);
    for (const other of f.notBefore) {
      const o = usable(other);
      const otherDay = o ? parseDay(o) : undefined;
      if (day !== undefined && otherDay !== undefined && day < otherDay) {
        const before = fields.find((x) => x.id === other);
        const label = before ? fieldLabel(before, lang) : other;
        return say(
          lang,
          `Không thể trước ${lowerFirst(label)} (${o}).`,
          `It cannot be before the ${lowerFirst(label)} (${o}).`,
        );
      }
    }
  }
  return undefined;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The values a template's samples give (for `--sample`, previews and the gallery). */
export function sampleValues(template: FormTemplate): FormValues {
  const values: FormValues = {};
  for (const f of formFields(template)) if (f.sample !== undefined) values[f.id] = f.sample;
  return values;
}
