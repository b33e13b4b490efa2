/**
 * The marks that set a Vietnamese run apart inside English text meant to be spoken (the voice says
 * it with the Vietnamese voice: voice/speech-parts.ts). On the ground floor so that the rules
 * (the assistant's replies) mark catalog content where they compose it.
 *
 * Unicode's first-strong-isolate and pop-directional-isolate marks set the run apart.
 */
export const OPEN = '\u2068';
export const CLOSE = '\u2069';

/**
 * A Vietnamese text (a procedure's name, a document, the centre's note) inside speech in `lang`.
 * In English speech it is marked with the Unicode isolate marks (U+2068 … U+2069) and said with
 * the Vietnamese voice — the name as the officer says it, which an English voice cannot
 * pronounce — and the rest with the utterance's voice; Vietnamese speech gets it unchanged. The
 * one way speech changes voice; the transcript shows the text without the marks.
 */
export function inVietnamese(text: string, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return text;
  // Its closing stop stays outside, where the sentence joiner sees it ("… hợp pháp." once).
  const [, run = '', stop = ''] = /^([\s\S]*?)([.!?…;:,]*)$/u.exec(plainSpeech(text).trim()) ?? [];
  return `${OPEN}${run}${CLOSE}${stop}`;
}

/** The text as written in the transcript and subtitles: without the marks. */
export function plainSpeech(text: string): string {
  return text.replaceAll(OPEN, '').replaceAll(CLOSE, '');
}
