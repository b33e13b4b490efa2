import type { ButtonId } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { roundRect } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { RenderContext, Target } from '../screen.js';
import { drawIcon } from './icons.js';

/** What a keypad types: plain digits, or a date whose slashes it puts in (05031990 → 05/03/1990). */
export type KeypadKind = 'digits' | 'date';

export interface KeypadOptions {
  id?: string;
  kind: KeypadKind;
  /** Most digits (a date: 8). */
  maxDigits: number;
  /** The "Xong" key. */
  onDone(text: string): void | Promise<void>;
}

const LABELS: Record<Lang, { backspace: string; clear: string; done: string }> = {
  vi: { backspace: 'Xoá', clear: 'Xoá hết', done: 'Xong' },
  en: { backspace: 'Delete', clear: 'Clear', done: 'Done' },
};

/**
 * A large numeric keypad for numbers, ID numbers, phone numbers and dates: 3 × 3 digits (the
 * panel's number buttons 1-9 type them too), 0, delete, clear and "Xong". A date is typed as its
 * eight digits and shown with its slashes.
 */
export class DigitKeypad {
  private digits = '';

  constructor(private readonly options: KeypadOptions) {}

  /** What the field shows: digits, or the date with slashes as far as typed. */
  get text(): string {
    if (this.options.kind !== 'date') return this.digits;
    const d = this.digits;
    if (d.length <= 2) return d;
    if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
    return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
  }

  /** Starts from a value (a date "dd/mm/yyyy" or anything: only its digits are kept). */
  set text(value: string) {
    this.digits = value.replace(/\D/g, '').slice(0, this.options.maxDigits);
  }

  press(key: string): void | Promise<void> {
    if (key === 'backspace') this.digits = this.digits.slice(0, -1);
    else if (key === 'clear') this.digits = '';
    else if (key === 'done') return this.options.onDone(this.text);
    else if (/^\d$/.test(key) && this.digits.length < this.options.maxDigits) this.digits += key;
  }

  render(rc: RenderContext, rect: Rect): Target[] {
    const { g, theme, scale, lang } = rc;
    const id = this.options.id ?? 'pad';
    const gap = Math.max(3, 6 * scale);
    const cols = 4;
    const rows = 4;
    const unitW = (rect.width - gap * (cols - 1)) / cols;
    const unitH = (rect.height - gap * (rows - 1)) / rows;
    const labels = LABELS[lang];
    // Row by row: 1 2 3 ⌫ / 4 5 6 Xoá hết / 7 8 9 (Xong, two rows tall) / 0 (three wide).
    const keys: { key: string; col: number; row: number; w: number; h: number }[] = [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
        key: String(n),
        col: (n - 1) % 3,
        row: Math.floor((n - 1) / 3),
        w: 1,
        h: 1,
      })),
      { key: 'backspace', col: 3, row: 0, w: 1, h: 1 },
      { key: 'clear', col: 3, row: 1, w: 1, h: 1 },
      { key: 'done', col: 3, row: 2, w: 1, h: 2 },
      { key: '0', col: 0, row: 3, w: 3, h: 1 },
    ];
    const targets: Target[] = [];
    for (const k of keys) {
      const r: Rect = {
        x: Math.round(rect.x + k.col * (unitW + gap)),
        y: Math.round(rect.y + k.row * (unitH + gap)),
        width: Math.round(k.w * unitW + (k.w - 1) * gap),
        height: Math.round(k.h * unitH + (k.h - 1) * gap),
      };
      const primary = k.key === 'done';
      roundRect(g, r, theme.radius * 0.6 * scale);
      g.fillStyle = primary ? theme.accent : theme.surface;
      g.fill();
      g.lineWidth = 1.5 * scale;
      g.strokeStyle = primary ? theme.accent : theme.mutedText;
      g.stroke();
      const fg = primary ? theme.accentText : theme.text;
      const digit = /^\d$/.test(k.key);
      const label = digit ? k.key : labels[k.key as keyof typeof labels];
      if (k.key === 'backspace') {
        const s = Math.min(r.height * 0.6, r.width * 0.45);
        drawIcon(
          g,
          'backspace',
          { x: r.x + (r.width - s) / 2, y: r.y + (r.height - s) / 2, width: s, height: s },
          fg,
        );
      } else {
        g.fillStyle = fg;
        g.textAlign = 'center';
        g.textBaseline = 'middle';
        g.font = font(
          Math.min(unitH * (digit ? 0.6 : 0.42), (digit ? theme.size.title : theme.size.body) * scale),
          digit ? 700 : 600,
        );
        g.fillText(label, r.x + r.width / 2, r.y + r.height / 2, r.width - 6);
      }
      const button: ButtonId | undefined = digit && k.key !== '0' ? (k.key as ButtonId) : undefined;
      targets.push({
        id: `${id}:${k.key}`,
        rect: r,
        ...(button ? { button } : {}),
        label,
        activate: () => this.press(k.key),
      });
    }
    return targets;
  }
}
