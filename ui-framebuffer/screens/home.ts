import type { AppDeps } from '../app-deps.js';
import { drawFrame, drawTile, gridCells } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import { tr } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import type { ButtonId } from '../../drivers/buttons/types.js';
import { promptText } from '../../voice/prompts/index.js';

/**
 * The start screen: numbered features (two columns when there are more than three), a language
 * switch, and the centre's name. `onScan` lets a scan on the home screen start a flow (CCCD
 * greeting, appointment slip lookup).
 */
export function createHomeScreen(nav: Navigator, deps: AppDeps, onScan?: (data: string) => boolean): Screen {
  return {
    name: 'home',
    speech: (lang) =>
      [
        promptText('home.welcome', lang),
        ...deps.homeEntries.map((e, i) =>
          promptText('home.entry', lang, { button: i + 1, label: tr(e.label, lang).toLowerCase() }),
        ),
      ].join(' '),
    ...(onScan ? { onScan } : {}),
    render(rc) {
      const { lang, scale, theme, g } = rc;
      const area = drawFrame(rc, deps.config.device.centre, deps.config.device.agency);
      const footer = Math.round(56 * scale);
      const cells = gridCells(
        { ...area, height: area.height - footer - theme.spacing * scale },
        deps.homeEntries.length,
        deps.homeEntries.length > 3 ? 2 : 1,
        theme.spacing * scale,
      );
      const targets: Target[] = deps.homeEntries.map((entry, i) => {
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
