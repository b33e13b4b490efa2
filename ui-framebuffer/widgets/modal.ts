import type { ButtonEvent, ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { roundRect, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Navigator, RenderContext, Target } from '../screen.js';
import { button, type ButtonVariant } from './button.js';
import { drawIcon, type IconName } from './icons.js';

export interface ModalAction {
  id: string;
  label: string;
  button?: ButtonId;
  variant?: ButtonVariant;
  activate(): void | Promise<void>;
}

export interface ModalSpec {
  title: string;
  message: string;
  icon?: IconName;
  actions: readonly ModalAction[];
}

/**
 * Draws a dialog over the (already drawn) screen: the screen is dimmed and only the dialog's
 * actions are returned as targets, so focus and number buttons stay inside the dialog.
 */
export function modal(rc: RenderContext, spec: ModalSpec): Target[] {
  const { g, theme, scale, width, height } = rc;
  g.fillStyle = theme.overlay;
  g.fillRect(0, 0, width, height);
  const w = Math.min(width - 40 * scale, 640 * scale);
  const pad = theme.spacing * 1.5 * scale;
  g.font = font(theme.size.body * scale, 400);
  const iconSize = spec.icon ? 44 * scale : 0;
  const textWidth = w - 2 * pad - (iconSize ? iconSize + pad : 0);
  const lines = wrapText(g, spec.message.normalize('NFC'), textWidth);
  const lineHeight = theme.size.body * scale * 1.3;
  const titleHeight = theme.size.title * scale * 1.4;
  const actionHeight = Math.round(64 * scale);
  const maxLines = Math.max(
    1,
    Math.floor((height - 80 * scale - titleHeight - actionHeight - 3 * pad) / lineHeight),
  );
  const shown = lines.slice(0, maxLines);
  const h = pad * 3 + titleHeight + shown.length * lineHeight + actionHeight;
  const box: Rect = { x: (width - w) / 2, y: Math.max(10 * scale, (height - h) / 2), width: w, height: h };
  roundRect(g, box, theme.radius * 1.5 * scale);
  g.fillStyle = theme.background;
  g.fill();
  g.lineWidth = 4 * scale;
  g.strokeStyle = theme.accent;
  g.stroke();
  let x = box.x + pad;
  if (spec.icon) {
    drawIcon(g, spec.icon, { x, y: box.y + pad, width: iconSize, height: iconSize }, theme.text);
    x += iconSize + pad;
  }
  g.fillStyle = theme.text;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.font = font(theme.size.title * scale, 700);
  g.fillText(spec.title, x, box.y + pad + titleHeight / 2, textWidth);
  g.font = font(theme.size.body * scale, 400);
  shown.forEach((line, i) =>
    g.fillText(line, x, box.y + pad + titleHeight + (i + 0.5) * lineHeight, textWidth),
  );
  const n = spec.actions.length;
  const gap = theme.spacing * scale;
  const aw = (w - 2 * pad - gap * (n - 1)) / Math.max(1, n);
  const ay = box.y + box.height - pad - actionHeight;
  const targets: Target[] = [];
  spec.actions.forEach((a, i) => {
    const t = button(rc, {
      id: a.id,
      rect: { x: box.x + pad + i * (aw + gap), y: ay, width: aw, height: actionHeight },
      label: a.label,
      ...(a.button ? { button: a.button } : {}),
      variant: a.variant ?? (i === n - 1 ? 'primary' : 'default'),
      activate: a.activate,
    });
    if (t) targets.push(t);
  });
  return targets;
}

export interface ConfirmSpec {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  icon?: IconName;
  danger?: boolean;
  onConfirm(): void | Promise<void>;
  onCancel?(): void;
}

/**
 * Keeps a screen's open dialog. In render: `return modals.render(rc, targets)`; in onButton:
 * `if (modals.onButton(e)) return true;` (BACK closes the dialog instead of leaving the screen).
 */
export class ModalHost {
  private spec: ModalSpec | undefined;
  private cancel: (() => void) | undefined;

  constructor(private readonly nav: Pick<Navigator, 'refresh'>) {}

  get isOpen(): boolean {
    return this.spec !== undefined;
  }

  get current(): ModalSpec | undefined {
    return this.spec;
  }

  open(spec: ModalSpec, onDismiss?: () => void): void {
    this.spec = {
      ...spec,
      actions: spec.actions.map((a) => ({
        ...a,
        activate: () => {
          this.close();
          return a.activate();
        },
      })),
    };
    this.cancel = onDismiss;
    this.nav.refresh();
  }

  /** A two-button confirmation: cancel is button 1 (left), confirm is OK (right). */
  confirm(spec: ConfirmSpec): void {
    this.open(
      {
        title: spec.title,
        message: spec.message,
        ...(spec.icon ? { icon: spec.icon } : {}),
        actions: [
          { id: 'cancel', label: spec.cancelLabel, button: '1', activate: () => spec.onCancel?.() },
          {
            id: 'confirm',
            label: spec.confirmLabel,
            button: 'ok',
            variant: spec.danger ? 'danger' : 'primary',
            activate: spec.onConfirm,
          },
        ],
      },
      spec.onCancel,
    );
  }

  close(): void {
    if (!this.spec) return;
    this.spec = undefined;
    this.cancel = undefined;
    this.nav.refresh();
  }

  render(rc: RenderContext, screenTargets: Target[]): Target[] {
    return this.spec ? modal(rc, this.spec) : screenTargets;
  }

  /** BACK dismisses the dialog; OK is left to the UI service (it activates the focused action). */
  onButton(event: ButtonEvent): boolean {
    if (!this.spec) return false;
    if (event.id === 'back' && event.action === 'press') {
      const cancel = this.cancel;
      this.close();
      cancel?.();
      return true;
    }
    return false;
  }
}
