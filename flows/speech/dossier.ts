import type { Lang } from '../../ui-framebuffer/localize.js';
import { promptText } from '../../voice/prompts/index.js';

export const dossierSpeech = (lang: Lang, problem: boolean): string =>
  promptText(problem ? 'dossier.invalid' : 'dossier.intro', lang);

export const dossierCheckingSpeech = (lang: Lang): string => promptText('dossier.checking', lang);

/** The number, the screen's headline and lines as shown, then the choices. */
export function dossierStatusSpeech(
  lang: Lang,
  shown: { dossierNumber: string; headline: string; lines: string[] },
): string {
  return [
    promptText('dossier.number', lang, { number: shown.dossierNumber }),
    `${shown.headline}.`,
    ...shown.lines,
    promptText('dossier.choices', lang),
  ].join(' ');
}
