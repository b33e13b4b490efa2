import type { AssistantTurn } from '../../domain/assistant/dialogue.js';
import type { ButtonEvent, ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { font } from '../../runtime/fonts.js';
import { roundRect, wrapText } from '../draw.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import { drawBadge } from '../widgets/button.js';
import { ellipsize } from '../widgets/list.js';
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
 * the assistant answers from the catalog. The conversation shows as two big bubbles (the last
 * question and its answer); choices, and what to do with the procedure in focus, are numbered
 * buttons, so everything works with the number buttons alone.
 */
export function createAssistantScreen(nav: Navigator, port: AssistantPort): Screen {
  let last: Exchange | undefined;
  let typing = false;
  const toast = new Toast(nav);
  const keyboard = new OnScreenKeyboard({ id: 'key', maxLength: 200, onDone: (text) => submit(text) });

  const answered = (question: string, turn: AssistantTurn | undefined): void => {
    if (!turn) return;
    // The bubble shows the start of what was asked: a pasted essay must not cost the frame.
    const shown = question.replace(/\s+/gu, ' ').trim();
    last = { question: shown.length > 120 ? `${shown.slice(0, 119)}…` : shown, turn };
    typing = false;
    keyboard.text = '';
    nav.refresh();
    nav.repeatSpeech();
  };
  const submit = (text: string): void => {
    if (!text.trim()) return nav.repeatSpeech();
    answered(text, port.ask(text));
  };
  const focus = (): string | null => last?.turn.focus ?? null;

  /** The numbered buttons of the talking view. */
  const actions = (vi: boolean): { id: string; label: string; activate(): void | Promise<void> }[] => {
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
        { id: 'type', label: vi ? 'Hỏi tiếp (gõ phím)' : 'Ask more (type)', activate: () => startTyping() },
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
          label: vi ? 'Xem chi tiết thủ tục' : 'Procedure details',
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

  return {
    name: 'assistant',
    speech: (lang) => last?.turn.reply ?? port.intro(lang),
    describe: () => ({
      typing,
      text: keyboard.text,
      question: last?.question ?? null,
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
      if (typing && event.id === 'back' && event.action === 'press') {
        typing = false;
        return true;
      }
      return false;
    },
    leave() {
      toast.hide();
      port.reset();
    },
    render(rc) {
      const vi = rc.lang === 'vi';
      const area = header(rc, vi ? 'Hỏi trợ lý' : 'Ask the assistant');
      const targets = typing
        ? renderTyping(rc, area, keyboard, vi)
        : renderTalk(rc, area, last, port, actions(vi), vi);
      toast.render(rc);
      return targets;
    },
  };
}

/** A numbered button whose label may take two lines (choices must show what tells them apart). */
function choiceButton(
  rc: RenderContext,
  rect: Rect,
  button: ButtonId,
  action: { id: string; label: string; activate(): void | Promise<void> },
): Target {
  const { g, theme, scale } = rc;
  roundRect(g, rect, theme.radius * scale);
  g.fillStyle = theme.surface;
  g.fill();
  g.lineWidth = 2 * scale;
  g.strokeStyle = theme.mutedText;
  g.stroke();
  const badge = Math.min(rect.height - 12 * scale, 44 * scale);
  drawBadge(
    rc,
    { x: rect.x + 8 * scale, y: rect.y + (rect.height - badge) / 2, width: badge, height: badge },
    button,
  );
  const x = rect.x + 8 * scale + badge + 10 * scale;
  const maxWidth = rect.x + rect.width - x - 6 * scale;
  let size = theme.size.small * scale;
  g.font = font(size, 700);
  let lines = wrapText(g, action.label, maxWidth);
  if (lines.length > 1) {
    // Two lines at a slightly smaller size (never under the theme's least) rather than a label cut short.
    size = Math.max(theme.size.least * scale, Math.min(size, (rect.height - 8 * scale) / 2.3));
    g.font = font(size, 700);
    lines = wrapText(g, action.label, maxWidth);
  }
  const fit = Math.max(1, Math.min(2, Math.floor((rect.height - 6 * scale) / (size * 1.15))));
  if (lines.length > fit) {
    lines = lines.slice(0, fit);
    lines[fit - 1] = ellipsize(g, `${lines[fit - 1] ?? ''}…`, maxWidth);
  }
  g.fillStyle = theme.text;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  const top = rect.y + rect.height / 2 - ((lines.length - 1) * size * 1.15) / 2;
  lines.forEach((line, i) => g.fillText(line, x, top + i * size * 1.15, maxWidth));
  return { id: action.id, rect, button, label: action.label, activate: action.activate };
}

function renderTyping(rc: RenderContext, area: Rect, keyboard: OnScreenKeyboard, vi: boolean): Target[] {
  const { field, keys } = fieldAndKeys(rc, area, keyboard);
  textField(rc, field, keyboard.text, vi ? 'Ví dụ: phi bao nhieu, mat may ngay' : 'e.g. how much is the fee');
  return keyboard.render(rc, keys);
}

/** Text wrapped to `rect` at the largest size (body down to small) whose lines fit. */
function bubbleText(
  rc: RenderContext,
  rect: Rect,
  text: string,
  color: string,
  align: 'left' | 'right',
): void {
  const { g, theme, scale } = rc;
  const pad = 12 * scale;
  const width = rect.width - 2 * pad;
  let size = theme.size.body * scale;
  let lines: string[] = [];
  for (; size >= theme.size.least * scale; size -= 2 * scale) {
    g.font = font(size, 600);
    lines = wrapText(g, text, width);
    if (lines.length * size * 1.3 <= rect.height - 2 * pad) break;
  }
  const fit = Math.max(1, Math.floor((rect.height - 2 * pad) / (size * 1.3)));
  if (lines.length > fit) {
    lines = lines.slice(0, fit);
    lines[fit - 1] = `${(lines[fit - 1] ?? '').replace(/\s*\S*$/u, '')} …`;
  }
  g.fillStyle = color;
  g.textBaseline = 'top';
  g.textAlign = align;
  const x = align === 'left' ? rect.x + pad : rect.x + rect.width - pad;
  lines.forEach((line, i) => g.fillText(line, x, rect.y + pad + i * size * 1.3, width));
}

function renderTalk(
  rc: RenderContext,
  area: Rect,
  last: Exchange | undefined,
  port: AssistantPort,
  actions: { id: string; label: string; activate(): void | Promise<void> }[],
  vi: boolean,
): Target[] {
  const { g, scale, theme } = rc;
  const gap = theme.spacing * scale;
  const side = Math.round(320 * scale);
  const hint = Math.round(Math.max(34, theme.size.small * 1.2) * scale);
  const left: Rect = { ...area, width: area.width - side - gap, height: area.height - hint };
  const right: Rect = { x: left.x + left.width + gap, y: area.y, width: side, height: area.height - hint };
  // The question bubble (the citizen's words) on the right, the answer below it on the left.
  const qHeight = last ? Math.round(70 * scale) : 0;
  if (last) {
    const q: Rect = { x: left.x + left.width * 0.25, y: left.y, width: left.width * 0.75, height: qHeight };
    roundRect(g, q, theme.radius * scale * 2);
    g.fillStyle = theme.accent;
    g.fill();
    bubbleText(rc, q, last.question, theme.accentText, 'right');
  }
  const a: Rect = {
    x: left.x,
    y: left.y + (last ? qHeight + gap : 0),
    width: left.width,
    height: left.height - (last ? qHeight + gap : 0),
  };
  roundRect(g, a, theme.radius * scale * 2);
  g.fillStyle = theme.surface;
  g.fill();
  g.lineWidth = 2 * scale;
  g.strokeStyle = theme.mutedText;
  g.stroke();
  bubbleText(rc, a, last?.turn.reply ?? port.intro(rc.lang), theme.text, 'left');
  const targets: Target[] = [];
  const rowGap = 8 * scale;
  const shown = actions.slice(0, 6);
  // Example questions are optional: fewer of them rather than rows too low for a two-line label.
  const twoLines = theme.size.small * scale * 1.15 * 2 + 10 * scale;
  while (
    shown.length > 2 &&
    shown.at(-1)?.id.startsWith('example:') &&
    (right.height - rowGap * (shown.length - 1)) / shown.length < twoLines
  )
    shown.pop();
  const rowH = Math.min(84 * scale, (right.height - rowGap * (shown.length - 1)) / Math.max(1, shown.length));
  shown.forEach((action, i) => {
    const rect: Rect = {
      x: right.x,
      y: Math.round(right.y + i * (rowH + rowGap)),
      width: right.width,
      height: Math.round(rowH),
    };
    targets.push(choiceButton(rc, rect, String(i + 1) as ButtonId, action));
  });
  g.fillStyle = theme.mutedText;
  g.font = font(theme.size.small * scale, 400);
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  // The longest hint that fits on one line.
  const hints = vi
    ? ['Giữ nút ? để nói câu hỏi · bấm số để chọn · ↩ quay lại', 'Giữ ? để nói · bấm số để chọn · ↩ quay lại']
    : ['Hold ? to speak · press a number · ↩ back', 'Hold ? to speak · press a number'];
  const line = hints.find((h) => g.measureText(h).width <= area.width) ?? hints[hints.length - 1] ?? '';
  g.fillText(ellipsize(g, line, area.width), area.x, area.y + area.height - hint / 2);
  return targets;
}
