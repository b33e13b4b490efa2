import type { Rect } from '../../drivers/display/types.js';
import { roundRect } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { RenderContext } from '../screen.js';

/** A progress bar (fraction 0..1) with an optional label centred above it. */
export function progressBar(rc: RenderContext, rect: Rect, fraction: number, label?: string): void {
  const { g, theme, scale } = rc;
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  let bar = rect;
  if (label) {
    const labelHeight = theme.size.small * scale * 1.4;
    g.fillStyle = theme.text;
    g.font = font(theme.size.small * scale, 600);
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(label, rect.x + rect.width / 2, rect.y + labelHeight / 2, rect.width);
    bar = { ...rect, y: rect.y + labelHeight, height: rect.height - labelHeight };
  }
  roundRect(g, bar, bar.height / 2);
  g.fillStyle = theme.surface;
  g.fill();
  g.lineWidth = 2 * scale;
  g.strokeStyle = theme.mutedText;
  g.stroke();
  if (f > 0) {
    roundRect(g, { ...bar, width: Math.max(bar.height, bar.width * f) }, bar.height / 2);
    g.fillStyle = theme.accent;
    g.fill();
  }
}

/** Step dots for multi-step flows ("bước 2/4"). */
export function stepDots(rc: RenderContext, rect: Rect, current: number, total: number): void {
  const { g, theme } = rc;
  const r = Math.min(rect.height / 2, rect.width / (total * 3));
  const gap = r * 3;
  const start = rect.x + rect.width / 2 - ((total - 1) * gap) / 2;
  for (let i = 0; i < total; i++) {
    g.beginPath();
    g.arc(start + i * gap, rect.y + rect.height / 2, r, 0, Math.PI * 2);
    g.fillStyle = i <= current ? theme.accent : theme.surface;
    g.fill();
    g.lineWidth = 2;
    g.strokeStyle = theme.mutedText;
    g.stroke();
  }
}
