import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { drawFocus } from '../../../ui-framebuffer/draw.js';
import { registerFonts } from '../../../runtime/fonts.js';
import type { Lang } from '../../../ui-framebuffer/localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { recordingContext, type DrawnText } from '../../helpers/text-recorder.js';

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

/**
 * A render context at 800×480 (scale 1, Hanoi time at `now`) whose text is recorded as it is
 * drawn (`rec.drawn`): what a screen wrote, read without OCR.
 */
export function recordingRenderContext(
  theme: 'normal' | 'large',
  lang: Lang,
  now: number = FIXED_NOW,
): { rc: RenderContext; rec: { g: RenderContext['g']; drawn: DrawnText[] } } {
  const rec = recordingContext(createCanvas(800, 480).getContext('2d'));
  const rc: RenderContext = {
    g: rec.g,
    width: 800,
    height: 480,
    theme: themeByName(theme),
    lang,
    scale: 1,
    now,
    timeZone: 'Asia/Ho_Chi_Minh',
  };
  return { rc, rec };
}
