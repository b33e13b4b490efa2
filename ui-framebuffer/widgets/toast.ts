import { roundRect, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Navigator, RenderContext } from '../screen.js';
import { drawIcon } from './icons.js';

export type ToastKind = 'info' | 'success' | 'error';

/**
 * A short message at the bottom of the screen ("Đã in phiếu"). It hides itself after `ms` with
 * one redraw; nothing redraws while it is shown. Call render(rc) last in the screen's render,
 * and dispose() in leave().
 */
export class Toast {
  private message: string | undefined;
  private kind: ToastKind = 'info';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly nav: Pick<Navigator, 'refresh'>,
    private readonly defaultMs = 3000,
  ) {}

  get text(): string | undefined {
    return this.message;
  }

  show(message: string, kind: ToastKind = 'info', ms = this.defaultMs): void {
    this.message = message.normalize('NFC');
    this.kind = kind;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), ms);
    this.timer.unref();
    this.nav.refresh();
  }

  hide(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.message === undefined) return;
    this.message = undefined;
    this.nav.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.message = undefined;
  }

  render(rc: RenderContext): void {
    if (this.message === undefined) return;
    const { g, theme, scale, width, height } = rc;
    const pad = theme.spacing * scale;
    const maxW = Math.min(width - 4 * pad, 680 * scale);
    g.font = font(theme.size.body * scale, 600);
    const icon = 36 * scale;
    const lines = wrapText(g, this.message, maxW - icon - 3 * pad).slice(0, 2);
    const lineHeight = theme.size.body * scale * 1.25;
    const w = Math.min(maxW, Math.max(...lines.map((l) => g.measureText(l).width)) + icon + 3 * pad);
    const h = lines.length * lineHeight + 2 * pad;
    const x = (width - w) / 2;
    const y = height - h - 2 * pad;
    const bg = this.kind === 'error' ? theme.danger : theme.accent;
    const fg = this.kind === 'error' ? theme.dangerText : theme.accentText;
    roundRect(g, { x, y, width: w, height: h }, theme.radius * scale);
    g.fillStyle = bg;
    g.fill();
    drawIcon(
      g,
      this.kind === 'error' ? 'warning' : this.kind === 'success' ? 'ok' : 'info',
      { x: x + pad, y: y + (h - icon) / 2, width: icon, height: icon },
      fg,
    );
    g.fillStyle = fg;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    lines.forEach((l, i) => g.fillText(l, x + icon + 2 * pad, y + pad + (i + 0.5) * lineHeight));
  }
}
