import { describe, expect, it } from 'vitest';
import { looksLikeDossierSlip, parseDossierSlip } from '../../../domain/identity/dossier-slip.js';
import { PersonalHasher } from '../../../domain/identity/personal-hash.js';
import { openDatabase } from '../../../runtime/storage/database.js';
import { join } from 'node:path';
import { tempDir } from '../../helpers/sim-process.js';

describe('Identity: appointment slip parser', () => {
  it('reads a printed dossier number, a typed one and a status link', () => {
    expect(parseDossierSlip('000.00.12.H26-251125-0001')).toEqual({
      ok: true,
      dossierNumber: '000.00.12.H26-251125-0001',
    });
    expect(parseDossierSlip(' h26.22.12-251125-0003 \n')).toEqual({
      ok: true,
      dossierNumber: 'H26.22.12-251125-0003',
    });
    expect(
      parseDossierSlip('https://dichvucong.khanhhoa.gov.vn/tra-cuu?maHoSo=H26.22.12-251125-0003'),
    ).toEqual({
      ok: true,
      dossierNumber: 'H26.22.12-251125-0003',
    });
    expect(looksLikeDossierSlip('000.00.12.H26-251125-0001')).toBe(true);
  });

  it('rejects garbage with a reason', () => {
    expect(parseDossierSlip('')).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(parseDossierSlip('abc')).toMatchObject({ ok: false });
    expect(parseDossierSlip('001189001122||Đỗ Thị Lan|12071989|Nữ|Hà Nội|09092021')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ID card/),
    });
    expect(parseDossierSlip('https://example.com/?q=1')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/maHoSo/),
    });
    expect(parseDossierSlip('\u0000\u0001garbage')).toMatchObject({ ok: false });
  });
});

describe('Identity: salted personal hash', () => {
  it('is stable per device, differs across devices and never contains the number', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'a.db'));
    const a = new PersonalHasher(db);
    const h1 = a.hash('001189001122');
    expect(h1).toMatch(/^[0-9a-f]{32}$/);
    expect(h1).not.toContain('001189001122');
    expect(new PersonalHasher(db).hash('001189001122')).toBe(h1);
    db.close();
    const reopened = openDatabase(join(dir, 'a.db'));
    expect(new PersonalHasher(reopened).hash('001189001122')).toBe(h1);
    reopened.close();
    const other = openDatabase(join(dir, 'b.db'));
    expect(new PersonalHasher(other).hash('001189001122')).not.toBe(h1);
    other.close();
  });
});
