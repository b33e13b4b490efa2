import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { ellipsize, roundRect, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { RenderContext, Target } from '../screen.js';
import { drawIcon, type IconName } from './icons.js';

export type ButtonVariant = 'default' | 'primary' | 'danger';

export interface ButtonSpec {
  id: string;
  rect: Rect;
  label: string;
  /** Physical button that activates it; shown as a badge ("1", "OK", arrow icons). */
  button?: ButtonId;
  variant?: ButtonVariant;
  icon?: IconName;
  /** Greyed out and not returned as a target. */
  disabled?: boolean;
  /** Spoken name when focused; defaults to the label (with the button number). */
  speech?: string;
  activate(): void | Promise<void>;
}

const BADGE_ICON: Partial<Record<ButtonId, IconName>> = { up: 'up', down: 'down', back: 'back', ok: 'ok' };

/** Draws the physical-button badge (a filled circle with the number or icon) at `rect`. */
export function drawBadge(rc: RenderContext, rect: Rect, button: ButtonId, inverted = false): void {
  const { g, theme } = rc;
  const size = Math.min(rect.width, rect.height);
  roundRect(g, { x: rect.x, y: rect.y, width: size, height: size }, size / 2);
  g.fillStyle = inverted ? theme.accentText : theme.accent;
  g.fill();
  const fg = inverted ? theme.accent : theme.accentText;
  const icon = BADGE_ICON[button];
  if (icon && button !== 'ok') {
    const pad = size * 0.2;
    drawIcon(
      g,
      icon,
      { x: rect.x + pad, y: rect.y + pad, width: size - 2 * pad, height: size - 2 * pad },
      fg,
    );
    return;
  }
  g.fillStyle = fg;
  g.font = font(size * (button === 'ok' ? 0.56 : 0.6), 800);
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(button.toUpperCase(), rect.x + size / 2, rect.y + size / 2 + 1);
}

/** Whether `label` fits one line of a `button` of this width (with a badge when `badge`). */
export function fitsOneLine(rc: RenderContext, label: string, width: number, badge = true): boolean {
  const { g, theme, scale } = rc;
  const pad = theme.spacing * scale;
  const room = width - 2 * pad - (badge ? 10 * scale + 56 * scale : 0);
  g.font = font(theme.size.body * scale, 600);
  return g.measureText(label).width <= room;
}

/**
 * A large kiosk button: rounded, outlined, label wrapped to two lines, optional button badge
 * and icon. Returns the Target the UI service focuses and activates (undefined when disabled).
 */
export function button(rc: RenderContext, spec: ButtonSpec): Target | undefined {
  const { g, theme, scale } = rc;
  const { rect } = spec;
  const variant = spec.variant ?? 'default';
  const fill = variant === 'primary' ? theme.accent : variant === 'danger' ? theme.danger : theme.surface;
  const fg = variant === 'default' ? theme.text : variant === 'danger' ? theme.dangerText : theme.accentText;
  roundRect(g, rect, theme.radius * scale);
  if (spec.disabled) {
    // Unavailable: no fill, a dashed outline, so it reads as "not now" in both themes.
    g.save();
    g.setLineDash([6 * scale, 6 * scale]);
    g.lineWidth = 2 * scale;
    g.strokeStyle = theme.mutedText;
    g.stroke();
    g.restore();
  } else {
    g.fillStyle = fill;
    g.fill();
    g.lineWidth = 2 * scale;
    g.strokeStyle = variant === 'default' ? theme.mutedText : fill;
    g.stroke();
  }
  const pad = theme.spacing * scale;
  let x = rect.x + pad;
  if (spec.button) {
    const size = Math.min(rect.height - 16 * scale, 56 * scale);
    drawBadge(
      rc,
      { x: rect.x + 10 * scale, y: rect.y + (rect.height - size) / 2, width: size, height: size },
      spec.button,
      variant !== 'default',
    );
    x = rect.x + 10 * scale + size + pad;
  }
  if (spec.icon) {
    const size = Math.min(rect.height * 0.6, 40 * scale);
    drawIcon(g, spec.icon, { x, y: rect.y + (rect.height - size) / 2, width: size, height: size }, fg);
    x += size + pad * 0.75;
  }
  const maxWidth = rect.x + rect.width - x - pad;
  g.fillStyle = spec.disabled ? theme.mutedText : fg;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  let size = theme.size.body * scale;
  g.font = font(size, 600);
  // One line, down to the theme's least size; else two lines where the button is tall enough
  // (down to the small size); a label still too long ends with "…".
  while (g.measureText(spec.label).width > maxWidth && size > theme.size.least * scale) {
    size = Math.max(theme.size.least * scale, size - 1);
    g.font = font(size, 600);
  }
  let lines = [spec.label];
  if (g.measureText(spec.label).width > maxWidth) {
    size = theme.size.body * scale;
    const twoLines = (px: number): boolean => 2 * px * 1.15 + 6 * scale <= rect.height;
    while (!twoLines(size) && size > theme.size.least * scale)
      size = Math.max(theme.size.least * scale, size - 1);
    g.font = font(size, 600);
    lines = twoLines(size) ? wrapText(g, spec.label, maxWidth) : [spec.label];
    while (lines.length > 2 && size > theme.size.small * scale) {
      size -= 1;
      g.font = font(size, 600);
      lines = wrapText(g, spec.label, maxWidth);
    }
    // A word broken inside (wider than the line) reads as two words: keep it whole, cut with "…".
    if (spec.label.split(/\s+/).some((w) => g.measureText(w).width > maxWidth)) lines = [spec.label];
  }
  const shown = lines.slice(0, 2);
  if (lines.length === 1) shown[0] = ellipsize(g, spec.label, maxWidth);
  // Still more than two lines: the second ends with "…", never cut silently.
  if (lines.length > 2) shown[1] = ellipsize(g, `${shown[1] ?? ''}…`, maxWidth);
  const lineHeight = size * 1.15;
  shown.forEach((line, i) => {
    g.fillText(line, x, rect.y + rect.height / 2 + (i - (shown.length - 1) / 2) * lineHeight, maxWidth);
  });
  if (spec.disabled) return undefined;
  return {
    id: spec.id,
    rect,
    ...(spec.button ? { button: spec.button } : {}),
    label: spec.speech ?? spec.label,
    activate: spec.activate,
  };
}

/**
 * A row of buttons whose widths follow their labels (a short "Nghe lại" beside a long "Lấy số thứ
 * tự"), so each label keeps one line where the row allows it. Returns the targets in order.
 */
export function buttonRow(
  rc: RenderContext,
  row: Rect,
  specs: readonly Omit<ButtonSpec, 'rect'>[],
): Target[] {
  const { g, theme, scale } = rc;
  const pad = theme.spacing * scale;
  const gap = pad;
  g.font = font(theme.size.body * scale, 600);
  const natural = specs.map(
    (s) =>
      g.measureText(s.label).width +
      2 * pad +
      (s.button ? 10 * scale + Math.min(row.height - 16 * scale, 56 * scale) : 0) +
      (s.icon ? Math.min(row.height * 0.6, 40 * scale) + pad * 0.75 : 0),
  );
  const free = row.width - gap * (specs.length - 1);
  const sum = natural.reduce((a, b) => a + b, 0);
  const widths =
    sum <= free ? natural.map((w) => w + (free - sum) / specs.length) : natural.map((w) => (w * free) / sum);
  const targets: Target[] = [];
  let x = row.x;
  specs.forEach((s, i) => {
    const width = Math.round(widths[i] ?? 0);
    const t = button(rc, { ...s, rect: { ...row, x: Math.round(x), width } });
    if (t) targets.push(t);
    x += width + gap;
  });
  return targets;
}
