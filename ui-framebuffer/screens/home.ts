import type { ButtonId } from '../../drivers/buttons/types.js';
import { drawFrame, drawTile, gridCells } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';

/** A feature offered on the home screen, in order (its number button is its position). */
export interface HomeEntry {
  id: string;
  label: Localized;
  open(nav: Navigator): void | Promise<void>;
}

/** What the home screen shows and says. */
export interface HomeScreenDeps {
  centre: string;
  agency: string;
  entries: readonly HomeEntry[];
  /** The welcome and the numbered menu, read aloud. */
  speech(lang: Lang, entries: readonly HomeEntry[]): string;
}

/**
 * The start screen: numbered features (two columns when there are more than three), a language
 * switch, and the centre's name. A scan here starts a flow (CCCD greeting, appointment slip).
 */
export function createHomeScreen(nav: Navigator, deps: HomeScreenDeps): Screen {
  return {
    name: 'home',
    speech: (lang) => deps.speech(lang, deps.entries),
    routesScans: true,
    render(rc) {
      const { lang, scale, theme, g } = rc;
      const area = drawFrame(rc, deps.centre, deps.agency);
      const footer = Math.round(56 * scale);
      const cells = gridCells(
        { ...area, height: area.height - footer - theme.spacing * scale },
        deps.entries.length,
        deps.entries.length > 3 ? 2 : 1,
        theme.spacing * scale,
      );
      const targets: Target[] = deps.entries.map((entry, i) => {
        const rect = cells[i] as Target['rect'];
        const label = tr(entry.label, lang);
        drawTile(rc, rect, label, String(i + 1));
        return {
          id: entry.id,
          rect,
          button: String(i + 1) as ButtonId,
          label,
          activate: () => entry.open(nav),
        };
      });
      const langRect = {
        x: area.x + area.width - 220 * scale,
        y: area.y + area.height - footer,
        width: 220 * scale,
        height: footer,
      };
      drawTile(rc, langRect, lang === 'vi' ? 'English' : 'Tiếng Việt');
      targets.push({
        id: 'language',
        rect: langRect,
        label: lang === 'vi' ? 'English' : 'Tiếng Việt',
        activate: () => nav.setLang(lang === 'vi' ? 'en' : 'vi'),
      });
      g.fillStyle = theme.mutedText;
      g.font = font(theme.size.small * scale * 0.9, 400);
      g.textAlign = 'left';
      g.textBaseline = 'middle';
      g.fillText(
        lang === 'vi' ? 'Bấm nút số, chạm màn hình, hoặc quét thẻ' : 'Press a number, touch, or scan a card',
        area.x,
        area.y + area.height - footer / 2,
        area.width - langRect.width - theme.spacing * scale,
      );
      return targets;
    },
  };
}
