export type Lang = 'vi' | 'en';

/** A string in both screen languages. Vietnamese is the default and is always NFC. */
export interface Localized {
  vi: string;
  en: string;
}

export function tr(text: Localized, lang: Lang): string {
  return (lang === 'en' ? text.en : text.vi).normalize('NFC');
}
