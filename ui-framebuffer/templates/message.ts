import type { ButtonId } from '../../drivers/buttons/types.js';
import { ellipsize, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang, Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { button, columns, fitsOneLine, header, type ButtonVariant } from '../widgets/index.js';

export interface MessageAction {
  id: string;
  label: Localized;
  button: ButtonId;
  variant?: ButtonVariant;
  activate(): void | Promise<void>;
}

export interface MessageSpec {
  name: string;
  title: Localized;
  /** Paragraphs, largest first. */
  lines: (lang: Lang) => string[];
  /** What the voice says (the flows choose it; see voice/prompts/). */
  speech: (lang: Lang) => string;
  /** Up to 3 buttons along the bottom. OK goes home unless an action takes it. */
  actions: MessageAction[];
  /** Draw the first line in the warning colour. */
  tone?: 'info' | 'warning';
  describe?: () => Record<string, unknown>;
  /** A scan here starts a citizen flow (see Screen.routesScans). */
  routesScans?: boolean;
}

/** A screen that explains something (closed, not found, offline, bad scan) and offers next steps. */
export function createMessageScreen(nav: Navigator, spec: MessageSpec): Screen {
  return {
    name: spec.name,
    speech: spec.speech,
    describe: () => ({ message: spec.lines('vi').join(' '), ...(spec.describe?.() ?? {}) }),
    ...(spec.routesScans ? { routesScans: true } : {}),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const area = header(rc, lang === 'vi' ? spec.title.vi : spec.title.en);
      const gap = theme.spacing * scale;
      const actions = spec.actions.slice(0, 3);
      const label = (a: MessageAction): string => (lang === 'vi' ? a.label.vi : a.label.en);
      // As many buttons to a row as keep every label on one line (all, two, or one).
      const fitIn = (n: number): boolean =>
        columns(
          area,
          Array.from({ length: n }, () => 1),
          gap,
        ).every((c, i, all) =>
          actions.every((a, j) => j % all.length !== i || fitsOneLine(rc, label(a), c.width)),
        );
      const perRow = [actions.length, 2, 1].find((n) => n >= 1 && n <= actions.length && fitIn(n)) ?? 1;
      const oneRow = perRow >= actions.length;
      const rows = Math.max(1, Math.ceil(actions.length / perRow));
      const buttonHeight = Math.round((oneRow ? 72 : 64) * scale);
      const buttonsHeight = rows * buttonHeight + (rows - 1) * gap;
      const textArea = { ...area, height: area.height - buttonsHeight - gap };
      // Every line laid out first, so a text longer than the room ends with "…" instead of stopping.
      const laid: { text: string; size: number; weight: 400 | 700; fill: string; y: number }[] = [];
      let y = textArea.y;
      spec.lines(lang).forEach((paragraph, i) => {
        const size = (i === 0 ? theme.size.body : theme.size.small) * scale;
        const weight: 400 | 700 = i === 0 ? 700 : 400;
        g.font = font(size, weight);
        const fill =
          i === 0 && spec.tone === 'warning' ? theme.danger : i === 0 ? theme.text : theme.mutedText;
        for (const text of wrapText(g, paragraph, textArea.width)) {
          laid.push({ text, size, weight, fill, y });
          y += size * 1.3;
        }
        y += size * 0.4;
      });
      const bottom = textArea.y + textArea.height;
      const fits = laid.filter((l) => l.y + l.size * 1.3 <= bottom + 1);
      g.textAlign = 'left';
      g.textBaseline = 'top';
      fits.forEach((l, i) => {
        g.font = font(l.size, l.weight);
        g.fillStyle = l.fill;
        const cut = i === fits.length - 1 && fits.length < laid.length;
        g.fillText(cut ? ellipsize(g, `${l.text}…`, textArea.width) : l.text, textArea.x, l.y);
      });
      const cells = actions.map((_, i) => {
        const r = Math.floor(i / perRow);
        const row = {
          ...area,
          y: area.y + area.height - buttonsHeight + r * (buttonHeight + gap),
          height: buttonHeight,
        };
        return (
          columns(
            row,
            Array.from({ length: perRow }, () => 1),
            gap,
          )[i % perRow] ?? row
        );
      });
      const targets: Target[] = [];
      actions.forEach((action, i) => {
        const t = button(rc, {
          id: action.id,
          rect: cells[i] ?? area,
          label: label(action),
          button: action.button,
          ...(action.variant ? { variant: action.variant } : {}),
          activate: action.activate,
        });
        // The OK action comes first in focus order, so OK (with focus untouched) activates it.
        if (t && action.button === 'ok') targets.unshift(t);
        else if (t) targets.push(t);
      });
      return targets;
    },
    onButton(event) {
      if (event.id !== 'ok' || event.action !== 'press') return false;
      if (spec.actions.some((a) => a.button === 'ok')) return false;
      nav.home();
      return true;
    },
  };
}

export const HOME_ACTION = (nav: Navigator): MessageAction => ({
  id: 'home',
  label: { vi: 'Về trang chủ', en: 'Home' },
  button: 'ok',
  activate: () => nav.home(),
});
