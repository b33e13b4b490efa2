import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { drawFocus } from '../../../ui-framebuffer/draw.js';
import { registerFonts } from '../../../runtime/fonts.js';
import type { Lang } from '../../../ui-framebuffer/localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';

/** Fixed instant for reproducible images: 08:30 in Hanoi. */
export const FIXED_NOW = Date.UTC(2026, 10, 25, 1, 30, 0);

export function stubNav(): Navigator & { refreshes: number } {
  const nav = {
    refreshes: 0,
    lang: 'vi' as Lang,
    open: () => undefined,
    go: () => undefined,
    replace: () => undefined,
    back: () => undefined,
    home: () => undefined,
    repeatSpeech: () => undefined,
    refresh: () => void nav.refreshes++,
    setLang: () => undefined,
    themeName: 'large' as 'normal' | 'large',
    setTheme: () => undefined,
  };
  return nav;
}

export function renderContext(
  width: number,
  height: number,
  theme: 'normal' | 'large',
  lang: Lang = 'vi',
): { canvas: Canvas; rc: RenderContext } {
  registerFonts();
  const canvas = createCanvas(width, height);
  const rc: RenderContext = {
    g: canvas.getContext('2d'),
    width,
    height,
    theme: themeByName(theme),
    lang,
    scale: Math.min(height / 480, width / 800),
    now: FIXED_NOW,
    timeZone: 'Asia/Ho_Chi_Minh',
  };
  return { canvas, rc };
}

/** Renders a screen like the UI service does (focus ring on the first target). */
export function renderScreen(
  screen: Screen,
  width: number,
  height: number,
  theme: 'normal' | 'large',
  lang: Lang = 'vi',
): { canvas: Canvas; targets: Target[] } {
  const { canvas, rc } = renderContext(width, height, theme, lang);
  const targets = screen.render(rc);
  if (targets[0]) drawFocus(rc, targets[0].rect);
  return { canvas, targets };
}
