import { assistantPrompts } from './assistant.js';
import { citizenPrompts } from './citizen.js';
import { commonPrompts } from './common.js';
import { dossierPrompts } from './dossier.js';
import { formPrompts } from './form.js';
import { homePrompts } from './home.js';
import { maintenancePrompts } from './maintenance.js';
import { procedurePrompts } from './procedure.js';
import { ratingPrompts } from './rating.js';
import { searchPrompts } from './search.js';
import { ticketPrompts } from './ticket.js';
import type { Prompt, PromptVars, SpeechLang } from './types.js';

export type { Prompt, PromptGroup, PromptVars } from './types.js';

/**
 * Every text the kiosk speaks, by key, in Vietnamese and English side by side (one way: spoken
 * guidance is written here and nowhere else). flows/speech/ chooses the keys for each screen and
 * fills in the data (names, numbers, times); screens and services never speak inline strings.
 * Keys without placeholders are synthesised into the cache at start, so they play at once.
 * Not prompts: the label of the focused target, read as shown (a screen reader), and the fleet's
 * announcement text (the operator's own words).
 */
export const PROMPTS = {
  ...commonPrompts,
  ...homePrompts,
  ...searchPrompts,
  ...procedurePrompts,
  ...citizenPrompts,
  ...dossierPrompts,
  ...ticketPrompts,
  ...ratingPrompts,
  ...assistantPrompts,
  ...formPrompts,
  ...maintenancePrompts,
} as const;

export type PromptKey = keyof typeof PROMPTS;

export function isPromptKey(key: string): key is PromptKey {
  return Object.hasOwn(PROMPTS, key);
}

/** The placeholders a text uses, e.g. ["ticket", "counter"]. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/**
 * The text of prompt `key` in `lang` with its placeholders filled. A missing placeholder value is a
 * programming error (TypeError naming it), so a citizen never hears "{ticket}". A value's own
 * trailing full stop (or comma, colon) gives way to the punctuation the prompt puts after it.
 */
export function promptText(key: PromptKey, lang: SpeechLang, vars: PromptVars = {}): string {
  const prompt: Prompt = PROMPTS[key];
  const text = lang === 'en' ? prompt.en : prompt.vi;
  return text
    .replace(/\{(\w+)\}(?=([.,;:!?])?)/g, (_m, name: string, after: string | undefined) => {
      const value = vars[name];
      if (value === undefined) throw new TypeError(`${key}: missing value for {${name}}`);
      // A value that ends a sentence itself (a catalog name "... cho thuê đất.") before the
      // prompt's own punctuation: said once, never "đất.. Số 4".
      return after ? String(value).replace(/[\s.,;:]+$/u, '') : String(value);
    })
    .normalize('NFC');
}

/** Prompts without placeholders: synthesised once into the cache at start. */
export function fixedPrompts(): { key: PromptKey; lang: SpeechLang; text: string }[] {
  const out: { key: PromptKey; lang: SpeechLang; text: string }[] = [];
  for (const key of Object.keys(PROMPTS) as PromptKey[]) {
    for (const lang of ['vi', 'en'] as const) {
      const prompt: Prompt = PROMPTS[key];
      const text = lang === 'en' ? prompt.en : prompt.vi;
      if (placeholders(text).length === 0) out.push({ key, lang, text: text.normalize('NFC') });
    }
  }
  return out;
}
