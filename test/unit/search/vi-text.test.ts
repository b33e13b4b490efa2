import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeVietnamese, type ImeScheme } from '../../../runtime/text/vi-ime.js';
import { foldText, stripDiacritics, toNfc } from '../../../domain/search/normalize.js';

const SHARED = '../shared/data/vi-text';

function tsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}

function checkNormalizeCases(rows: string[][]): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const [input = '', expected = '', note = ''] of rows) {
    expect(stripDiacritics(input), `${note}: ${input}`).toBe(expected);
    expect(foldText(input)).toBe(foldText(expected));
  }
}

function checkImeCases(rows: string[][]): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const [scheme = '', typed = '', expected = ''] of rows) {
    expect(composeVietnamese(typed, scheme as ImeScheme), `${scheme}: ${typed}`).toBe(expected);
  }
}

describe('Vietnamese normalisation', () => {
  it('folds the shipped cases (đ/Đ, U+00D0 look-alike, NFD input, old/new tone placement)', () => {
    checkNormalizeCases(tsv('test/fixtures/catalog/normalize-cases.tsv'));
  });

  it('maps đ look-alikes to the real letter in NFC text and composes NFD input', () => {
    expect(toNfc('\u00D0\u0103ng k\u00FD')).toBe('Đăng ký');
    expect(toNfc('\u00F0i')).toBe('đi');
    expect(toNfc('ho\u0300a')).toBe('hòa');
    expect(foldText('  Ðăng   ký,  KHAI-SINH!! ')).toBe('dang ky khai sinh');
  });

  it('treats old and new tone placement alike', () => {
    expect(foldText('hoà giải')).toBe(foldText('hòa giải'));
    expect(foldText('thuỷ')).toBe(foldText('thủy'));
  });
});

describe.skipIf(!existsSync(SHARED))(`Vietnamese normalisation on shared data (needs ${SHARED})`, () => {
  it('folds every case of normalize_test_cases.tsv', () => {
    checkNormalizeCases(tsv(`${SHARED}/normalize_test_cases.tsv`));
  });

  it('decodes every case of ime_test_cases.tsv', () => {
    checkImeCases(tsv(`${SHARED}/ime_test_cases.tsv`));
  });
});

describe('Telex and VNI decoding', () => {
  it('decodes the shipped cases', () => {
    checkImeCases(tsv('test/fixtures/catalog/ime-cases.tsv'));
  });

  it('places tones by the new-style rules', () => {
    const telex = (w: string): string => composeVietnamese(w, 'telex');
    expect(telex('hoaf')).toBe('hòa');
    expect(telex('thuyr')).toBe('thủy');
    expect(telex('gif')).toBe('gì');
    expect(telex('quas')).toBe('quá');
    expect(telex('nguwowif')).toBe('người');
    expect(telex('khoais')).toBe('khoái');
    expect(telex('tuwf')).toBe('từ');
    expect(telex('DDAWNG')).toBe('ĐĂNG');
    expect(telex('Ddieeuf')).toBe('Điều');
  });

  it('decodes VNI with tones typed anywhere in the word', () => {
    expect(composeVietnamese('ho65', 'vni')).toBe('hộ');
    expect(composeVietnamese('ho56', 'vni')).toBe('hộ');
    expect(composeVietnamese('ti5ch', 'vni')).toBe('tịch');
    expect(composeVietnamese('nguoi72', 'vni')).toBe('người');
    expect(composeVietnamese('nguoiwf', 'telex')).toBe('người');
  });

  it('leaves words without marks and punctuation alone', () => {
    expect(composeVietnamese('khai sinh, 2026!', 'telex')).toBe('khai sinh, 2026!');
    expect(composeVietnamese('bhyt', 'telex')).toBe('bhyt');
  });
});
