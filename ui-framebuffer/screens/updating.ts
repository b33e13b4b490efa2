import { drawFrame, ellipsize, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { Screen } from '../screen.js';
import { drawIcon } from '../widgets/icons.js';

export interface UpdatingView {
  /** The release the kiosk switches to, and the one it runs now (null: unknown). */
  version: string;
  from: string | null;
  /** What the voice says (flows/speech/). */
  speech(lang: Lang): string;
}

const TEXT = {
  vi: {
    title: 'Đang cập nhật phần mềm',
    lead: 'Máy đang cập nhật và sẽ khởi động lại.',
    wait: 'Xin vui lòng chờ khoảng một phút.',
    version: (v: UpdatingView) => `Phiên bản ${v.version}${v.from ? ` (thay cho ${v.from})` : ''}`,
  },
  en: {
    title: 'Updating the software',
    lead: 'The kiosk is updating and will restart.',
    wait: 'Please wait about a minute.',
    version: (v: UpdatingView) => `Version ${v.version}${v.from ? ` (replacing ${v.from})` : ''}`,
  },
} as const;

/**
 * Shown while the kiosk switches to a new app release (the fleet updater, at idle): in large
 * text, what is happening and how long it takes, in the language shown (Vietnamese, or English
 * when the citizen chose it), and the versions for a technician standing there. No buttons: the kiosk restarts, and
 * the panel keeps this picture until the new release draws its first frame.
 */
export function createUpdatingScreen(view: UpdatingView): Screen {
  return {
    name: 'updating',
    speech: view.speech,
    describe: () => ({ version: view.version, from: view.from }),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const main = TEXT[lang];
      const area = drawFrame(rc, main.title);
      const gap = theme.spacing * scale;
      const icon = Math.round(64 * scale);
      drawIcon(g, 'info', { x: area.x, y: area.y, width: icon, height: icon }, theme.accent);
      const textX = area.x + icon + gap;
      const width = area.x + area.width - textX;
      // Paragraphs top-down, each in its size; lines that do not fit end the text with "…".
      // Title-sized or larger (40 px): read from a few steps away by whoever walks up to the kiosk.
      const big = Math.max(theme.size.title, 40) * scale;
      const paragraphs: { text: string; size: number; weight: 400 | 700; fill: string }[] = [
        { text: main.lead, size: big, weight: 700, fill: theme.text },
        { text: main.wait, size: big, weight: 400, fill: theme.text },
      ];
      const bottom = area.y + area.height;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      const room = bottom - theme.size.small * scale * 1.6;
      let y = area.y;
      let full = false;
      for (const p of paragraphs) {
        if (full) break;
        g.font = font(p.size, p.weight);
        g.fillStyle = p.fill;
        const lines = wrapText(g, p.text, width);
        for (const [i, line] of lines.entries()) {
          const last = y + 2 * p.size * 1.25 > room;
          if (last && i < lines.length - 1) {
            g.fillText(ellipsize(g, `${line.replace(/[.,;:]+$/, '')}…`, width), textX, y);
            full = true;
            break;
          }
          g.fillText(line, textX, y);
          y += p.size * 1.25;
        }
        y += p.size * 0.5;
        if (y + p.size > room) full = true;
      }
      // The versions at the foot, for the technician.
      g.font = font(theme.size.small * scale, 400);
      g.fillStyle = theme.mutedText;
      g.textBaseline = 'bottom';
      g.fillText(ellipsize(g, main.version(view), area.width), area.x, bottom);
      return [];
    },
    // Every button is ignored: nothing can be started while the kiosk restarts.
    onButton: () => true,
  };
}
