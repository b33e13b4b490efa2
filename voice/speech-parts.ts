import type { SpeechLang } from './tts.js';

/** Unicode's first-strong-isolate and pop-directional-isolate marks: a run set apart in a text. */
const OPEN = '\u2068';
const CLOSE = '\u2069';

/** One run of an utterance and the voice that says it. */
export interface SpeechPart {
  text: string;
  lang: SpeechLang;
}

/**
 * A Vietnamese text (a procedure's name, a document, the centre's note) inside speech in `lang`.
 * In English speech it is marked with the Unicode isolate marks (U+2068 … U+2069) and said with
 * the Vietnamese voice — the name as the officer says it, which an English voice cannot
 * pronounce — and the rest with the utterance's voice; Vietnamese speech gets it unchanged. The
 * one way speech changes voice; the transcript shows the text without the marks.
 */
export function inVietnamese(text: string, lang: SpeechLang): string {
  if (lang === 'vi') return text;
  // Its closing stop stays outside, where the sentence joiner sees it ("… hợp pháp." once).
  const [, run = '', stop = ''] = /^([\s\S]*?)([.!?…;:,]*)$/u.exec(plainSpeech(text).trim()) ?? [];
  return `${OPEN}${run}${CLOSE}${stop}`;
}

/** The text as written in the transcript and subtitles: without the marks. */
export function plainSpeech(text: string): string {
  return text.replaceAll(OPEN, '').replaceAll(CLOSE, '');
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
