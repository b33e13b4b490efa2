import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { roundRect } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { RenderContext, Target } from '../screen.js';
import { drawBadge } from './button.js';
import { ellipsize } from './list.js';

/**
 * A button with the smaller text size, for secondary choices in narrow places (topic shortcuts,
 * "other matches"). Same badge and target behaviour as the toolkit's button.
 */
export interface CompactButtonSpec {
  id: string;
  rect: Rect;
  label: string;
  button: ButtonId;
  activate(): void | Promise<void>;
}

/** The width a compact button needs to show `label` whole at this height. */
export function compactButtonWidth(rc: RenderContext, label: string, height: number): number {
  const { g, theme, scale } = rc;
  g.font = font(theme.size.small * scale, 700);
  return Math.ceil(
    8 * scale +
      Math.min(height - 8 * scale, 44 * scale) +
      10 * scale +
      g.measureText(label).width +
      8 * scale,
  );
}

export function compactButton(rc: RenderContext, spec: CompactButtonSpec): Target {
  const { g, theme, scale } = rc;
  const { rect } = spec;
  roundRect(g, rect, theme.radius * scale);
  g.fillStyle = theme.surface;
  g.fill();
  g.lineWidth = 2 * scale;
  g.strokeStyle = theme.mutedText;
  g.stroke();
  const size = Math.min(rect.height - 8 * scale, 44 * scale);
  drawBadge(
    rc,
    { x: rect.x + 8 * scale, y: rect.y + (rect.height - size) / 2, width: size, height: size },
    spec.button,
  );
  const x = rect.x + 8 * scale + size + 10 * scale;
  g.font = font(theme.size.small * scale, 700);
  g.fillStyle = theme.text;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  const maxWidth = rect.x + rect.width - x - 6 * scale;
  g.fillText(ellipsize(g, spec.label, maxWidth), x, rect.y + rect.height / 2, maxWidth);
  return { id: spec.id, rect, button: spec.button, label: spec.label, activate: spec.activate };
}
