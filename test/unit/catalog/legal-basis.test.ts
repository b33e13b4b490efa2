import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { documentKind, legalDocumentLine, parseLegalBasis } from '../../../domain/catalog/legal-basis.js';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';

const HEADER = 'Tên văn bản pháp lýMã văn bản';
const PORTAL = '../shared/data/tthc/portal_procedures.jsonl';

describe('Catalog: legal basis (căn cứ pháp lý)', () => {
  it('splits the flattened table into number, date and title', () => {
    const { value, problems } = parseLegalBasis(
      `${HEADER}Luật Hộ tịch 201460/2014/QH13Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của  Chính phủ quy định chi tiết Luật Hộ tịch123/2015/NĐ-CPLuật Xây dựng sửa đổi62/2020/QH14Thông tư 57/2021/TT-BCA57/2021/TT-BCA`,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual([
      { number: '60/2014/QH13', title: 'Luật Hộ tịch 2014' },
      {
        number: '123/2015/NĐ-CP',
        date: '2015-11-15',
        title: 'Nghị định của Chính phủ quy định chi tiết Luật Hộ tịch',
      },
      { number: '62/2020/QH14', title: 'Luật Xây dựng sửa đổi' },
      { number: '57/2021/TT-BCA', title: 'Thông tư' },
    ]);
  });

  it('keeps "66.7/2025/NQ-CP" whole (the import used to give "Nghị quyết số 66. (7/2025/NQ-CP)")', () => {
    const { value } = parseLegalBasis(
      `${HEADER}Nghị định số 120/2025/NĐ-CP ngày 11/6/2025 của Chính phủ quy định về phân định thẩm quyền.120/2025/NĐ-CPNghị quyết số 66.7/2025/NQ-CP của Chính phủ: Quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu66.7/2025/NQ-CP`,
    );
    expect(value).toEqual([
      {
        number: '120/2025/NĐ-CP',
        date: '2025-06-11',
        title: 'Nghị định của Chính phủ quy định về phân định thẩm quyền',
      },
      {
        number: '66.7/2025/NQ-CP',
        title:
          'Nghị quyết của Chính phủ: Quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
      },
    ]);
  });

  it("does not take the next row's first letter into a number, nor split a reference glued to 'ngày'", () => {
    const { value } = parseLegalBasis(
      `${HEADER}Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an sửa đổi Thông tư số 55/2021/TT-BCA.53/2025/TT-BCANGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT LUẬT CƯ TRÚ62/2021/NĐ-CPLuật 54/2014/QH1354/2014/QH13Thông tư số 03/2023/TT-BTP ngày 02 tháng 8 năm 2023 của Bộ trưởng Bộ Tư phápThông tư số 03/2023/TT-BTP`,
    );
    expect(value.map((d) => d.number)).toEqual([
      '53/2025/TT-BCA',
      '62/2021/NĐ-CP',
      '54/2014/QH13',
      '03/2023/TT-BTP',
    ]);
    expect(value[0]).toEqual({
      number: '53/2025/TT-BCA',
      date: '2025-07-01',
      title: 'Thông tư của Bộ Công an sửa đổi Thông tư số 55/2021/TT-BCA',
    });
    expect(value[1]?.title).toBe('NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT LUẬT CƯ TRÚ');
    expect(value[2]?.title).toBe('Luật');
    expect(value[3]).toEqual({
      number: '03/2023/TT-BTP',
      date: '2023-08-02',
      title: 'Thông tư của Bộ trưởng Bộ Tư pháp',
    });
  });

  it('completes a number the crawl cut short from its title, and reports text no number ends', () => {
    const cut = parseLegalBasis(`${HEADER}Nghị định số 167/2025/NĐ-CP ngày 30/6/2025 của Chính phủ167/2025`);
    expect(cut).toEqual({
      value: [{ number: '167/2025/NĐ-CP', date: '2025-06-30', title: 'Nghị định của Chính phủ' }],
      problems: [],
    });
    const bad = parseLegalBasis(
      `${HEADER}Luật Cư trú 202068/2020/QH14Quyết định của UBND tỉnh Sơn La 2024 mẫu hồ sơ`,
    );
    expect(bad.value).toEqual([{ number: '68/2020/QH14', title: 'Luật Cư trú 2020' }]);
    expect(bad.problems).toEqual([
      'legalBasis: no document number ends "Quyết định của UBND tỉnh Sơn La 2024 mẫu hồ sơ"',
    ]);
    expect(parseLegalBasis('Không có thông tin')).toEqual({ value: [], problems: [] });
  });

  it('names the document the way the detail screen shows it', () => {
    expect(documentKind('123/2015/NĐ-CP')).toBe('Nghị định');
    expect(documentKind('60/2014/QH13')).toBe('Luật');
    const d = { number: '123/2015/NĐ-CP', date: '2015-11-15', title: 'Nghị định' };
    expect(legalDocumentLine(d, 'vi')).toBe('Số 123/2015/NĐ-CP, ngày 15/11/2015');
    expect(legalDocumentLine(d, 'en')).toBe('No. 123/2015/NĐ-CP of 15/11/2015');
    expect(legalDocumentLine({ number: '68/2020/QH14', title: 'Luật Cư trú 2020' }, 'vi')).toBe(
      'Số 68/2020/QH14',
    );
  });

  it('reads catalogs built before, whose legal basis is "title (number)" text', () => {
    const old = parseCatalog(
      JSON.stringify({
        format: 'smart-kiosk-catalog',
        version: '2026.11.25-1',
        createdAt: '2026-11-25T00:00:00.000Z',
        procedures: [
          {
            ...{
              code: '1.000001',
              name: 'Thủ tục A',
              field: 'Hộ tịch',
              levels: ['xa'],
              agency: '',
              where: '',
            },
            ...{ steps: [], methods: [], documents: [], conditions: '', result: '', url: '' },
            legalBasis: ['Luật Hộ tịch 2014 (60/2014/QH13)', 'Văn bản không số'],
          },
        ],
      }),
    );
    expect(old.procedures[0]?.legalBasis).toEqual([
      { number: '60/2014/QH13', title: 'Luật Hộ tịch 2014' },
      { number: '', title: 'Văn bản không số' },
    ]);
  });

  it.skipIf(!existsSync(PORTAL))(
    'every commune procedure of the crawl: numbers well formed, few rows left unread',
    () => {
      let rows = 0;
      let unread = 0;
      for (const line of readFileSync(PORTAL, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const rec = JSON.parse(line) as { cap_thuc_hien: string; can_cu_phap_ly: string };
        if (!rec.cap_thuc_hien.includes('Cấp xã')) continue;
        const { value, problems } = parseLegalBasis(rec.can_cu_phap_ly ?? '');
        rows += value.length;
        unread += problems.length;
        for (const d of value) {
          expect(d.number).toMatch(/^\d+(\.\d{1,2})?(\/\d{4})?[/-]\p{Lu}[\p{L}\d-]*$/u);
          expect(d.title).not.toMatch(/^\p{Ll}{1,2}\s/u); // never a word's tail ("ị định số …")
          if (d.date) expect(d.date).toMatch(/^(19|20)\d\d-\d\d-\d\d$/);
        }
      }
      expect(rows).toBeGreaterThan(3000);
      expect(unread).toBeLessThan(25);
    },
  );
});
