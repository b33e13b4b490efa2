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
  /**
   * The welcome and the numbered menu, read aloud; after the citizen switched the language or the
   * text size, first what was switched (said in the new language / size).
   */
  speech(lang: Lang, entries: readonly HomeEntry[], switched?: HomeSwitch): string;
}

/** What the citizen just switched on the home screen. */
export type HomeSwitch = { kind: 'lang' } | { kind: 'theme'; theme: 'normal' | 'large' };

/**
 * The start screen: numbered features (two columns when there are more than three), a language
 * switch, and the centre's name. A scan here starts a flow (CCCD greeting, appointment slip).
 */
export function createHomeScreen(nav: Navigator, deps: HomeScreenDeps): Screen {
  let switched: HomeSwitch | undefined;
  const announce = (what: HomeSwitch, apply: () => void): void => {
    switched = what;
    apply();
    nav.repeatSpeech();
  };
  return {
    name: 'home',
    speech: (lang) => {
      const said = deps.speech(lang, deps.entries, switched);
      switched = undefined;
      return said;
    },
    routesScans: true,
    render(rc) {
      const { lang, scale, theme, g } = rc;
      const area = drawFrame(rc, deps.centre, deps.agency);
      const footer = Math.round(Math.max(56, theme.minKey) * scale);
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
      // The footer: text size (the theme) and language, both visible and both reachable by focus.
      const vi = lang === 'vi';
      const large = nav.themeName === 'large';
      const gap = theme.spacing * scale;
      const themeLabel = large ? (vi ? 'Chữ thường' : 'Normal text') : vi ? 'Chữ to' : 'Large text';
      const langLabel = vi ? 'English' : 'Tiếng Việt';
      // Each tile as wide as its label needs (at least 180 px), so the hint beside them has room.
      g.font = font(theme.size.body * scale, 600);
      const tileFor = (label: string): number =>
        Math.round(Math.max(180 * scale, g.measureText(label).width + 2 * gap + 6 * scale));
      const themeWidth = tileFor(themeLabel);
      const tileWidth = tileFor(langLabel);
      const footerY = area.y + area.height - footer;
      const themeRect = {
        x: area.x + area.width - themeWidth - tileWidth - gap,
        y: footerY,
        width: themeWidth,
        height: footer,
      };
      const langRect = { x: area.x + area.width - tileWidth, y: footerY, width: tileWidth, height: footer };
      drawTile(rc, themeRect, themeLabel);
      drawTile(rc, langRect, langLabel);
      targets.push(
        {
          id: 'theme',
          rect: themeRect,
          label: themeLabel,
          activate: () => {
            const next = large ? 'normal' : 'large';
            announce({ kind: 'theme', theme: next }, () => nav.setTheme(next));
          },
        },
        {
          id: 'language',
          rect: langRect,
          label: langLabel,
          activate: () => announce({ kind: 'lang' }, () => nav.setLang(vi ? 'en' : 'vi')),
        },
      );
      g.fillStyle = theme.mutedText;
      g.font = font(theme.size.small * scale, 400);
      g.textAlign = 'left';
      g.textBaseline = 'middle';
      // The longest hint that fits beside the tiles (the voice says it in full).
      const room = themeRect.x - gap - area.x;
      const hint = (
        vi ? ['Bấm nút số hoặc chạm', 'Bấm số hoặc chạm'] : ['Press a number or touch', 'Press or touch']
      ).find((h) => g.measureText(h).width <= room);
      if (hint) g.fillText(hint, area.x, area.y + area.height - footer / 2);
      return targets;
    },
  };
}
