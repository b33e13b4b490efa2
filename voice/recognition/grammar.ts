import { readDigits } from '../vietnamese-numbers.js';

/** A voice command of a screen: what the citizen may say and what it means. */
export interface VoiceCommand {
  /** e.g. "take-number", "digit:3". */
  id: string;
  /** Phrases that mean it, lower-case Vietnamese (with diacritics, as in the model's lexicon). */
  phrases: string[];
}

/** Commands every screen understands. */
export const COMMON_COMMANDS: readonly VoiceCommand[] = [
  { id: 'back', phrases: ['quay lại', 'trở lại', 'trở về'] },
  { id: 'repeat', phrases: ['nhắc lại', 'nói lại', 'nghe lại'] },
  { id: 'yes', phrases: ['đồng ý', 'có', 'được'] },
  { id: 'no', phrases: ['không đồng ý', 'hủy'] },
  { id: 'home', phrases: ['trang chủ', 'về đầu'] },
];

/** The home menu's commands. */
export const HOME_COMMANDS: readonly VoiceCommand[] = [
  { id: 'take-number', phrases: ['lấy số', 'lấy số thứ tự', 'bốc số'] },
  { id: 'priority', phrases: ['ưu tiên', 'số ưu tiên', 'lấy số ưu tiên'] },
  { id: 'lookup', phrases: ['tra cứu', 'tra cứu thủ tục', 'tìm thủ tục'] },
  { id: 'dossier', phrases: ['hồ sơ', 'tra cứu hồ sơ', 'xem hồ sơ'] },
  { id: 'rating', phrases: ['đánh giá', 'góp ý'] },
];

/** "một" .. "chín" and "số một" .. for the number buttons. */
export const DIGIT_COMMANDS: readonly VoiceCommand[] = Array.from({ length: 9 }, (_, i) => {
  const word = readDigits(String(i + 1));
  return { id: `digit:${i + 1}`, phrases: [word, `số ${word}`, `nút ${word}`] };
});

export interface CommandMatch {
  id: string;
  phrase: string;
  /** 0..1: mean word confidence from the recognizer. */
  confidence: number;
}

/**
 * The Vosk grammar for a set of commands: the phrases plus "[unk]" so that anything else is
 * recognised as unknown instead of forced onto the nearest command.
 */
export function voskGrammar(commands: readonly VoiceCommand[], extraWords: readonly string[] = []): string[] {
  const phrases = new Set<string>();
  for (const c of commands) for (const p of c.phrases) phrases.add(p.normalize('NFC').toLowerCase());
  for (const w of extraWords) phrases.add(w.normalize('NFC').toLowerCase());
  return [...phrases, '[unk]'];
}

/** A recognizer result: the text and per-word confidences. */
export interface RecognizedText {
  text: string;
  words: { word: string; conf: number }[];
}

/**
 * Maps recognized text to a command. Longest phrase wins ("không đồng ý" over "đồng ý"); results
 * below `minConfidence` (0..1) or with unknown words return undefined, so the kiosk asks again.
 */
export function matchCommand(
  result: RecognizedText,
  commands: readonly VoiceCommand[],
  minConfidence: number,
): CommandMatch | undefined {
  const text = result.text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!text || text.includes('[unk]')) return undefined;
  const confidence = result.words.length
    ? result.words.reduce((n, w) => n + w.conf, 0) / result.words.length
    : 0;
  if (confidence < minConfidence) return undefined;
  let best: CommandMatch | undefined;
  for (const c of commands) {
    for (const p of c.phrases) {
      const phrase = p.normalize('NFC').toLowerCase();
      if (
        text === phrase ||
        text.endsWith(` ${phrase}`) ||
        text.startsWith(`${phrase} `) ||
        text.includes(` ${phrase} `)
      ) {
        if (!best || phrase.length > best.phrase.length) best = { id: c.id, phrase, confidence };
      }
    }
  }
  return best;
}
