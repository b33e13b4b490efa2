import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import type { Lang, Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { compactButton, header, OnScreenKeyboard, textField } from '../widgets/index.js';

/** A common request reachable with one number button. */
export interface SearchTopic {
  label: Localized;
  query: string;
}

export interface SearchScreenDeps {
  /** Up to six common requests, on buttons 1-6. */
  topics: readonly SearchTopic[];
  /** How to search, with the numbered topics, read aloud. */
  speech(lang: Lang, topics: readonly SearchTopic[]): string;
}

/**
 * Procedure search: type on the on-screen keyboard (Telex; with or without diacritics), or press
 * a number for a common request. Works with touch, with up/down + OK over the keys, and with the
 * number buttons alone.
 */
export function createSearchScreen(nav: Navigator, deps: SearchScreenDeps): Screen {
  const topics = deps.topics.slice(0, 6);
  const run = (query: string): void => {
    if (!query.trim()) return nav.repeatSpeech();
    nav.open('results', { query });
  };
  const keyboard = new OnScreenKeyboard({ id: 'key', maxLength: 80, onDone: (text) => run(text) });
  return {
    name: 'search',
    speech: (lang) => deps.speech(lang, topics),
    describe: () => ({ query: keyboard.text, keyboard: keyboard.mode }),
    routesScans: true,
    render(rc) {
      const { theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(rc, vi ? 'Tra cứu thủ tục' : 'Find a procedure');
      const gap = theme.spacing * scale;
      const side = Math.round(244 * scale);
      const left: Rect = { ...area, width: area.width - side - gap };
      const right: Rect = { x: left.x + left.width + gap, y: area.y, width: side, height: area.height };
      const fieldHeight = Math.round(56 * scale);
      textField(
        rc,
        { ...left, height: fieldHeight },
        keyboard.text,
        vi ? 'Ví dụ: giay khai sinh, dk ket hon' : 'e.g. birth registration',
      );
      const keysRect: Rect = {
        ...left,
        y: left.y + fieldHeight + gap,
        height: left.height - fieldHeight - gap,
      };
      const targets: Target[] = [];
      const rowGap = 8 * scale;
      const rowH = (right.height - rowGap * (topics.length - 1)) / topics.length;
      topics.forEach((topic, i) => {
        const rect: Rect = {
          x: right.x,
          y: Math.round(right.y + i * (rowH + rowGap)),
          width: right.width,
          height: Math.round(rowH),
        };
        const badge = String(i + 1) as ButtonId;
        const label = vi ? topic.label.vi : topic.label.en;
        targets.push(
          compactButton(rc, {
            id: `topic:${i + 1}`,
            rect,
            button: badge,
            label,
            activate: () => run(topic.query),
          }),
        );
      });
      // Keys after the topics in focus order: OK on arrival picks topic 1, arrows reach the keys.
      targets.push(...keyboard.render(rc, keysRect));
      return targets;
    },
  };
}
