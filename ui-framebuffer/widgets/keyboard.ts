import type { Rect } from '../../drivers/display/types.js';
import { roundRect } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { RenderContext, Target } from '../screen.js';
import { ViComposer, type ImeScheme } from '../../runtime/text/vi-ime.js';
import { drawIcon } from './icons.js';
import { ellipsize } from './list.js';

type SpecialKey = 'space' | 'backspace' | 'mode' | 'clear' | 'done';

interface Key {
  /** A character to type, or a special key. */
  key: string | SpecialKey;
  special?: boolean;
  /** Relative width (1 = a letter key). */
  span: number;
}

const LETTER_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Which keys: words (letters, Telex/VNI/plain mode) or codes as printed (capitals, digits, . - /). */
export type KeyboardLayout = 'text' | 'code';

function rows(layout: KeyboardLayout): Key[][] {
  const letters = layout === 'code' ? LETTER_ROWS.map((row) => row.toUpperCase()) : LETTER_ROWS;
  const r = letters.map((row) => [...row].map((c): Key => ({ key: c, span: 1 })));
  r[3]?.push({ key: 'backspace', special: true, span: 2 });
  if (layout === 'code')
    r.push([
      { key: '.', span: 1 },
      { key: '-', span: 1 },
      { key: '/', span: 1 },
      { key: 'clear', special: true, span: 3 },
      { key: 'done', special: true, span: 3 },
    ]);
  else
    r.push([
      { key: 'mode', special: true, span: 2 },
      { key: 'space', special: true, span: 4 },
      { key: 'clear', special: true, span: 2 },
      { key: 'done', special: true, span: 2 },
    ]);
  return r;
}

/** What the keyboard types now: Telex, VNI or plain letters (`abc`), or a code (`code`). */
export type KeyboardMode = 'telex' | 'vni' | 'abc' | 'code';

const MODE_LABELS: Record<KeyboardMode, string> = { telex: 'Telex', vni: 'VNI', abc: 'ABC', code: '' };

const LABELS: Record<Lang, Record<SpecialKey, string>> = {
  vi: { space: 'Dấu cách', backspace: 'Xoá', mode: 'Telex', clear: 'Xoá hết', done: 'Xong' },
  en: { space: 'Space', backspace: 'Delete', mode: 'Telex', clear: 'Clear', done: 'Done' },
};

export interface KeyboardOptions {
  id?: string;
  scheme?: ImeScheme;
  /** 'code' for numbers as printed (a dossier number): no Telex, no mode key (default 'text'). */
  layout?: KeyboardLayout;
  maxLength?: number;
  /** Called after every key with the new text. */
  onChange?(text: string): void;
  /** Called by the "Xong/Done" key. */
  onDone?(text: string): void | Promise<void>;
}

/**
 * On-screen keyboard with Vietnamese Telex (typing "ddawng kys" shows "đăng ký"); the mode key
 * switches Telex / VNI / plain letters. Every key is a target, so it works by touch and by
 * up/down + OK. Draw the text being typed with `textField`.
 */
export class OnScreenKeyboard {
  readonly composer: ViComposer;
  private readonly layout: Key[][];

  constructor(private readonly options: KeyboardOptions = {}) {
    this.layout = rows(options.layout ?? 'text');
    this.composer = new ViComposer(options.layout === 'code' ? 'off' : (options.scheme ?? 'telex'));
  }

  /** The mode the screen shows (and the state reports): the same word as the mode key. */
  get mode(): KeyboardMode {
    if (this.options.layout === 'code') return 'code';
    return this.composer.scheme === 'off' ? 'abc' : this.composer.scheme;
  }

  get text(): string {
    return this.composer.text;
  }

  set text(value: string) {
    this.composer.text = value;
  }

  /** Presses a key as if touched: a character, or 'space' | 'backspace' | 'mode' | 'clear' | 'done'. */
  press(key: string): void | Promise<void> {
    switch (key) {
      case 'space':
        this.composer.type(' ');
        break;
      case 'backspace':
        this.composer.backspace();
        break;
      case 'clear':
        this.composer.clear();
        break;
      case 'mode':
        if (this.options.layout === 'code') return; // a code is typed as printed
        this.composer.scheme =
          this.composer.scheme === 'telex' ? 'vni' : this.composer.scheme === 'vni' ? 'off' : 'telex';
        return;
      case 'done':
        return this.options.onDone?.(this.composer.text);
      default:
        if (this.options.maxLength !== undefined && [...this.composer.text].length >= this.options.maxLength)
          return;
        this.composer.type(key);
    }
    this.options.onChange?.(this.composer.text);
  }

  render(rc: RenderContext, rect: Rect): Target[] {
    const { g, theme, scale, lang } = rc;
    const gap = Math.max(2, 5 * scale);
    const rowH = (rect.height - gap * (this.layout.length - 1)) / this.layout.length;
    const unit = (rect.width - gap * 9) / 10;
    const targets: Target[] = [];
    const id = this.options.id ?? 'kb';
    this.layout.forEach((row, ri) => {
      const spans = row.reduce((n, k) => n + k.span, 0);
      const rowWidth = spans * unit + (spans - 1) * gap;
      let x = rect.x + (rect.width - rowWidth) / 2;
      const y = rect.y + ri * (rowH + gap);
      for (const k of row) {
        const w = k.span * unit + (k.span - 1) * gap;
        const r: Rect = {
          x: Math.round(x),
          y: Math.round(y),
          width: Math.round(w),
          height: Math.round(rowH),
        };
        x += w + gap;
        const special = k.special ? (k.key as SpecialKey) : undefined;
        const primary = special === 'done';
        roundRect(g, r, theme.radius * 0.6 * scale);
        g.fillStyle = primary ? theme.accent : theme.surface;
        g.fill();
        g.lineWidth = 1.5 * scale;
        g.strokeStyle = primary ? theme.accent : theme.mutedText;
        g.stroke();
        const fg = primary ? theme.accentText : theme.text;
        let label = special ? LABELS[lang][special] : k.key;
        if (special === 'mode') label = MODE_LABELS[this.mode];
        if (special === 'backspace') {
          const s = Math.min(r.height * 0.6, r.width * 0.5);
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
          g.font = font(Math.min(rowH * (special ? 0.4 : 0.55), theme.size.body * scale), 600);
          g.fillText(
            special ? label : label.toUpperCase(),
            r.x + r.width / 2,
            r.y + r.height / 2,
            r.width - 4,
          );
        }
        targets.push({
          id: `${id}:${k.key}`,
          rect: r,
          label,
          activate: () => this.press(k.key),
        });
      }
    });
    return targets;
  }
}

/** A one-line input box showing `text` (its end when too long) or a muted placeholder, with a caret. */
export function textField(rc: RenderContext, rect: Rect, text: string, placeholder: string): void {
  const { g, theme, scale } = rc;
  roundRect(g, rect, theme.radius * scale);
  g.fillStyle = theme.background;
  g.fill();
  g.lineWidth = 3 * scale;
  g.strokeStyle = theme.accent;
  g.stroke();
  const pad = theme.spacing * scale;
  const maxWidth = rect.width - 2 * pad;
  g.font = font(theme.size.body * scale, 600);
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  const cy = rect.y + rect.height / 2;
  if (!text) {
    g.fillStyle = theme.mutedText;
    g.font = font(theme.size.body * scale, 400);
    g.fillText(ellipsize(g, placeholder, maxWidth), rect.x + pad, cy);
    return;
  }
  let shown = text;
  while ([...shown].length > 1 && g.measureText(`…${shown}`).width > maxWidth - 6 * scale)
    shown = [...shown].slice(1).join('');
  if (shown !== text) shown = `…${shown}`;
  g.fillStyle = theme.text;
  g.fillText(shown, rect.x + pad, cy);
  const caretX = rect.x + pad + g.measureText(shown).width + 3 * scale;
  g.fillRect(caretX, cy - theme.size.body * scale * 0.6, 3 * scale, theme.size.body * scale * 1.2);
}
