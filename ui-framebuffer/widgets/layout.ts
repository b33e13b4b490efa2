import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { drawFrame } from '../draw.js';
import type { Subtitle } from '../subtitle.js';
import { font } from '../../runtime/fonts.js';
import type { RenderContext } from '../screen.js';
import { drawBadge } from './button.js';

/** Fills the background and draws the title bar; returns the content area below it. */
export function header(rc: RenderContext, title: string, subtitle?: Subtitle): Rect {
  return drawFrame(rc, title, subtitle);
}

export interface Hint {
  button: ButtonId;
  label: string;
}

/**
 * A footer bar that tells which physical button does what ("OK Chọn · ↩ Quay lại").
 * Draws at the bottom of `area` and returns the area above it.
 */
export function footerHints(rc: RenderContext, area: Rect, hints: readonly Hint[]): Rect {
  const { g, theme, scale } = rc;
  const height = Math.round(Math.max(44, theme.size.small * 1.7) * scale);
  const y = area.y + area.height - height;
  g.fillStyle = theme.surface;
  g.fillRect(0, y, rc.width, height + (rc.height - (area.y + area.height)));
  let x = area.x;
  const badge = height * 0.8;
  for (const hint of hints) {
    drawBadge(rc, { x, y: y + (height - badge) / 2, width: badge, height: badge }, hint.button);
    x += badge + 8 * scale;
    g.font = font(theme.size.small * scale, 600);
    g.textBaseline = 'middle';
    g.textAlign = 'left';
    g.fillStyle = theme.text;
    g.fillText(hint.label, x, y + height / 2);
    x += g.measureText(hint.label).width + 24 * scale;
    if (x > area.x + area.width) break;
  }
  return { ...area, height: area.height - height - theme.spacing * scale };
}

/** Splits `area` into a top part of `height` and the rest below a gap. */
export function splitTop(area: Rect, height: number, gap = 0): [Rect, Rect] {
  return [
    { ...area, height },
    { ...area, y: area.y + height + gap, height: Math.max(0, area.height - height - gap) },
  ];
}

/** Splits `area` into columns by weights, with gaps. */
export function columns(area: Rect, weights: readonly number[], gap = 0): Rect[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const free = area.width - gap * (weights.length - 1);
  let x = area.x;
  return weights.map((w) => {
    const width = Math.round((free * w) / total);
    const r = { x, y: area.y, width, height: area.height };
    x += width + gap;
    return r;
  });
}
