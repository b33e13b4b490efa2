import type { SpeechLang } from '../tts.js';

/** One spoken prompt: Vietnamese and English text; `{name}` placeholders are filled at speak time. */
export interface Prompt {
  vi: string;
  en: string;
}

/** Prompts of one screen (or a shared group), keyed `<screen>.<what>`. */
export type PromptGroup = Readonly<Record<string, Prompt>>;

export type PromptVars = Readonly<Record<string, string | number>>;

export type { SpeechLang };
