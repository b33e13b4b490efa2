import { CLOSE, OPEN, plainSpeech } from '../runtime/text/speech-marks.js';
import type { SpeechLang } from './tts.js';

/** One run of an utterance and the voice that says it. */
export interface SpeechPart {
  text: string;
  lang: SpeechLang;
}

/**
 * The runs of `text` in order with their voice: marked runs in Vietnamese, the rest in `lang`
 * (a Vietnamese utterance is one run). Runs without a letter or digit are dropped.
 */
export function speechParts(text: string, lang: SpeechLang): SpeechPart[] {
  if (lang === 'vi' || !text.includes(OPEN)) return [{ text: plainSpeech(text), lang }];
  const parts: SpeechPart[] = [];
  for (const [i, run] of text.split(OPEN).entries()) {
    const close = run.indexOf(CLOSE);
    const marked = i > 0 && close >= 0 ? run.slice(0, close) : undefined;
    const rest = marked === undefined ? run : run.slice(close + 1);
    if (marked !== undefined) parts.push({ text: marked, lang: 'vi' });
    parts.push({ text: plainSpeech(rest), lang });
  }
  return parts.filter((p) => /[\p{L}\p{N}]/u.test(p.text)).map((p) => ({ ...p, text: p.text.trim() }));
}
