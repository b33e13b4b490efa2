import type { Lang } from '../../ui-framebuffer/localize.js';
import type { CitizenCardView } from '../../ui-framebuffer/screens/citizen.js';
import { promptText } from '../../voice/prompts/index.js';
import { inVietnamese } from '../../runtime/text/speech-marks.js';

/** The greeting by name, a warning when the scan lost the diacritics, then the choices. */
export function citizenSpeech(lang: Lang, card: CitizenCardView | undefined, forms = false): string {
  if (!card) return promptText('citizen.erased', lang);
  return [
    promptText('citizen.hello', lang, {
      honorific: lang === 'vi' ? card.honorific.vi : card.honorific.en,
      name: inVietnamese(card.fullName, lang),
    }),
    ...(card.warning === 'diacritics-lost' ? [promptText('citizen.diacritics-lost', lang)] : []),
    promptText('citizen.choices', lang),
    ...(forms ? [promptText('citizen.form-offer', lang)] : []),
  ].join(' ');
}

export const scanIdSpeech = (lang: Lang): string => promptText('scan-id.intro', lang);

/** Why the card could not be read (never the data) and how to scan again. */
export const scanErrorSpeech = (lang: Lang, problem: string): string =>
  promptText('scan-error.retry', lang, { problem });
