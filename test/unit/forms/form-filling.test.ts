import { describe, expect, it } from 'vitest';
import { FormFilling } from '../../../domain/forms/form-filling.js';
import { readFormDir } from '../../../domain/forms/form-library.js';
import type { CccdCard } from '../../../domain/identity/cccd.js';

const NOW = Date.UTC(2026, 10, 25, 2, 0);
const forms = new Map(readFormDir().map((t) => [t.id, t]));
const open = (id: string): FormFilling => {
  const t = forms.get(id);
  if (!t) throw new Error(`no form ${id}`);
  return new FormFilling(t, t.procedures[0] ?? '', () => NOW, 'Asia/Ho_Chi_Minh');
};
// Made up (see test/fixtures/cccd).
const CARD: CccdCard = {
  idNumber: '001189001122',
  oldIdNumber: '',
  fullName: 'Đỗ Thị Lan',
  dateOfBirth: '1989-07-12',
  gender: 'Nữ',
  address: 'Số 3 ngõ 5 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội',
  issuedOn: '2021-09-09',
};

describe('FormFilling: one form being filled, in memory', () => {
  it('walks the visible fields, reports a field problem only once the citizen has been through it', () => {
    const f = open('khai-sinh');
    expect(f.current().field.id).toBe('nycHoTen');
    expect(f.errors()).toEqual({});
    expect(f.set('')).toBe('Vui lòng điền mục này.');
    expect(f.errors()).toEqual({ nycHoTen: 'Vui lòng điền mục này.' });
    expect(f.set('  Trần   Văn Nam ')).toBeUndefined();
    expect(f.value('nycHoTen')).toBe('Trần Văn Nam');
    expect(f.next()).toBe(true);
    expect(f.current().field.id).toBe('nycNgaySinh');
    expect(f.set('31/02/1990')).toMatch(/ngày có thật/);
    expect(f.set('12/4/1993')).toBeUndefined();
    expect(f.value('nycNgaySinh')).toBe('12/04/1993');
    expect(f.previous()).toBe(true);
    expect(f.previous()).toBe(false);
    expect(f.goTo('treNgaySinh')).toBe(true);
    expect(f.current().field.id).toBe('treNgaySinh');
  });

  it('offers what the card fills (only the holder’s side of a marriage form), filled only once accepted', () => {
    const f = open('ket-hon');
    const offer = f.offerPrefill(CARD);
    expect(offer?.fields).toEqual(['nuHoTen', 'nuNgaySinh', 'nuNoiCuTru', 'nuSoDinhDanh']);
    expect(f.value('nuHoTen')).toBe('');
    f.acceptPrefill();
    expect(f.value('nuHoTen')).toBe('Đỗ Thị Lan');
    expect(f.value('nuNgaySinh')).toBe('12/07/1989');
    expect(f.value('namHoTen')).toBe('');
    expect(f.all().find((s) => s.field.id === 'nuSoDinhDanh')).toMatchObject({
      shown: '••••••••1122',
      prefilled: true,
    });
    // What the simulator shows masks the ID number.
    expect(JSON.stringify(f.describe())).not.toContain('001189001122');
    const refused = open('ket-hon');
    refused.offerPrefill(CARD);
    refused.refusePrefill();
    expect(refused.value('nuHoTen')).toBe('');
  });

  it('follows conditions: a field shown only for a choice joins the walk when chosen', () => {
    const f = open('trich-luc-ban-sao');
    const before = f.visible().map((x) => x.id);
    expect(before).not.toContain('loaiKhac');
    f.goTo('loai');
    const options = f.current().field.options ?? [];
    const other = options.find((o) => /khác/i.test(o));
    expect(other).toBeDefined();
    f.set(other ?? '');
    expect(f.visible().map((x) => x.id)).toContain('loaiKhac');
  });

  it('checkAll shows every problem; firstError is the first field to fix; wipe forgets everything', () => {
    const f = open('chung-thuc-ban-sao');
    expect(f.firstError()).toBe('hoTen');
    expect(Object.keys(f.errors())).toEqual(['hoTen', 'soDinhDanh', 'tenGiayTo', 'soTrang', 'soBan']);
    f.set('Nguyễn Văn An');
    f.wipe();
    expect(f.value('hoTen')).toBe('');
    expect(f.errors()).toEqual({});
    expect(f.position.index).toBe(0);
  });

  it('checks the form again when a value or the day changes, not for every frame in between', () => {
    const t = forms.get('khai-sinh');
    if (!t) throw new Error('no khai-sinh');
    // 23:30 in Hà Nội on 25/11/2026; the clock moves forward by hand.
    let now = Date.UTC(2026, 10, 25, 16, 30);
    const f = new FormFilling(t, t.procedures[0] ?? '', () => now, 'Asia/Ho_Chi_Minh');
    const first = f.check();
    expect(f.check()).toBe(first);
    expect(Object.isFrozen(first.errors)).toBe(true);
    f.goTo('nycNgaySinh');
    // Tomorrow in Hà Nội is not a birth date yet...
    expect(f.set('26/11/2026')).toMatch(/chưa tới/);
    const typed = f.check();
    expect(typed).not.toBe(first);
    expect(typed.values.nycNgaySinh).toBe('26/11/2026');
    // ...and is one once midnight has passed there (16:30 UTC + 1 h = 00:30 on the 26th).
    now += 60 * 60 * 1000;
    expect(f.check().errors.nycNgaySinh).toBeUndefined();
    f.wipe();
    expect(f.check().values).toEqual({});
  });
});
