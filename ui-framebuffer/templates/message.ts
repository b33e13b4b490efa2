import type { ButtonId } from '../../drivers/buttons/types.js';
import { wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang, Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { button, columns, header, type ButtonVariant } from '../widgets/index.js';

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
      const buttonHeight = Math.round(72 * scale);
      const textArea = { ...area, height: area.height - buttonHeight - theme.spacing * scale };
      let y = textArea.y;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      spec.lines(lang).forEach((paragraph, i) => {
        const size = (i === 0 ? theme.size.body : theme.size.small) * scale;
        g.font = font(size, i === 0 ? 700 : 400);
        g.fillStyle =
          i === 0 && spec.tone === 'warning' ? theme.danger : i === 0 ? theme.text : theme.mutedText;
        for (const line of wrapText(g, paragraph, textArea.width)) {
          if (y + size * 1.3 > textArea.y + textArea.height) return;
          g.fillText(line, textArea.x, y, textArea.width);
          y += size * 1.3;
        }
        y += size * 0.4;
      });
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const actions = spec.actions.slice(0, 3);
      const cells = columns(
        row,
        actions.map(() => 1),
        theme.spacing * scale,
      );
      const targets: Target[] = [];
      actions.forEach((action, i) => {
        const t = button(rc, {
          id: action.id,
          rect: cells[i] ?? row,
          label: lang === 'vi' ? action.label.vi : action.label.en,
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
