import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontFile } from '../../../runtime/fonts.js';
import { FontFileError, missingGlyphs } from '../../../runtime/font-cmap.js';
import { fontsCheck } from '../../../technician/doctor/app-checks.js';
import type { CheckResult } from '../../../runtime/check-result.js';
import { tempDir } from '../../helpers/sim-process.js';

/** The one result of the fonts check against `file`. */
const fonts = async (file?: (weight: number) => string): Promise<CheckResult> =>
  (await fontsCheck(file).run(new AbortController().signal)) as CheckResult;

/** An sfnt file holding only a `cmap` with one Unicode subtable (platform 3, encoding 1 or 10). */
function sfntWithCmap(subtable: Buffer, encoding: 1 | 10): Buffer {
  const cmap = Buffer.alloc(12);
  cmap.writeUInt16BE(0, 0); // version
  cmap.writeUInt16BE(1, 2); // one encoding record
  cmap.writeUInt16BE(3, 4);
  cmap.writeUInt16BE(encoding, 6);
  cmap.writeUInt32BE(12, 8);
  const head = Buffer.alloc(12 + 16);
  head.writeUInt32BE(0x00010000, 0);
  head.writeUInt16BE(1, 4);
  head.write('cmap', 12, 'latin1');
  head.writeUInt32BE(head.length, 12 + 8);
  head.writeUInt32BE(cmap.length + subtable.length, 12 + 12);
  return Buffer.concat([head, cmap, subtable]);
}

/** Format 4 mapping [start, end] ranges by delta (glyph = code + delta). */
function format4(ranges: [number, number][]): Buffer {
  const segs = [...ranges, [0xffff, 0xffff] as [number, number]];
  const n = segs.length;
  const t = Buffer.alloc(16 + 8 * n);
  t.writeUInt16BE(4, 0);
  t.writeUInt16BE(t.length, 2);
  t.writeUInt16BE(2 * n, 6);
  segs.forEach(([start, end], i) => {
    t.writeUInt16BE(end, 14 + 2 * i);
    t.writeUInt16BE(start, 16 + 2 * n + 2 * i);
    // the final 0xFFFF segment maps to glyph 0 (delta 1), the others to glyphs 1, 2, ...
    t.writeUInt16BE(i === n - 1 ? 1 : (0x10000 - start + 1 + i * 100) & 0xffff, 16 + 4 * n + 2 * i);
    t.writeUInt16BE(0, 16 + 6 * n + 2 * i);
  });
  return t;
}

/** Format 12 mapping [start, end] groups to glyphs 1, 2, ... */
function format12(groups: [number, number][]): Buffer {
  const t = Buffer.alloc(16 + 12 * groups.length);
  t.writeUInt16BE(12, 0);
  t.writeUInt32BE(t.length, 4);
  t.writeUInt32BE(groups.length, 12);
  groups.forEach(([start, end], i) => {
    t.writeUInt32BE(start, 16 + 12 * i);
    t.writeUInt32BE(end, 20 + 12 * i);
    t.writeUInt32BE(1 + i * 100, 24 + 12 * i);
  });
  return t;
}

describe('font character maps (runtime/font-cmap.ts)', () => {
  it('agrees with fontkit on every Basic Multilingual Plane code point of each bundled weight', () => {
    for (const weight of [400, 600, 700, 800] as const) {
      const bytes = readFileSync(fontFile(weight));
      const font = fontkit.create(bytes) as fontkit.Font;
      const all = Array.from({ length: 0xffff }, (_, i) => i)
        .filter((cp) => cp < 0xd800 || cp > 0xdfff)
        .map((cp) => String.fromCodePoint(cp))
        .join('');
      const missing = new Set(missingGlyphs(bytes, all));
      const covered = [...all].filter((ch) => !missing.has(ch));
      expect(covered.length, `weight ${weight} maps the Latin and Vietnamese letters`).toBeGreaterThan(400);
      const disagree = [...all].filter(
        (ch) => missing.has(ch) === font.hasGlyphForCodePoint(ch.codePointAt(0) as number),
      );
      expect(disagree, `weight ${weight}`).toEqual([]);
    }
  });

  it('reads format 4 and format 12 subtables', () => {
    const ascii = sfntWithCmap(format4([[0x41, 0x5a]]), 1);
    expect(missingGlyphs(ascii, 'AZđ@Ă')).toEqual(['đ', '@', 'Ă']);
    const wide = sfntWithCmap(
      format12([
        [0x41, 0x5a],
        [0x1f600, 0x1f600],
      ]),
      10,
    );
    expect(missingGlyphs(wide, 'QR😀😁')).toEqual(['😁']);
  });

  it('refuses what is not a font, or is cut short, with a FontFileError', () => {
    expect(() => missingGlyphs(Buffer.from('<html>not a font</html>'), 'a')).toThrow(FontFileError);
    const cut = readFileSync(fontFile(400)).subarray(0, 200);
    expect(() => missingGlyphs(cut, 'a')).toThrow(/cut short|character map/);
  });
});

describe("doctor 'fonts' check", () => {
  it('passes on the bundled font: every weight has every Vietnamese letter', async () => {
    const r = await fonts();
    expect(r.status).toBe('ok');
    expect(r.message).toContain('146 Vietnamese letters');
  });

  it('fails naming the letters a font lacks, and a file that is not a font', async () => {
    const dir = tempDir('kiosk-fonts-');
    const latin = join(dir, 'latin.ttf');
    writeFileSync(latin, sfntWithCmap(format4([[0x20, 0x7e]]), 1));
    const lacking = await fonts(() => latin);
    expect(lacking).toMatchObject({ status: 'fail', code: 'no-glyphs' });
    expect(lacking.message).toContain('ă');
    expect(lacking.message).toContain('Ự');
    expect(lacking.message).not.toMatch(/ a /);
    const html = join(dir, 'font.ttf');
    writeFileSync(html, '<html>');
    const broken = await fonts(() => html);
    expect(broken).toMatchObject({ status: 'fail', code: 'missing' });
    expect(broken.hint).toContain('reinstall');
    const absent = await fonts(() => join(dir, 'none.ttf'));
    expect(absent).toMatchObject({ status: 'fail', code: 'missing' });
  });
});
