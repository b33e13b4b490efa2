import type { ButtonEvent } from '../../drivers/buttons/types.js';
import type { FieldState } from '../../domain/forms/form-filling.js';
import { font } from '../../runtime/fonts.js';
import { drawFrame, gridCells, HEADER_MAX_HEIGHT } from '../draw.js';
import type { Lang } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { button, compactButton, ModalHost, OnScreenKeyboard, textField } from '../widgets/index.js';
import { ellipsize } from '../widgets/list.js';
import { DigitKeypad } from '../widgets/keypad.js';

/** The field on screen, as the flow gives it. */
export interface FieldView {
  /** Short title of the form ("Tờ khai đăng ký khai sinh"). */
  form: string;
  state: FieldState;
  /** 0-based position among the fields shown, and how many there are. */
  index: number;
  count: number;
  /** The keyboard stops at this many characters. */
  maxLength: number;
}

/** What the field screen asks of its flow (flows/form-flow.ts). */
export interface FormFieldPort {
  /** The field the citizen is on; undefined once the session ended (the form is forgotten). */
  view(): FieldView | undefined;
  /**
   * The citizen finished the field ("Xong", or a choice): the flow stores it and moves on (next
   * field, or the review page). Returns the problem to show and speak, if any.
   */
  enter(value: string): string | undefined;
  /**
   * A choice button: the flow stores the option (a field shown only for it joins the walk) and the
   * citizen stays on the field until "Xong". Returns the problem, if any.
   */
  choose(value: string): string | undefined;
  /** "Quay lại" / BACK on the first character: the previous field, or leave the form. */
  previous(): void;
  /** What the voice says for the field (label, required or not, how to type it) and its problem. */
  speech(lang: Lang, view: FieldView | undefined, error: string | undefined, chosen?: string): string;
}

/** Which entry the field gets: the Telex keyboard, the numeric keypad, or choice buttons. */
export function entryOf(view: FieldView): 'keyboard' | 'digits' | 'date' | 'choice' {
  switch (view.state.field.type) {
    case 'choice':
      return 'choice';
    case 'date':
      return 'date';
    case 'number':
    case 'id-number':
    case 'phone':
      return 'digits';
    default:
      return 'keyboard';
  }
}

function placeholder(view: FieldView, vi: boolean): string {
  const f = view.state.field;
  if (f.hint) return f.hint;
  switch (f.type) {
    case 'date':
      return vi ? 'Gõ 8 chữ số: ngày, tháng, năm' : '8 digits: day, month, year';
    case 'id-number':
      return vi ? '12 chữ số trên thẻ căn cước' : '12 digits on the ID card';
    case 'phone':
      return vi ? 'Ví dụ: 0912345678' : 'e.g. 0912345678';
    case 'address':
      return vi ? 'Số nhà/thôn, xã, tỉnh' : 'House, commune, province';
    default:
      return f.required ? (vi ? 'Bắt buộc' : 'Required') : vi ? 'Có thể bỏ trống' : 'May be left empty';
  }
}

/**
 * One field of a form at a time: its label in the title bar (section, position and whether it is
 * required below), the value being typed, and the entry that suits it: the Telex keyboard for
 * words, the numeric keypad for numbers and dates (number buttons 1-9 type digits), numbered
 * buttons for a choice (a number picks, "Xong" confirms). "Xong" checks the field; a problem
 * opens a dialog that is also spoken. "Xong" comes first in the focus order of every field, so
 * the panel's OK confirms what is shown (a prefilled value, the option picked) and moves on; BACK
 * (or "Quay lại") goes to the previous field.
 */
export function createFormFieldScreen(nav: Navigator, port: FormFieldPort): Screen {
  const modals = new ModalHost(nav);
  let shownField: string | undefined;
  let error: string | undefined;
  /** The option just picked on this field (said back, with how to go on). */
  let chosen: string | undefined;
  const done = (text: string): void => {
    const problem = port.enter(text);
    error = problem;
    show(problem);
  };
  /** A choice button: stored and said back; the citizen confirms with "Xong". */
  const choose = (option: string): void => {
    const problem = port.choose(option);
    error = problem;
    chosen = problem ? undefined : option;
    show(problem);
  };
  const show = (problem: string | undefined): void => {
    if (problem) {
      const vi = nav.lang === 'vi';
      modals.open({
        title: vi ? 'Cần sửa lại' : 'Please correct',
        message: problem,
        icon: 'warning',
        actions: [
          { id: 'fix', label: vi ? 'Sửa lại' : 'Correct it', button: 'ok', activate: () => undefined },
        ],
      });
    }
    nav.refresh();
    nav.repeatSpeech();
  };
  let keyboard = new OnScreenKeyboard({ id: 'key', onDone: done });
  let keypad: DigitKeypad | undefined;
  /** A new field on screen: start from its value, with the entry that suits it. */
  const sync = (view: FieldView): void => {
    if (shownField === view.state.field.id) return;
    shownField = view.state.field.id;
    error = view.state.error;
    chosen = undefined;
    const entry = entryOf(view);
    keypad =
      entry === 'digits' || entry === 'date'
        ? new DigitKeypad({
            id: 'pad',
            kind: entry === 'date' ? 'date' : 'digits',
            maxDigits: entry === 'date' ? 8 : view.maxLength,
            onDone: done,
          })
        : undefined;
    keyboard = new OnScreenKeyboard({
      id: 'key',
      maxLength: view.maxLength,
      onDone: done,
      // An address is "house, commune, province" (the rule asks for the commas); a place or a
      // reason may have commas too. A name has none.
      ...(view.state.field.type === 'address' || view.state.field.type === 'text'
        ? { layout: 'phrase' as const }
        : {}),
    });
    if (keypad) keypad.text = view.state.value;
    keyboard.text = view.state.value;
  };
  const typed = (): string => keypad?.text ?? keyboard.text;
  return {
    name: 'form-field',
    speech: (lang) => port.speech(lang, port.view(), error, chosen),
    describe: () => {
      const view = port.view();
      return {
        field: view?.state.field.id ?? null,
        type: view?.state.field.type ?? null,
        entry: view ? entryOf(view) : null,
        position: view ? { index: view.index + 1, count: view.count } : null,
        typed:
          view?.state.field.type === 'id-number'
            ? `${'•'.repeat(Math.max(0, typed().length - 4))}${typed().slice(-4)}`
            : typed(),
        error: error ?? null,
        prefilled: view?.state.prefilled ?? false,
        dialog: modals.current?.message ?? null,
      };
    },
    // A CCCD scanned here is the next citizen: the scan router ends this session (and the form) first.
    routesScans: true,
    onButton(event: ButtonEvent) {
      if (modals.onButton(event)) return true;
      if (event.id === 'back' && event.action === 'press') {
        port.previous();
        return true;
      }
      return false;
    },
    leave: () => {
      keyboard.text = '';
      if (keypad) keypad.text = '';
      modals.close();
    },
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const view = port.view();
      if (!view) {
        drawFrame(rc, vi ? 'Tờ khai đã được xóa' : 'The form was erased');
        const home = button(rc, {
          id: 'home',
          label: vi ? 'Về trang chủ' : 'Home',
          button: 'ok',
          rect: {
            x: 14 * scale,
            y: rc.height - 90 * scale,
            width: rc.width - 28 * scale,
            height: 72 * scale,
          },
          activate: () => nav.home(),
        });
        return home ? [home] : [];
      }
      sync(view);
      const f = view.state.field;
      // The count and the required marker stay whole; the card marker (the voice says it) gives
      // way first, then the section is cut at a word.
      const subtitle = [
        `${vi ? 'Mục' : 'Item'} ${view.index + 1}/${view.count}`,
        ...(view.state.section ? [{ shrink: view.state.section }] : []),
        f.required ? (vi ? 'bắt buộc' : 'required') : vi ? 'có thể bỏ trống' : 'optional',
        ...(view.state.prefilled ? [{ drop: vi ? 'lấy từ thẻ căn cước' : 'from your ID card' }] : []),
      ];
      drawFrame(rc, f.label, subtitle);
      const pad = theme.spacing * scale;
      // the field row as tall as a key (60 px large), so the keyboard below keeps 60 px keys too
      const top = Math.round(HEADER_MAX_HEIGHT * scale + 2 * scale);
      const fieldHeight = Math.round(Math.max(52, theme.minKey) * scale);
      const backWidth = Math.round(250 * scale);
      const targets: Target[] = [];
      const entry = entryOf(view);
      const bottom = rc.height - Math.round(2 * scale);
      const doneWidth = Math.round(190 * scale);
      /** "Xong" first in focus order: OK confirms what is shown. */
      let confirm: Target | undefined;
      if (entry !== 'choice') {
        textField(
          rc,
          { x: pad, y: top, width: rc.width - 3 * pad - backWidth, height: fieldHeight },
          typed(),
          placeholder(view, vi),
        );
      } else {
        const room = rc.width - 4 * pad - backWidth - doneWidth;
        g.font = font(theme.size.small * scale, 700);
        g.fillStyle = theme.text;
        g.textAlign = 'left';
        g.textBaseline = 'middle';
        g.fillText(
          ellipsize(
            g,
            view.state.value
              ? `${vi ? 'Đã chọn' : 'Chosen'}: ${view.state.value}`
              : vi
                ? 'Chọn một mục, rồi bấm Xong'
                : 'Choose one',
            room,
          ),
          pad,
          top + fieldHeight / 2,
        );
        confirm = button(rc, {
          id: 'choice:done',
          label: vi ? 'Xong' : 'Done',
          icon: 'ok',
          variant: 'primary',
          rect: {
            x: rc.width - 2 * pad - backWidth - doneWidth,
            y: top,
            width: doneWidth,
            height: fieldHeight,
          },
          activate: () => done(view.state.value),
        });
      }
      const back = compactButton(rc, {
        id: 'previous',
        rect: { x: rc.width - pad - backWidth, y: top, width: backWidth, height: fieldHeight },
        label: view.index === 0 ? (vi ? 'Thoát' : 'Leave') : vi ? 'Quay lại' : 'Previous',
        button: 'back',
        activate: () => port.previous(),
      });
      const area = { x: pad * 0.5, y: top + fieldHeight + 2 * scale, width: rc.width - pad, height: 0 };
      area.height = bottom - area.y;
      const entryTargets: Target[] = [];
      if (entry === 'choice') {
        const options = f.options ?? [];
        const extra = f.required ? 0 : 1;
        const columnsCount = options.length + extra > 4 ? 2 : 1;
        const cells = gridCells(
          { ...area, x: pad, width: rc.width - 2 * pad },
          options.length + extra,
          columnsCount,
          pad * 0.6,
        );
        // Options in focus order (1, 2, ...); the one picked is marked (✓, filled).
        options.forEach((option, i) => {
          const picked = view.state.value === option;
          const t = button(rc, {
            id: `option:${i + 1}`,
            label: option,
            button: String(i + 1) as '1',
            variant: picked ? 'primary' : 'default',
            ...(picked ? { icon: 'ok' as const } : {}),
            rect: cells[i] ?? area,
            activate: () => choose(option),
          });
          if (t) entryTargets.push(t);
        });
        if (extra) {
          const t = button(rc, {
            id: 'skip',
            label: vi ? 'Bỏ trống mục này' : 'Leave it empty',
            button: String(options.length + 1) as '1',
            rect: cells[options.length] ?? area,
            activate: () => choose(''),
          });
          if (t) entryTargets.push(t);
        }
      } else if (keypad) {
        const width = Math.min(area.width, Math.round(560 * scale));
        const keys = keypad.render(rc, { ...area, x: (rc.width - width) / 2, width });
        // Xong, then 0 (the panel has no 0 button: ▼ from Xong reaches it), then the rest.
        confirm = keys.find((t) => t.id === 'pad:done');
        const zero = keys.filter((t) => t.id === 'pad:0');
        entryTargets.push(...zero, ...keys.filter((t) => t !== confirm && !zero.includes(t)));
      } else {
        const keys = keyboard.render(rc, area);
        confirm = keys.find((t) => t.id === 'key:done');
        entryTargets.push(...keys.filter((t) => t !== confirm));
      }
      targets.push(...(confirm ? [confirm] : []), ...entryTargets, back);
      return modals.render(rc, targets);
    },
  };
}
