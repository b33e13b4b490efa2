import type { ButtonEvent, ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { gridCells } from '../draw.js';
import type { Lang, Localized } from '../localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import { themeByName } from '../theme.js';
import {
  button,
  compactButton,
  fieldAndKeys,
  header,
  OnScreenKeyboard,
  textField,
} from '../widgets/index.js';

/** A common request reachable with one number button. */
export interface SearchTopic {
  label: Localized;
  query: string;
}

/**
 * What the search screen shows: the keyboard beside the topics (`keyboard`), or, where the keys
 * would be too small beside them (the large theme), the topics with a "type" button (`topics`)
 * and the keyboard alone once the citizen chooses to type (`typing`).
 */
export type SearchView = 'keyboard' | 'topics' | 'typing';

export interface SearchScreenDeps {
  /** Up to six common requests, on buttons 1-6. */
  topics: readonly SearchTopic[];
  /** How to search in this view, with the numbered topics, read aloud. */
  speech(lang: Lang, topics: readonly SearchTopic[], view: SearchView): string;
}

/** Width of the topics column beside the keyboard, in reference px. */
const SIDE = 244;

/** The button that opens the keyboard in the topics view. */
const TYPE_BUTTON: ButtonId = '7';

/**
 * Procedure search: type on the on-screen keyboard (Telex; with or without diacritics), or press
 * a number for a common request. Works with touch, with up/down + OK over the keys, and with the
 * number buttons alone. Keys are never smaller than the theme's `minKey`: when they would be
 * beside the topics, the keyboard gets the whole screen after "7 Gõ tên thủ tục".
 */
export function createSearchScreen(nav: Navigator, deps: SearchScreenDeps): Screen {
  const topics = deps.topics.slice(0, 6);
  let typing = false;
  const run = (query: string): void => {
    if (!query.trim()) return nav.repeatSpeech();
    nav.open('results', { query });
  };
  const keyboard = new OnScreenKeyboard({ id: 'key', maxLength: 80, onDone: (text) => run(text) });
  /** Whether the keys fit beside the topics at the theme's smallest key (reference 800x480). */
  const side = (rc: Pick<RenderContext, 'theme' | 'scale' | 'width'>): boolean => {
    const pad = rc.theme.spacing * rc.scale;
    return keyboard.minSize(rc).width + (SIDE + rc.theme.spacing) * rc.scale <= rc.width - 2 * pad;
  };
  const view = (): SearchView => {
    if (side({ theme: themeByName(nav.themeName), scale: 1, width: 800 })) return 'keyboard';
    return typing ? 'typing' : 'topics';
  };
  const startTyping = (): void => {
    typing = true;
    nav.refresh();
    nav.repeatSpeech();
  };
  const placeholder = (vi: boolean): string =>
    vi ? 'Ví dụ: giay khai sinh, dk ket hon' : 'e.g. birth registration';
  const topicButtons = (rc: RenderContext, cells: readonly Rect[], large: boolean): Target[] =>
    topics.map((topic, i) => {
      const spec = {
        id: `topic:${i + 1}`,
        rect: cells[i] as Rect,
        button: String(i + 1) as ButtonId,
        label: rc.lang === 'vi' ? topic.label.vi : topic.label.en,
        activate: () => run(topic.query),
      };
      return large ? (button(rc, spec) as Target) : compactButton(rc, spec);
    });

  return {
    name: 'search',
    speech: (lang) => deps.speech(lang, topics, view()),
    describe: () => ({ query: keyboard.text, keyboard: keyboard.mode, view: view() }),
    routesScans: true,
    onButton(event: ButtonEvent) {
      if (typing && event.id === 'back' && event.action === 'press' && view() === 'typing') {
        typing = false;
        nav.repeatSpeech();
        return true;
      }
      return false;
    },
    render(rc) {
      const { theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(rc, vi ? 'Tra cứu thủ tục' : 'Find a procedure');
      const gap = theme.spacing * scale;
      const shown = side(rc) ? 'keyboard' : typing ? 'typing' : 'topics';
      if (shown === 'topics') {
        // The topics as large buttons, and a button that opens the keyboard.
        const typeHeight = Math.round(72 * scale);
        const typeRect: Rect = { ...area, height: typeHeight };
        const typeTarget = button(rc, {
          id: 'type',
          rect: typeRect,
          button: TYPE_BUTTON,
          icon: 'search',
          label: vi ? 'Gõ tên thủ tục' : 'Type a procedure name',
          activate: startTyping,
        }) as Target;
        const grid: Rect = { ...area, y: area.y + typeHeight + gap, height: area.height - typeHeight - gap };
        // Topic 1 first in focus order (OK on arrival picks it), then the type button.
        return [...topicButtons(rc, gridCells(grid, topics.length, 2, gap), true), typeTarget];
      }
      const width = shown === 'keyboard' ? area.width - Math.round(SIDE * scale) - gap : area.width;
      const left: Rect = { ...area, width };
      const { field, keys: keysRect } = fieldAndKeys(rc, left, keyboard);
      textField(rc, field, keyboard.text, placeholder(vi));
      if (shown === 'typing') return keyboard.render(rc, keysRect);
      const right: Rect = {
        x: left.x + left.width + gap,
        y: area.y,
        width: area.width - width - gap,
        height: area.height,
      };
      const rowGap = 8 * scale;
      const rowH = (right.height - rowGap * (topics.length - 1)) / topics.length;
      const cells = topics.map((_, i) => ({
        x: right.x,
        y: Math.round(right.y + i * (rowH + rowGap)),
        width: right.width,
        height: Math.round(rowH),
      }));
      // Keys after the topics in focus order: OK on arrival picks topic 1, arrows reach the keys.
      return [...topicButtons(rc, cells, false), ...keyboard.render(rc, keysRect)];
    },
  };
}
