import type { Lang } from '../../ui-framebuffer/localize.js';
import type { DossierChoice } from '../../ui-framebuffer/screens/dossier.js';
import { promptText, type PromptKey } from '../../voice/prompts/index.js';
import { sentences } from './sentences.js';

export const dossierSpeech = (lang: Lang, problem: boolean): string =>
  promptText(problem ? 'dossier.invalid' : 'dossier.intro', lang);

export const dossierCheckingSpeech = (lang: Lang): string => promptText('dossier.checking', lang);

const CHOICE_PROMPT: Record<DossierChoice, PromptKey> = {
  rate: 'dossier.choice-rate',
  another: 'dossier.choice-another',
  'take-number': 'dossier.choice-take-number',
};

/** The number, the screen's headline and lines as sentences, then the choices it shows. */
export function dossierStatusSpeech(
  lang: Lang,
  shown: { dossierNumber: string; headline: string; lines: string[]; choices: readonly DossierChoice[] },
): string {
  return sentences([
    promptText('dossier.number', lang, { number: shown.dossierNumber }),
    shown.headline,
    ...shown.lines,
    ...shown.choices.map((c) => promptText(CHOICE_PROMPT[c], lang)),
    promptText('dossier.choice-home', lang),
  ]);
}
