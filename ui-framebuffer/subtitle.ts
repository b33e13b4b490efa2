import type { SKRSContext2D } from '@napi-rs/canvas';

/** A part of a subtitle that gives way: cut at a word with "…" (`shrink`), or left out (`drop`). */
export type SubtitlePart = string | { shrink: string } | { drop: string };

/**
 * A title bar's second line. A plain string is cut with "…" when it does not fit. As parts, they
 * are joined by " · " and a plain part always stays whole (a count such as "Mục 8/29", a "bắt
 * buộc" marker). When the whole line does not fit, the `drop` parts are left out first, then the
 * `shrink` part (a section name) is cut at a word with "…", or left out when too little of it
 * would show to mean anything.
 */
export type Subtitle = string | readonly SubtitlePart[];

/** Fewest characters of a cut part worth showing (fewer reads as noise: "Ng…"). */
const LEAST_SHOWN = 6;

const SEPARATOR = ' · ';

const textOf = (p: SubtitlePart): string => (typeof p === 'string' ? p : 'shrink' in p ? p.shrink : p.drop);

/** The text of `subtitle` as it fits `room` px at the current font (see {@link Subtitle}). */
export function fitSubtitle(g: SKRSContext2D, subtitle: Subtitle, room: number): string {
  if (typeof subtitle === 'string') return cut(g, subtitle, room) ?? '…';
  const fits = (text: string): boolean => g.measureText(text).width <= room;
  const whole = subtitle.map(textOf).join(SEPARATOR);
  if (fits(whole)) return whole;
  // Without the parts that may be left out.
  const kept = subtitle.filter((p) => typeof p === 'string' || 'shrink' in p);
  const keptText = kept.map(textOf).join(SEPARATOR);
  if (fits(keptText)) return keptText;
  const at = kept.findIndex((p) => typeof p !== 'string');
  const fixed = kept.filter((p): p is string => typeof p === 'string');
  if (at >= 0) {
    const others = g.measureText(fixed.join(SEPARATOR) + SEPARATOR).width;
    const shown = cut(g, textOf(kept[at] ?? ''), room - others);
    if (shown !== undefined && [...shown].length > LEAST_SHOWN)
      return kept.map((p, i) => (i === at ? shown : textOf(p))).join(SEPARATOR);
  }
  const bare = fixed.join(SEPARATOR);
  // The whole parts alone should always fit; if not, they are cut like any text.
  return fits(bare) ? bare : (cut(g, bare, room) ?? '…');
}

/**
 * `text` whole when it fits, else cut with "…" after the last whole word that fits (between
 * characters when not even the first word does); undefined when not one character fits.
 */
function cut(g: SKRSContext2D, text: string, room: number): string | undefined {
  if (g.measureText(text).width <= room) return text;
  const words = text.split(' ');
  for (let n = words.length - 1; n > 0; n--) {
    const candidate = `${words
      .slice(0, n)
      .join(' ')
      .replace(/[\s,;:.·-]+$/u, '')}…`;
    if (g.measureText(candidate).width <= room) return candidate;
  }
  const chars = [...text];
  while (chars.length > 0 && g.measureText(`${chars.join('').trimEnd()}…`).width > room) chars.pop();
  return chars.length > 0 ? `${chars.join('').trimEnd()}…` : undefined;
}
