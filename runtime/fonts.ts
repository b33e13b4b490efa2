import { canvasLib } from './canvas.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The UI and receipt font: Be Vietnam Pro, designed for Vietnamese diacritics. */
export const FONT_FAMILY = 'Be Vietnam Pro';

/** The TTF file of one weight (upright or italic) of the bundled font, e.g. for PDF documents. */
export function fontFile(weight: 400 | 600 | 700 | 800 = 400, italic = false): string {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
  const name = { 400: '400Regular', 600: '600SemiBold', 700: '700Bold', 800: '800ExtraBold' }[weight];
  const folder = italic ? `${name}_Italic` : name;
  return join(pkg, folder, `BeVietnamPro_${folder}.ttf`);
}

let registered = false;

/** Registers the bundled font weights once per process. */
export function registerFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
  for (const weight of ['400Regular', '600SemiBold', '700Bold', '800ExtraBold']) {
    canvasLib().GlobalFonts.registerFromPath(join(pkg, weight, `BeVietnamPro_${weight}.ttf`), FONT_FAMILY);
  }
  registered = true;
}

export function font(sizePx: number, weight: 400 | 600 | 700 | 800 = 400): string {
  return `${weight} ${Math.round(sizePx)}px "${FONT_FAMILY}"`;
}
