import type { AssistantTurn } from '../../domain/assistant/dialogue.js';
import type { ButtonEvent } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { font } from '../../runtime/fonts.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import { columnPages, drawColumnPage, type ColumnAction, type ColumnPage } from '../widgets/action-column.js';
import { BubblePages } from '../widgets/bubbles.js';
import { fieldAndKeys, header, OnScreenKeyboard, textField, Toast } from '../widgets/index.js';

/** What the assistant screen asks of its flow (flows/assistant.ts). */
export interface AssistantPort {
  /** One question, typed or spoken; the dialogue's answer. */
  ask(text: string): AssistantTurn;
  /** The choice on screen with this index (0-based), pressed or touched. */
  choose(index: number): AssistantTurn | undefined;
  /** Prints the checklist of the procedure in focus; the message to show. */
  printChecklist(): Promise<{ ok: boolean; message: string }>;
  /** Takes a number for the group of the procedure in focus. */
  takeNumber(): void | Promise<void>;
  /** Opens the detail screen of the procedure in focus. */
  openDetail(): void;
  /** Opens the form of the procedure in focus ("Điền tờ khai"); false when it has none. */
  canFillForm?(): boolean;
  fillForm?(): void;
  /** Forgets the conversation (the screen is left). */
  reset(): void;
  /**
   * Example questions offered as buttons before the first question: a short label in both
   * languages and the question asked (in Vietnamese: the catalog's language).
   */
  readonly examples: readonly { label: Localized; question: string }[];
  /** The first words said and shown. */
  intro(lang: Lang): string;
}

interface Exchange {
  question: string;
  turn: AssistantTurn;
}

/**
 * "Hỏi trợ lý": the citizen asks in their own words (Telex keyboard, or HELP held to speak) and
 * the assistant answers from the catalog. The conversation shows as big bubbles (the last
 * question and its answer, every word: ▲/▼ turn its pages when it is long); choices, and what to
 * do with the procedure in focus, are numbered buttons with their labels whole, so everything
 * works with the number buttons alone.
 */
export function createAssistantScreen(nav: Navigator, port: AssistantPort): Screen {
  let last: Exchange | undefined;
  let typing = false;
  /** The page of the button column (when its buttons do not fit one). */
  let actionPage = 0;
  /** The button column's pages as last drawn (a number button reaches an action on another page). */
  let drawnPages: ColumnPage[] = [];
  const bubbles = new BubblePages();
  /** The language the bubbles were set in (the intro follows a language switch). */
  let shownLang: Lang | undefined;
  const toast = new Toast(nav);
  const keyboard = new OnScreenKeyboard({ id: 'key', maxLength: 200, onDone: (text) => submit(text) });

  const showConversation = (lang: Lang): void => {
    bubbles.setContent(
      last
        ? [
            { from: 'citizen', text: last.question },
            { from: 'kiosk', text: last.turn.reply },
          ]
        : [{ from: 'kiosk', text: port.intro(lang) }],
    );
    shownLang = lang;
  };

  const answered = (question: string, turn: AssistantTurn | undefined): void => {
    if (!turn) return;
    // The bubble shows the start of what was asked: a pasted essay must not cost the frame.
    const shown = question.replace(/\s+/gu, ' ').trim();
    last = { question: shown.length > 120 ? `${shown.slice(0, 119)}…` : shown, turn };
    typing = false;
    actionPage = 0;
    keyboard.text = '';
    showConversation(nav.lang);
    nav.refresh();
    nav.repeatSpeech();
  };
  const submit = (text: string): void => {
    if (!text.trim()) return nav.repeatSpeech();
    answered(text, port.ask(text));
  };
  const focus = (): string | null => last?.turn.focus ?? null;

  /** The numbered buttons of the talking view, in the order of their numbers. */
  const actions = (vi: boolean): ColumnAction[] => {
    const choices = last?.turn.choices ?? [];
    if (choices.length > 0) {
      return [
        ...choices.map((c, i) => ({
          id: `choice:${i + 1}`,
          label: c.label,
          activate: () => answered(c.label, port.choose(i)),
        })),
        {
          id: 'type',
          label: vi ? 'Gõ câu hỏi khác' : 'Type another question',
          activate: () => startTyping(),
        },
      ];
    }
    if (focus()) {
      return [
        { id: 'type', label: vi ? 'Hỏi tiếp' : 'Ask more', activate: () => startTyping() },
        {
          id: 'print-checklist',
          label: vi ? 'In danh sách giấy tờ' : 'Print the document list',
          activate: async () => {
            const out = await port.printChecklist();
            toast.show(out.message, out.ok ? 'success' : 'error');
          },
        },
        {
          id: 'take-number',
          label: vi ? 'Lấy số thứ tự' : 'Take a number',
          activate: () => port.takeNumber(),
        },
        {
          id: 'detail',
          label: vi ? 'Xem chi tiết' : 'See the details',
          activate: () => port.openDetail(),
        },
        ...(port.canFillForm?.()
          ? [
              {
                id: 'fill-form',
                label: vi ? 'Điền tờ khai' : 'Fill in the form',
                activate: () => port.fillForm?.(),
              },
            ]
          : []),
      ];
    }
    return [
      { id: 'type', label: vi ? 'Gõ câu hỏi' : 'Type a question', activate: () => startTyping() },
      ...port.examples.slice(0, 4).map((q, i) => ({
        id: `example:${i + 1}`,
        label: tr(q.label, vi ? 'vi' : 'en'),
        activate: () => submit(q.question),
      })),
    ];
  };
  const startTyping = (): void => {
    typing = true;
    nav.refresh();
  };
  const more = {
    label: (page: number, pages: number): string =>
      nav.lang === 'vi' ? `Xem thêm (${page + 1}/${pages})` : `More (${page + 1}/${pages})`,
    activate: (): void => {
      actionPage = (actionPage + 1) % Math.max(1, drawnPages.length);
      nav.refresh();
    },
  };

  return {
    name: 'assistant',
    speech: (lang) => last?.turn.spoken ?? port.intro(lang),
    describe: () => ({
      typing,
      text: keyboard.text,
      question: last?.question ?? null,
      page: bubbles.page + 1,
      pages: bubbles.pages,
      // Every line of the conversation as drawn, page by page (the whole reply is on some page).
      bubbles: bubbles.text,
      assistant: {
        focus: focus(),
        slot: last?.turn.slot ?? null,
        reply: last?.turn.reply ?? null,
        behavior: last?.turn.behavior ?? null,
        choices: (last?.turn.choices ?? []).map((c) => ({ code: c.code, name: c.name, label: c.label })),
      },
      toast: toast.text ?? null,
    }),
    onText(text) {
      submit(text);
      return true;
    },
    onButton(event: ButtonEvent) {
      if (typing) {
        if (event.id === 'back' && event.action === 'press') {
          typing = false;
          return true;
        }
        return false;
      }
      const turned = bubbles.onButton(event);
      if (turned) return turned;
      // A number on another page of the buttons: that page, and the action (its number is its place).
      if (event.action !== 'press' || !/^[1-8]$/.test(event.id)) return false;
      const index = Number(event.id) - 1;
      const at = drawnPages.findIndex((p) => p.rows.some((r) => r.index === index));
      if (at < 0 || at === actionPage) return false;
      actionPage = at;
      void actions(nav.lang === 'vi')[index]?.activate();
      return true;
    },
    leave() {
      toast.hide();
      port.reset();
    },
    render(rc) {
      const vi = rc.lang === 'vi';
      if (shownLang !== rc.lang) showConversation(rc.lang);
      const area = header(rc, vi ? 'Hỏi trợ lý' : 'Ask the assistant');
      const targets = typing ? renderTyping(rc, area, keyboard, vi) : talk(rc, area, vi);
      toast.render(rc);
      return targets;
    },
  };

  function talk(rc: RenderContext, area: Rect, vi: boolean): Target[] {
    const { g, scale, theme } = rc;
    const gap = theme.spacing * scale;
    const side = Math.round(320 * scale);
    const hint = Math.round(Math.max(34, theme.size.small * 1.2) * scale);
    // The buttons take the full height on the right; the hint goes under the conversation (a long
    // conversation puts its page row there).
    const right: Rect = { x: area.x + area.width - side, y: area.y, width: side, height: area.height };
    const left: Rect = { ...area, width: area.width - side - gap };
    let list = actions(vi);
    let pages = columnPages(rc, right, list, more.label);
    // Example questions are optional: fewer of them rather than a second page of buttons.
    while (pages.length > 1 && list.at(-1)?.id.startsWith('example:')) {
      list = list.slice(0, -1);
      pages = columnPages(rc, right, list, more.label);
    }
    drawnPages = pages;
    actionPage = Math.min(actionPage, pages.length - 1);
    const targets = [
      ...drawColumnPage(rc, right, list, pages, actionPage, more),
      ...bubbles.render(rc, left, hint),
    ];
    if (bubbles.pages > 1) return targets;
    g.fillStyle = theme.mutedText;
    g.font = font(theme.size.small * scale, 400);
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    // The longest hint that fits on one line.
    const hints = vi
      ? ['Giữ nút ? để nói · bấm số để chọn', 'Giữ nút ? để nói câu hỏi', 'Giữ ? để nói']
      : ['Hold ? to speak · press a number', 'Hold ? to ask by voice', 'Hold ? to speak'];
    const line = hints.find((h) => g.measureText(h).width <= left.width) ?? hints[hints.length - 1] ?? '';
    g.fillText(line, left.x, left.y + left.height - hint / 2);
    return targets;
  }
}

function renderTyping(rc: RenderContext, area: Rect, keyboard: OnScreenKeyboard, vi: boolean): Target[] {
  const { field, keys } = fieldAndKeys(rc, area, keyboard);
  textField(rc, field, keyboard.text, vi ? 'Ví dụ: phi bao nhieu, mat may ngay' : 'e.g. how much is the fee');
  return keyboard.render(rc, keys);
}
