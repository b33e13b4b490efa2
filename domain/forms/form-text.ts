import type { FormField, FormSection, FormTemplate } from './form-template.js';

/** The screen languages a form is read in (the printed A4 form is always Vietnamese). */
export type FormLang = 'vi' | 'en';

/** A message in the citizen's language: `vi` when Vietnamese, else `en`. */
export function say(lang: FormLang, vi: string, en: string): string {
  return lang === 'en' ? en : vi;
}

/** The field's label as the citizen reads it. */
export function fieldLabel(field: FormField, lang: FormLang): string {
  return lang === 'en' && field.en ? field.en.label : field.label;
}

/**
 * The field as a citizen reading `lang` sees it: label, hint and options in that language; id,
 * type and rules as the template has them. The options shown are the ones `optionValue` maps
 * back to what is stored and printed.
 */
export function fieldIn(field: FormField, lang: FormLang): FormField {
  if (lang === 'vi' || !field.en) return field;
  const { label, hint, options } = field.en;
  return {
    ...field,
    label,
    ...(field.hint !== undefined ? { hint: hint ?? field.hint } : {}),
    ...(field.options ? { options: options ?? field.options } : {}),
  };
}

export function sectionTitle(section: FormSection, lang: FormLang): string {
  return lang === 'en' && section.en ? section.en.title : section.title;
}

export function formShortTitle(template: FormTemplate, lang: FormLang): string {
  return lang === 'en' && template.en ? template.en.shortTitle : template.shortTitle;
}

/** A stored choice ("Nữ") as `lang` shows it ("Female"); other values as they are. */
export function optionShown(field: FormField, value: string, lang: FormLang): string {
  const i = field.options?.indexOf(value) ?? -1;
  return lang === 'en' && i >= 0 ? (field.en?.options?.[i] ?? value) : value;
}

/** What the citizen picked in `lang` ("Female") as stored and printed ("Nữ"). */
export function optionValue(field: FormField, shown: string, lang: FormLang): string {
  const i = lang === 'en' ? (field.en?.options?.indexOf(shown) ?? -1) : -1;
  return i >= 0 ? (field.options?.[i] ?? shown) : shown;
}
