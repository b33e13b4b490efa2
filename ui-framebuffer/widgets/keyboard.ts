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

/**
 * Which keys: words (letters, Telex/VNI/plain mode), phrases (words and a ',' key: a form's
 * address separates house, commune and province by commas, a place or a reason may have them
 * too), or codes as printed (capitals, digits, . - /).
 */
export type KeyboardLayout = 'text' | 'phrase' | 'code';

function rows(layout: KeyboardLayout): Key[][] {
  const keys = (row: string): Key[] => [...row].map((c): Key => ({ key: c, span: 1 }));
  if (layout === 'code')
    // Four rows of eleven: the punctuation of a printed number sits beside the letters, so the
    // keys stay large on a short screen.
    return [
      [...keys('1234567890'), { key: '.', span: 1 }],
      [...keys('QWERTYUIOP'), { key: '-', span: 1 }],
      [...keys('ASDFGHJKL'), { key: '/', span: 1 }, { key: 'backspace', special: true, span: 1 }],
      [...keys('ZXCVBNM'), { key: 'clear', special: true, span: 2 }, { key: 'done', special: true, span: 2 }],
    ];
  const r = LETTER_ROWS.map(keys);
  if (layout === 'phrase') r[3]?.push({ key: ',', span: 1 });
  r[3]?.push({ key: 'backspace', special: true, span: 2 });
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

  /** Gap between keys at this scale. */
  private static gap(scale: number): number {
    return Math.max(2, 5 * scale);
  }

  /** Key widths a row is divided into (the widest row's spans). */
  private get columns(): number {
    return Math.max(...this.layout.map((row) => row.reduce((n, k) => n + k.span, 0)));
  }

  /**
   * The smallest area that keeps every key at least the theme's `minKey` on each side (60 px at
   * 800x480 in the large theme): screens lay out around it.
   */
  minSize(rc: Pick<RenderContext, 'theme' | 'scale'>): { width: number; height: number } {
    const key = rc.theme.minKey * rc.scale;
    const gap = OnScreenKeyboard.gap(rc.scale);
    const cols = this.columns;
    const rowCount = this.layout.length;
    return {
      width: Math.ceil(cols * key + (cols - 1) * gap),
      height: Math.ceil(rowCount * key + (rowCount - 1) * gap),
    };
  }

  render(rc: RenderContext, rect: Rect): Target[] {
    const { g, theme, scale, lang } = rc;
    const gap = OnScreenKeyboard.gap(scale);
    const rowH = (rect.height - gap * (this.layout.length - 1)) / this.layout.length;
    const cols = this.columns;
    const unit = (rect.width - gap * (cols - 1)) / cols;
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
          g.font = font(Math.min(rowH * 0.55, (special ? theme.size.small : theme.size.body) * scale), 600);
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

/**
 * `text` when it fits in `room`, else "…" and the longest end of it that fits (at least its last
 * character). The cut is found by halving, so a long address costs a handful of measures per frame
 * rather than one per character.
 */
export function tailThatFits(text: string, measure: (s: string) => number, room: number): string {
  if (measure(text) <= room) return text;
  const chars = [...text];
  // lo: a start known to fit (or the last character); hi: a start known not to fit.
  let lo = chars.length - 1;
  let hi = 0;
  while (lo - hi > 1) {
    const mid = (lo + hi) >> 1;
    if (measure(`…${chars.slice(mid).join('')}`) <= room) lo = mid;
    else hi = mid;
  }
  return `…${chars.slice(lo).join('')}`;
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
  const shown = tailThatFits(text, (s) => g.measureText(s).width, maxWidth - 6 * scale);
  g.fillStyle = theme.text;
  g.fillText(shown, rect.x + pad, cy);
  const caretX = rect.x + pad + g.measureText(shown).width + 3 * scale;
  g.fillRect(caretX, cy - theme.size.body * scale * 0.6, 3 * scale, theme.size.body * scale * 1.2);
}

/**
 * Splits `area` into a text field on top (56 px, down to 44 when the keys need the room) and the
 * keys below it, so keys never fall under the theme's smallest key where the area allows.
 */
export function fieldAndKeys(
  rc: RenderContext,
  area: Rect,
  keyboard: OnScreenKeyboard,
): { field: Rect; keys: Rect } {
  const { scale } = rc;
  const gap = rc.theme.spacing * scale;
  const need = keyboard.minSize(rc).height;
  const fieldHeight = Math.round(Math.max(44 * scale, Math.min(56 * scale, area.height - need - gap)));
  return {
    field: { ...area, height: fieldHeight },
    keys: { ...area, y: area.y + fieldHeight + gap, height: area.height - fieldHeight - gap },
  };
}
