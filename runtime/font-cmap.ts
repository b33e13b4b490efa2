/**
 * Which characters of a text a TrueType/OpenType font has no glyph for, read from its `cmap`
 * table (Unicode subtables: format 4 for the Basic Multilingual Plane, format 12 for all planes).
 * `kiosk doctor` checks the bundled font with this instead of loading the canvas library and
 * drawing (#16): the same answer for the font files, without ~20 ms of native module start.
 */

/** The font file is not a font, or its character map cannot be read. */
export class FontFileError extends Error {
  override name = 'FontFileError';
}

type GlyphOf = (codePoint: number) => number;

/** The characters of `text` (once each, in order) that map to no glyph (glyph 0) in `font`. */
export function missingGlyphs(font: Uint8Array, text: string): string[] {
  const glyphOf = unicodeMap(new DataView(font.buffer, font.byteOffset, font.byteLength));
  const missing: string[] = [];
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0) as number;
    if (glyphOf(cp) === 0) missing.push(ch);
  }
  return missing;
}

function unicodeMap(v: DataView): GlyphOf {
  const at = (offset: number, size: 2 | 4): number => {
    if (offset < 0 || offset + size > v.byteLength) throw new FontFileError('cut short');
    return size === 2 ? v.getUint16(offset) : v.getUint32(offset);
  };
  const version = at(0, 4);
  // TrueType outlines (1.0 or 'true') or CFF ('OTTO')
  if (version !== 0x00010000 && version !== 0x74727565 && version !== 0x4f54544f)
    throw new FontFileError('not a TrueType/OpenType font');
  let cmap = -1;
  for (let i = 0, n = at(4, 2); i < n; i++)
    if (at(12 + 16 * i, 4) === 0x636d6170 /* 'cmap' */) cmap = at(12 + 16 * i + 8, 4);
  if (cmap < 0) throw new FontFileError('no character map (cmap table)');
  let best: GlyphOf | undefined;
  let bestFormat = 0;
  for (let i = 0, n = at(cmap + 2, 2); i < n; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = at(record, 2);
    const encoding = at(record + 2, 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const table = cmap + at(record + 4, 4);
    const format = at(table, 2);
    if (format === 12 && bestFormat !== 12) {
      best = format12(table, at);
      bestFormat = 12;
    } else if (format === 4 && bestFormat === 0) {
      best = format4(table, at);
      bestFormat = 4;
    }
  }
  if (!best) throw new FontFileError('no Unicode character map (format 4 or 12)');
  return best;
}

function format4(table: number, at: (offset: number, size: 2 | 4) => number): GlyphOf {
  const segments = at(table + 6, 2) / 2;
  const ends = table + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (at(ends + 2 * s, 2) < cp) continue;
      const start = at(starts + 2 * s, 2);
      if (start > cp) return 0;
      const delta = at(deltas + 2 * s, 2);
      const rangeOffset = at(rangeOffsets + 2 * s, 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = at(rangeOffsets + 2 * s + rangeOffset + 2 * (cp - start), 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

function format12(table: number, at: (offset: number, size: 2 | 4) => number): GlyphOf {
  const groups = at(table + 12, 4);
  return (cp) => {
    for (let g = 0; g < groups; g++) {
      const group = table + 16 + 12 * g;
      const start = at(group, 4);
      if (cp < start) return 0;
      if (cp <= at(group + 4, 4)) return at(group + 8, 4) + (cp - start);
    }
    return 0;
  };
}
