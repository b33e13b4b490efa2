import { describe, expect, it } from 'vitest';
import { readFormDir } from '../../../domain/forms/form-library.js';
import { formFields, type FormTemplate } from '../../../domain/forms/form-template.js';
import { sampleValues, validateForm } from '../../../domain/forms/form-validation.js';
import { checkIdNumber } from '../../../domain/identity/cccd-number.js';
import { provinceOf } from '../../../domain/forms/provinces.js';

const NOW = Date.parse('2026-12-02T03:00:00Z'); // 10:00 in Hà Nội
const forms = readFormDir();
const form = (id: string): FormTemplate => {
  const t = forms.find((f) => f.id === id);
  if (!t) throw new Error(`no form ${id}`);
  return t;
};
const khaiSinh = form('khai-sinh');
const valid = sampleValues(khaiSinh);

describe('Forms: shipped templates', () => {
  it('ships the eight commonest forms, each naming procedures, with samples that pass', () => {
    expect(forms.map((f) => f.id).sort()).toEqual([
      'chung-thuc-ban-sao',
      'ct01',
      'ho-kinh-doanh',
      'ket-hon',
      'khai-sinh',
      'khai-tu',
      'trich-luc-ban-sao',
      'xac-nhan-hon-nhan',
    ]);
    for (const t of forms) {
      expect(t.procedures.length).toBeGreaterThan(0);
      expect(validateForm(t, sampleValues(t), NOW).errors, t.id).toEqual({});
    }
  });

  it('every template marks the requester fields it fills from the card', () => {
    for (const t of forms) {
      const prefilled = new Set(formFields(t).flatMap((f) => (f.prefill ? [f.prefill] : [])));
      expect(prefilled.has('fullName') && prefilled.has('idNumber'), t.id).toBe(true);
    }
  });
});

describe('Forms: validation', () => {
  it('the sample khai sinh passes and values come back tidied', () => {
    const r = validateForm(
      khaiSinh,
      { ...valid, treHoTen: '  Trần   Minh Khang ', treNgaySinh: '5/1/2026' },
      NOW,
    );
    expect(r.errors).toEqual({});
    expect(r.values.treHoTen).toBe('Trần Minh Khang');
    expect(r.values.treNgaySinh).toBe('05/01/2026');
  });

  it('required fields missing get a plain message each, in form order', () => {
    const r = validateForm(khaiSinh, {}, NOW);
    const ids = Object.keys(r.errors);
    expect(ids[0]).toBe('nycHoTen');
    expect(r.errors.nycHoTen).toBe('Vui lòng điền mục này.');
    expect(r.errors.nycQuanHe).toBe('Vui lòng chọn một mục.');
    // The father's fields depend on a choice not made yet: not asked.
    expect(ids).not.toContain('chaHoTen');
  });

  it('a condition shows fields only for its choice', () => {
    const without = validateForm(khaiSinh, { ...valid, coThongTinCha: 'Không' }, NOW);
    expect(without.errors).toEqual({});
    expect(without.visible).not.toContain('chaHoTen');
    expect(without.values.chaHoTen).toBeUndefined();
    const noCopies = validateForm(khaiSinh, { ...valid, deNghiBanSao: 'Không', soBanSao: 'abc' }, NOW);
    expect(noCopies.errors).toEqual({});
    const withCopies = validateForm(khaiSinh, { ...valid, soBanSao: '' }, NOW);
    expect(withCopies.errors.soBanSao).toBe('Vui lòng điền mục này.');
  });

  it('ID numbers: 12 digits, a real province code, century/sex digit and year matching the holder', () => {
    expect(
      validateForm(khaiSinh, { ...valid, nycSoDinhDanh: '03609300456' }, NOW).errors.nycSoDinhDanh,
    ).toMatch(/12 chữ số/);
    expect(
      validateForm(khaiSinh, { ...valid, nycSoDinhDanh: '003093004567' }, NOW).errors.nycSoDinhDanh,
    ).toMatch(/mã tỉnh/);
    // Born 1993: digits 4-6 must read 0/1 + "93".
    expect(
      validateForm(khaiSinh, { ...valid, nycSoDinhDanh: '036094004567' }, NOW).errors.nycSoDinhDanh,
    ).toMatch(/năm sinh 1993/);
    expect(
      validateForm(khaiSinh, { ...valid, nycSoDinhDanh: '036293004567' }, NOW).errors.nycSoDinhDanh,
    ).toMatch(/năm sinh/);
    // The mother's number must carry a woman's digit.
    expect(
      validateForm(khaiSinh, { ...valid, meSoDinhDanh: '036095001234' }, NOW).errors.meSoDinhDanh,
    ).toMatch(/giới tính/);
    expect(checkIdNumber('001305000001', { birthYear: 2005, gender: 'Nữ' })).toBeUndefined();
    expect(checkIdNumber('001205000001', { birthYear: 2005, gender: 'Nữ' })).toBe('gender');
  });

  it('dates: real, not in the future (centre time), a child not born before the parents', () => {
    const e = (over: Record<string, string>) => validateForm(khaiSinh, { ...valid, ...over }, NOW).errors;
    expect(e({ treNgaySinh: '31/02/2026' }).treNgaySinh).toMatch(/ngày có thật/);
    expect(e({ treNgaySinh: '03/12/2026' }).treNgaySinh).toMatch(/chưa tới/);
    expect(e({ treNgaySinh: '02/12/2026' }).treNgaySinh).toBeUndefined();
    expect(e({ treNgaySinh: '01/01/1990' }).treNgaySinh).toBe(
      'Không thể trước ngày sinh của mẹ (20/08/1995).',
    );
    const tu = form('khai-tu');
    expect(
      validateForm(tu, { ...sampleValues(tu), ntNgayChet: '01/01/1940' }, NOW).errors.ntNgayChet,
    ).toMatch(/Không thể trước ngày sinh/);
  });

  it('names, phones, addresses, numbers, choices', () => {
    const e = (over: Record<string, string>) => validateForm(khaiSinh, { ...valid, ...over }, NOW).errors;
    expect(e({ treHoTen: 'Trần Văn 2' }).treHoTen).toBe('Tên không được có chữ số.');
    expect(e({ treHoTen: "H'Hen Niê" }).treHoTen).toBeUndefined();
    expect(e({ nycDienThoai: '12345' }).nycDienThoai).toMatch(/10 chữ số/);
    expect(e({ nycDienThoai: '+84 912 345 678' }).nycDienThoai).toBeUndefined();
    expect(e({ nycNoiCuTru: 'Hải Hậu' }).nycNoiCuTru).toMatch(/Cần ghi đủ/);
    expect(e({ nycNoiCuTru: 'Xóm 3, Xã Hải Hậu, Huyện Hải Hậu' }).nycNoiCuTru).toMatch(/tỉnh hoặc thành phố/);
    expect(e({ nycNoiCuTru: 'Xom 3, Xa Hai Hau, Tinh Nam Dinh' }).nycNoiCuTru).toBeUndefined();
    expect(e({ soBanSao: '11' }).soBanSao).toBe('Số lớn nhất là 10.');
    expect(e({ treGioiTinh: 'Khác' }).treGioiTinh).toBe('Vui lòng chọn một trong: Nam, Nữ.');
  });

  it('any length or script is refused with a message, never a crash', () => {
    const e = (over: Record<string, unknown>) => validateForm(khaiSinh, { ...valid, ...over }, NOW).errors;
    expect(e({ treHoTen: 'A'.repeat(10_000) }).treHoTen).toMatch(/Dài quá 60 ký tự/);
    expect(e({ treHoTen: '王小明' }).treHoTen).toMatch(/ký tự máy không in được \("王" U\+738B\)/);
    expect(e({ treQueQuan: 'Hà Nội 🙂' }).treQueQuan).toMatch(/không in được/);
    expect(e({ treQueQuan: 'a\u0000b' }).treQueQuan).toMatch(/ký tự điều khiển U\+0000/);
    // Non-string values are ignored as if empty.
    expect(e({ treHoTen: { x: 1 } }).treHoTen).toBe('Vui lòng điền mục này.');
    // NFD input (decomposed marks) is accepted as its NFC form.
    expect(e({ treHoTen: 'Trần Minh Khang'.normalize('NFD') }).treHoTen).toBeUndefined();
  });

  it('provinces: new names, merged old names, with or without diacritics and prefixes', () => {
    expect(provinceOf('X, Tỉnh Nam Định')).toBe('Ninh Bình');
    expect(provinceOf('X, TP. Hồ Chí Minh')).toBe('Hồ Chí Minh');
    expect(provinceOf('X, Thành phố Hồ Chí Minh')).toBe('Hồ Chí Minh');
    expect(provinceOf('X, tinh bac giang')).toBe('Bắc Ninh');
    expect(provinceOf('X, Huế')).toBe('Huế');
  });
});

describe('Forms: printable characters', () => {
  it('every character a value may hold has a glyph in the form font', async () => {
    const fontkit = await import('fontkit');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const opened = fontkit.openSync(
      require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf'),
    );
    if (!('hasGlyphForCodePoint' in opened)) throw new Error('expected a single font');
    const font = opened;
    const { PRINTABLE } = await import('../../../domain/forms/field-rules.js');
    const missing: string[] = [];
    for (let c = 0x20; c <= 0x2100; c++) {
      const ch = String.fromCodePoint(c);
      if (PRINTABLE.test(ch) && !font.hasGlyphForCodePoint(c)) missing.push(c.toString(16));
    }
    expect(missing).toEqual([]);
    expect(PRINTABLE.test('Đặng Thị Ước, Nguyễn Hữu Ưng')).toBe(true);
  });
});
