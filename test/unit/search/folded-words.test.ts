import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FoldedWords, SEGMENT_BREAK, type SegmentBreaks } from '../../../domain/search/folded-words.js';
import { foldText } from '../../../domain/search/normalize.js';

/** The definition: segments cut by the break pattern, words split at anything but letters, marks and digits, each folded. */
function byDefinition(text: string, breaks: SegmentBreaks): string[][] {
  const segments =
    breaks === 'none' ? [text] : breaks === 'list' ? text.split('; ') : text.split(/[.;:!?\n]\s/);
  return segments
    .map((s) =>
      s
        .toLowerCase()
        .split(/[^\p{L}\p{M}\p{N}]+/u)
        .map((w) => foldText(w).replace(/ /g, ''))
        .filter((w) => w !== ''),
    )
    .filter((s) => s.length > 0);
}

function read(text: string, breaks: SegmentBreaks, words = new FoldedWords()): string[][] {
  const out: number[] = [];
  words.read(text, breaks, out);
  const segments: string[][] = [[]];
  for (const n of out) {
    if (n === SEGMENT_BREAK) segments.push([]);
    else segments[segments.length - 1]?.push(words.words[n] ?? '?');
  }
  return segments.filter((s) => s.length > 0);
}

describe('FoldedWords (the index tokenizer)', () => {
  it('reads Vietnamese catalog text as folded words, segment by segment', () => {
    expect(read('Thủ tục đăng ký khai sinh (Cấp xã); 10,000 VNĐ–Trực tuyến', 'none')).toEqual([
      ['thu', 'tuc', 'dang', 'ky', 'khai', 'sinh', 'cap', 'xa', '10', '000', 'vnd', 'truc', 'tuyen'],
    ]);
    expect(read('Giấy khai sinh; Bản sao sổ hộ tịch', 'list')).toEqual([
      ['giay', 'khai', 'sinh'],
      ['ban', 'sao', 'so', 'ho', 'tich'],
    ]);
    expect(read('Bước 1: nộp hồ sơ. Bước 2:trả kết quả', 'sentences')).toEqual([
      ['buoc', '1'],
      ['nop', 'ho', 'so'],
      ['buoc', '2', 'tra', 'ket', 'qua'],
    ]);
    // Decomposed marks stay with their letter; astral letters and emoji are one character each.
    expect(read('Ho\u0323 ti\u0323ch 𝐀𝐁c 😀x Ðăng', 'none')).toEqual([['ho', 'tich', 'c', 'x', 'dang']]);
    // A word of marks alone folds to nothing and is dropped; the sentence end before it still counts.
    expect(read('a? \u0323!a', 'sentences')).toEqual([['a'], ['a']]);
    expect(read('', 'sentences')).toEqual([]);
    expect(read(' ;; ', 'list')).toEqual([]);
  });

  it('numbers each distinct folded word once, whatever its spelling', () => {
    const words = new FoldedWords();
    read('Hòa hoà HOÀ ho\u0300a', 'none', words);
    expect(words.words).toEqual(['hoa']);
    const many = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ');
    expect(read(many, 'none', words)[0]?.length).toBe(5000);
    expect(words.words).toHaveLength(5001);
    expect(read('w4999 w0 hoa', 'none', words)).toEqual([['w4999', 'w0', 'hoa']]);
    expect(words.words).toHaveLength(5001);
  });

  it('gives exactly the words and segments of the definition, on any text', () => {
    const breaks = fc.constantFrom<SegmentBreaks>('none', 'list', 'sentences');
    const words = new FoldedWords();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), breaks, (text, b) => {
        expect(read(text, b, words)).toEqual(byDefinition(text, b));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), breaks, (text, b) => {
        expect(read(text, b, words)).toEqual(byDefinition(text, b));
      }),
      { numRuns: 1000 },
    );
    const vietnamese = fc.string({
      unit: fc.constantFrom(...'aăâeêioôơuưyđĐÐð ;:.!?\n\t,-()ÀÁẢÃẠằắẳẵặ\u0300\u0301\u0323ǅĳİ0123'.split('')),
    });
    fc.assert(
      fc.property(vietnamese, breaks, (text, b) => {
        expect(read(text, b, words)).toEqual(byDefinition(text, b));
      }),
      { numRuns: 3000 },
    );
  });
});
