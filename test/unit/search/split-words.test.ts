import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitWords } from '../../../domain/search/search-index.js';

const byRegex = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== '');

describe('splitWords (the index tokenizer)', () => {
  it('splits Vietnamese catalog text at anything but letters, marks and digits', () => {
    expect(splitWords('Thủ tục đăng ký khai sinh (Cấp xã); 10,000 VNĐ–Trực tuyến')).toEqual([
      'thủ',
      'tục',
      'đăng',
      'ký',
      'khai',
      'sinh',
      'cấp',
      'xã',
      '10',
      '000',
      'vnđ',
      'trực',
      'tuyến',
    ]);
    // Decomposed marks stay with their letter; astral letters and emoji are classified whole.
    expect(splitWords('Ho\u0323 ti\u0323ch 𝐀𝐁c 😀x')).toEqual([
      'ho\u0323',
      'ti\u0323ch',
      '𝐀𝐁c'.toLowerCase(),
      'x',
    ]);
    expect(splitWords('')).toEqual([]);
    expect(splitWords(' ;; ')).toEqual([]);
  });

  it('gives exactly what the Unicode-property regex split gives, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(splitWords(text)).toEqual(byRegex(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(splitWords(text)).toEqual(byRegex(text));
      }),
      { numRuns: 1000 },
    );
  });
});
