import type { Lang } from '../../ui-framebuffer/localize.js';
import { promptText } from '../../voice/prompts/index.js';

const options = (lang: Lang, labels: readonly string[]): string =>
  labels.map((label, i) => promptText('rating.option', lang, { button: i + 1, label })).join(', ');

export const ratingSpeech = {
  counter: (lang: Lang, labels: readonly string[]): string =>
    promptText('rating.counter', lang, { options: options(lang, labels) }),
  level: (lang: Lang, labels: readonly string[], counter: number | undefined): string =>
    counter
      ? promptText('rating.level-at-counter', lang, { counter, options: options(lang, labels) })
      : promptText('rating.level', lang, { options: options(lang, labels) }),
};

export const ratingThanksSpeech = (lang: Lang, label: string): string =>
  promptText('rating.thanks', lang, { label });
