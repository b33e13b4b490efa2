import { findPhrase } from './question-text.js';

/**
 * Greetings, thanks and goodbyes (folded), from the portal's chatbot intents
 * (portal_faq_questions_unmapped.yml: greet, thank, goodbye): the assistant answers them kindly
 * instead of searching the catalog for "chào".
 */
export type SmallTalk = 'greet' | 'thank' | 'goodbye';

const PHRASES: Readonly<Record<SmallTalk, readonly string[]>> = {
  greet: ['xin chao', 'chao anh', 'chao chi', 'chao em', 'chao ban', 'alo', 'hello', 'hi', 'hey', 'chao'],
  thank: ['cam on', 'thank', 'thanks', 'cam on nhieu', 'merci'],
  goodbye: ['tam biet', 'gap lai sau', 'hen lan khac', 'thoi nhe', 'bye', 'good bye', 'di day'],
};

/** Every word of the phrases above: not a topic of the question. */
export const SMALL_TALK_WORDS: ReadonlySet<string> = new Set(
  Object.values(PHRASES).flatMap((list) => list.flatMap((p) => p.split(' '))),
);

export function readSmallTalk(words: readonly string[]): SmallTalk | undefined {
  for (const kind of ['thank', 'goodbye', 'greet'] as const) {
    if (PHRASES[kind].some((p) => findPhrase(words, p.split(' ')) >= 0)) return kind;
  }
  return undefined;
}
