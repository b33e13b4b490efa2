import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import { importPortalFile } from '../../../domain/catalog/portal-import.js';
import type { CatalogFile } from '../../../domain/catalog/procedure.js';
import type { SearchOutcome } from '../../../domain/catalog/search-types.js';
import { VietnameseProcedureSearch } from '../../../domain/search/procedure-search.js';
import { analyzeQuery } from '../../../domain/search/query-analyzer.js';

let catalog: CatalogFile;
let search: VietnameseProcedureSearch;

beforeAll(() => {
  catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
  search = new VietnameseProcedureSearch(catalog.procedures);
});

function top(query: string, n = 1): string[] {
  return search
    .search(query)
    .results.slice(0, n)
    .map((r) => r.code);
}

const BIRTH = '1.001193';
const MARRIAGE = '1.000894';

describe('Search: understanding the query', () => {
  it('expands abbreviations and decodes Telex/VNI words the catalog knows', () => {
    const q = analyzeQuery('gks dk ddawng kys d9a8ng ky1 bhxh', search.index);
    expect(q.tokens.map((t) => [t.source, t.words.join(' ')])).toEqual([
      ['abbreviation', 'giay khai sinh'],
      ['abbreviation', 'dang ky'],
      ['telex', 'dang'],
      ['telex', 'ky'],
      ['vni', 'dang'],
      ['vni', 'ky'],
      ['abbreviation', 'bao hiem xa hoi'],
    ]);
  });

  it('fixes a one-letter typo towards a catalog word and adds colloquial synonyms', () => {
    const q = analyzeQuery('khai sinhh o tro', search.index);
    expect(q.tokens[1]).toMatchObject({ source: 'typo', words: ['sinh'] });
    expect(q.terms.get('tam tru')).toBeGreaterThan(0);
    expect(q.content.find((c) => c.word === 'tro')?.alternatives).toContain('tam');
  });

  it('corrects a malformed syllable even with diacritics, but not a real word the catalog lacks', () => {
    const q = analyzeQuery('chứng tựhc nằm liệt', search.index);
    expect(q.tokens[1]).toMatchObject({ source: 'typo' });
    expect(q.tokens[1]?.words[0]).toBe('thuc');
    expect(q.tokens[3]).toMatchObject({ source: 'unknown', words: ['liet'] });
    expect(top('chứng tựhc chữ ký')).toEqual(['2.000884']);
  });
});

describe('Search: ranking', () => {
  it('finds the procedure with or without diacritics, in any case, with đ look-alikes and NFD input', () => {
    for (const q of [
      'Đăng ký khai sinh',
      'dang ky khai sinh',
      'DANG KY KHAI SINH',
      '\u00D0\u0103ng k\u00FD khai sinh',
      'Đăng ký khai sinh'.normalize('NFD'),
    ]) {
      expect(top(q), q).toEqual([BIRTH]);
    }
  });

  it('understands Telex, VNI, abbreviations, colloquial words, typos and word order', () => {
    expect(top('ddawng kys khai sinh')).toEqual([BIRTH]);
    expect(top('d9a8ng ky1 ke6t1 ho6n')).toEqual([MARRIAGE]);
    expect(top('dk ket hon')).toEqual([MARRIAGE]);
    expect(top('đk kết hôn')).toEqual([MARRIAGE]);
    expect(top('làm giấy khai sinh cho con')).toEqual([BIRTH]);
    expect(top('gks cho be')).toEqual([BIRTH]);
    expect(top('dang ky ket hno')).toEqual([MARRIAGE]);
    expect(top('ket hon dang ky')).toEqual([MARRIAGE]);
    expect(top('chứng thực bản sao cccd', 3)).toContain('2.000815');
    expect(top('mat so bhxh xin cap lai')).toEqual(['1.002759']);
    expect(top('o tro gia han', 1)).toEqual(['1.002755']);
    expect(top('di lam xa khai bao')).toEqual(['1.003677']);
    // "hồ sơ", "thủ tục" are question phrases, but "hộ", "sổ", "giấy" alone are content words.
    expect(top('thủ tục tách hộ hồ sơ gồm gì')).toEqual(['1.010038']);
    expect(top('mất sổ bảo hiểm')).toEqual(['1.002759']);
  });

  it('ranks name matches above matches in documents and steps', () => {
    const results = search.search('khai tử').results;
    expect(results[0]?.code).toBe('1.000656');
    const names = results.slice(0, 3).map((r) => r.name.toLowerCase());
    for (const n of names) expect(n).toContain('khai tử');
  });

  it('returns results best first, within the limit, with names and scores', () => {
    const outcome = search.search('giấy phép xây dựng', { limit: 3 });
    expect(outcome.results).toHaveLength(3);
    const scores = outcome.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const r of outcome.results) {
      expect(r.name).toBe(catalog.procedures.find((p) => p.code === r.code)?.name);
      expect(r.score).toBeGreaterThan(0);
    }
    expect(() => search.search('x', { limit: 0 })).toThrow(
      /limit: must be a whole number of at least 1, got 0/,
    );
  });
});

describe('Search: behaviour', () => {
  function behavior(q: string): SearchOutcome['behavior'] {
    return search.search(q).behavior;
  }

  it('answers when the citizen names one procedure', () => {
    expect(behavior('đăng ký kết hôn')).toBe('answer');
    expect(behavior('Đăng ký khai sinh')).toBe('answer');
    expect(behavior('tách hộ')).toBe('answer');
  });

  it('asks to clarify when several procedures fit equally', () => {
    const outcome = search.search('xin giấy phép xây dựng');
    expect(outcome.behavior).toBe('clarify');
    expect(
      outcome.results.slice(0, 4).every((r) => r.name.toLowerCase().includes('giấy phép xây dựng')),
    ).toBe(true);
    expect(behavior('tôi muốn đăng ký lại')).toBe('clarify');
  });

  it('apologizes for nothing relevant, empty queries and pure chit-chat', () => {
    expect(behavior('Em muốn xin học bổng đi du học Úc')).toBe('apologize');
    expect(behavior('')).toBe('apologize');
    expect(behavior('   ?!  ')).toBe('apologize');
    expect(behavior('cho em hỏi với ạ')).toBe('apologize');
    expect(search.search('').results).toEqual([]);
  });
});

describe('Search: a catalog mixing levels', () => {
  it("ranks this kiosk's level first and apologizes when the best match is handled elsewhere", async () => {
    const { catalog: mixed } = await importPortalFile('test/fixtures/catalog/portal-sample.jsonl', {
      level: 'all',
    });
    const s = new VietnameseProcedureSearch(mixed.procedures);
    const provincial = s.search('thông báo tăng giảm vốn góp của quỹ đầu tư khởi nghiệp sáng tạo');
    expect(provincial.results[0]?.code).toBe('1.000016');
    expect(provincial.behavior).toBe('apologize');
    const birth = s.search('đăng ký khai sinh');
    expect(birth.behavior).toBe('answer');
    expect(birth.results[0]?.code).toBe(BIRTH);
  });

  it('serves every procedure of a catalog without the local level (a provincial centre)', () => {
    const provincial = catalog.procedures.map((p) => ({ ...p, levels: ['tinh'] }));
    const s = new VietnameseProcedureSearch(provincial);
    const marriage = s.search('đăng ký kết hôn');
    expect(marriage.behavior).toBe('answer');
    expect(marriage.results[0]?.code).toBe(MARRIAGE);
  });
});
