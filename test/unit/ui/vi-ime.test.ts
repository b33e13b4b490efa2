import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeVietnamese, ViComposer, type ImeScheme } from '../../../runtime/text/vi-ime.js';

const SHARED = '../shared/data/vi-text/ime_test_cases.tsv';

function cases(file: string): { scheme: ImeScheme; typed: string; expected: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [scheme, typed, expected] = l.split('\t');
      return { scheme: scheme as ImeScheme, typed: typed ?? '', expected: (expected ?? '').normalize('NFC') };
    });
}

describe('Vietnamese IME: Telex', () => {
  it.each([
    ['ddawng kys', 'đăng ký'],
    ['Vieetj Nam', 'Việt Nam'],
    ['cawn cuwowcs', 'căn cước'],
    ['thuowngf trus', 'thường trú'],
    ['giaays towf', 'giấy tờ'],
    ['quys', 'quý'],
    ['gif', 'gì'],
    ['hoaf', 'hòa'],
    ['thuyr', 'thủy'],
    ['ngoaif', 'ngoài'],
    ['toans', 'toán'],
    ['khuyur', 'khuỷu'],
    ['muaf', 'mùa'],
    ['DDOONGF', 'ĐỒNG'],
    ['Hoof Chis Minh', 'Hồ Chí Minh'],
    ['w', 'ư'],
    ['wf', 'ừ'],
    ['nguowif', 'người'],
    ['tieengs', 'tiếng'],
    ['chuwngs thuwcj', 'chứng thực'],
  ])('%s -> %s', (typed, expected) => {
    expect(composeVietnamese(typed)).toBe(expected.normalize('NFC'));
  });

  it('typing a key twice undoes it and types the key (escape)', () => {
    expect(composeVietnamese('ass')).toBe('as');
    expect(composeVietnamese('aaa')).toBe('aa');
    expect(composeVietnamese('ddd')).toBe('dd');
    expect(composeVietnamese('thuwowf')).toBe('thườ');
    expect(composeVietnamese('thuwoww')).toBe('thuow');
  });

  it('z removes the tone; tone keys change it', () => {
    expect(composeVietnamese('asz')).toBe('a');
    expect(composeVietnamese('asf')).toBe('à');
    expect(composeVietnamese('z')).toBe('z');
  });

  it('consonant-only words and numbers are typed as is', () => {
    expect(composeVietnamese('sinh 123 trs')).toBe('sinh 123 trs');
  });

  it('backspace removes one composed letter', () => {
    const c = new ViComposer().typeAll('Vieetj');
    c.backspace();
    expect(c.text).toBe('Việ');
    c.type('t');
    expect(c.text).toBe('Việt');
  });

  it('scheme off types letters literally; output is NFC', () => {
    expect(composeVietnamese('ddawng kys', 'off')).toBe('ddawng kys');
    expect(composeVietnamese('Vieetj').normalize('NFC')).toBe(composeVietnamese('Vieetj'));
  });

  it('rejects multi-character keys', () => {
    expect(() => new ViComposer().type('ab')).toThrow(/key/);
  });
});

describe('Vietnamese IME: VNI', () => {
  it.each([
    ['d9a8ng ky1', 'đăng ký'],
    ['Vie65t Nam', 'Việt Nam'],
    ['thu7o7ng2 tru1', 'thường trú'],
  ])('%s -> %s', (typed, expected) => {
    expect(composeVietnamese(typed, 'vni')).toBe(expected);
  });
});

describe.skipIf(!existsSync(SHARED))(
  'Vietnamese IME: shared ime_test_cases.tsv (skipped: ../shared/data absent)',
  () => {
    it('matches every case', () => {
      const all = cases(SHARED);
      expect(all.length).toBeGreaterThan(10);
      for (const c of all)
        expect(composeVietnamese(c.typed, c.scheme), `${c.scheme} ${c.typed}`).toBe(c.expected);
    });
  },
);
