import { describe, expect, it } from 'vitest';
import {
  cleanText,
  parseDocuments,
  parseLevels,
  parseMethods,
  parseResult,
  parseSteps,
} from '../../../domain/catalog/portal-tables.js';

const HEAD = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

describe('Catalog: portal methods table', () => {
  it('splits rows on the method names and reads time, unit, fee and description', () => {
    const { value, problems } = parseMethods(
      `${HEAD}Trực tuyến3 Ngày làm việc7,000 Việt Nam Đồng(Lệ phí nộp trực tuyến)Trực tiếp3 Ngày làm việc10,000 Việt Nam Đồng(Lệ phí)`,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual([
      {
        method: 'Trực tuyến',
        processingTime: '3 Ngày làm việc',
        processingTimeValue: 3,
        processingTimeUnit: 'Ngày làm việc',
        fee: '7.000 Đồng',
        feeAmount: 7000,
        note: 'Lệ phí nộp trực tuyến',
      },
      {
        method: 'Trực tiếp',
        processingTime: '3 Ngày làm việc',
        processingTimeValue: 3,
        processingTimeUnit: 'Ngày làm việc',
        fee: '10.000 Đồng',
        feeAmount: 10000,
        note: 'Lệ phí',
      },
    ]);
  });

  it('reads each method its own fee: hộ kinh doanh is 150,000 online and by post, 50,000 in person (as the portal lists it)', () => {
    // 1.001612 as crawled (notes shortened): the 50,000 vs 150,000 seen on screen is the portal's own data.
    const { value } = parseMethods(
      `${HEAD}Trực tuyếnKhông có thông tin150,000 Việt Nam Đồng(- Mức lệ phí cụ thể do HĐND tỉnh quyết định.)` +
        `Dịch vụ bưu chínhKhông có thông tin150,000 Việt Nam Đồng(- Mức lệ phí cụ thể do HĐND tỉnh quyết định.)` +
        `Trực tiếpKhông có thông tin50,000 VNĐ(- Mức lệ phí cụ thể do HĐND tỉnh quyết định.)`,
    );
    expect(value.map((m) => [m.method, m.feeAmount, m.processingTime])).toEqual([
      ['Trực tuyến', 150000, ''],
      ['Dịch vụ bưu chính', 150000, ''],
      ['Trực tiếp', 50000, ''],
    ]);
  });

  it('handles a missing unit, "free", "no information" and the postal method', () => {
    const { value } = parseMethods(`${HEAD}Trực tuyến1Miễn phíDịch vụ bưu chính45 NgàyKhông có thông tin`);
    expect(value[0]).toMatchObject({
      processingTime: '1',
      processingTimeUnit: '',
      fee: 'Miễn phí',
      feeAmount: 0,
    });
    expect(value[1]).toMatchObject({ method: 'Dịch vụ bưu chính', processingTime: '45 Ngày', fee: '' });
    expect(value[1]?.feeAmount).toBeUndefined();
  });

  it('separates a unit-less time glued to the fee ("1" + "20,000 VNĐ")', () => {
    const { value } = parseMethods(`${HEAD}Trực tuyến120,000 VNĐ(Theo Thông tư 172/2010/TT-BTC)`);
    expect(value[0]).toMatchObject({ processingTimeValue: 1, fee: '20.000 Đồng', feeAmount: 20000 });
  });

  it('keeps foreign-currency fees without a đồng amount and free-text times as written', () => {
    const usd = parseMethods(`${HEAD}Trực tiếp5 Ngày làm việc145 USD(Thẻ tạm trú)`).value[0];
    expect(usd).toMatchObject({ fee: '145 USD', processingTime: '5 Ngày làm việc' });
    expect(usd?.feeAmount).toBeUndefined();
    const text = parseMethods(`${HEAD}Trực tuyếnKhông quy địnhMiễn phíQua Cổng DVC`).value[0];
    expect(text).toMatchObject({ processingTime: 'Không quy định', fee: 'Miễn phí', note: 'Qua Cổng DVC' });
  });

  it('reports a table it cannot read instead of throwing', () => {
    const { value, problems } = parseMethods(`${HEAD}Nộp tại bộ phận một cửa`);
    expect(value).toEqual([]);
    expect(problems[0]).toMatch(/^methods: no "Trực tiếp\/Trực tuyến\/Dịch vụ bưu chính" row/);
    expect(parseMethods('Không có thông tin')).toEqual({ value: [], problems: [] });
  });
});

describe('Catalog: portal documents table', () => {
  const HDR = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

  it('reads rows with originals/copies counts and their group', () => {
    const { value, problems } = parseDocuments(
      `* Giấy tờ phải nộp:${HDR}- Tờ khai đăng ký khai sinh theo mẫu.1 bản chính- Giấy chứng sinh0 bản chính,1 bản sao* Giấy tờ phải xuất trình:${HDR}- Hộ chiếu hoặc thẻ căn cước1 bản chính`,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual([
      { name: 'Tờ khai đăng ký khai sinh theo mẫu.', originals: 1, copies: 0, group: 'Giấy tờ phải nộp' },
      { name: 'Giấy chứng sinh', originals: 0, copies: 1, group: 'Giấy tờ phải nộp' },
      { name: 'Hộ chiếu hoặc thẻ căn cước', originals: 1, copies: 0, group: 'Giấy tờ phải xuất trình' },
    ]);
  });

  it('does not split on counts inside a name, takes the last digit after a year, drops form files and notes', () => {
    const { value } = parseDocuments(
      `--${HDR}Giấy phép quá cảnh: 01 bản chính.1 bản chínhQuy chế ban hành ngày 31/12/20251 bản chính,1 bản saoĐơn đề nghị theo Mẫu số 02 Nghị định 23/2026/NĐ-CPMau02.docx1 bản chính* Lưu ý :${HDR}+ Người tiếp nhận không được yêu cầu thêm giấy tờ.0 bản chính`,
    );
    expect(value.map((d) => [d.name, d.originals, d.copies])).toEqual([
      ['Giấy phép quá cảnh: 01 bản chính.', 1, 0],
      ['Quy chế ban hành ngày 31/12/2025', 1, 1],
      ['Đơn đề nghị theo Mẫu số 02 Nghị định 23/2026/NĐ-CP', 1, 0],
    ]);
  });

  it('reports text that is not a documents table', () => {
    const { value, problems } = parseDocuments('Bước 2. Nộp hồ sơ cho cơ quan BHXH');
    expect(value).toEqual([]);
    expect(problems[0]).toMatch(/^documents: no table header/);
  });
});

describe('Catalog: other portal fields', () => {
  it('keeps result names and drops the page furniture after them', () => {
    expect(
      parseResult(
        'Giấy khai sinhMã: KQ.G15.000031Trích lục khai sinhMã: KQ.G15.000032Từ khóaKhông có thông tinChọn cơ quan thực hiện',
      ),
    ).toBe('Giấy khai sinh; Trích lục khai sinh');
  });

  it('reads levels, steps and the "no information" marker', () => {
    expect(parseLevels('Cấp bộ, Cấp tỉnh, Cấp xã')).toEqual(['bo', 'tinh', 'xa']);
    expect(parseSteps('Bước 1: Nộp hồ sơ\n\n Bước 2: Nhận kết quả  \n')).toEqual([
      'Bước 1: Nộp hồ sơ',
      'Bước 2: Nhận kết quả',
    ]);
    expect(cleanText('Không có thông tin')).toBe('');
    expect(cleanText('  a\u00a0 b ')).toBe('a b');
  });
});
