import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeCccd, maskIdNumber, parseCccdQr, prefillForm } from '../../../domain/identity/cccd.js';

interface Example {
  raw: string;
  expected: 'valid' | 'invalid' | 'tolerate' | 'suspicious';
  note: string;
  problem?: string;
  fullName?: string;
  dateOfBirth?: string;
  parsed?: {
    so_cccd: string;
    so_cmnd: string;
    ho_ten: string;
    ngay_sinh: string;
    gioi_tinh: string;
    noi_thuong_tru: string;
    ngay_cap: string;
  } | null;
}

const readLines = (file: string): Example[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);

const NOW = Date.UTC(2026, 10, 25);
const SHARED = '../shared/data/cccd/synthetic_cccd_qr_examples.jsonl';

describe('Identity: CCCD QR parser (shipped fixtures)', () => {
  for (const ex of readLines('test/fixtures/cccd/cccd-qr-fixtures.jsonl')) {
    it(`${ex.expected}: ${ex.note}`, () => {
      const result = parseCccdQr(ex.raw, NOW);
      if (ex.expected === 'valid') {
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.card.fullName).toBe(ex.fullName);
          expect(result.card.dateOfBirth).toBe(ex.dateOfBirth);
        }
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.problem).toBe(ex.problem);
          // Reasons are safe to log: they never echo the ID number or name.
          expect(result.reason).not.toContain('052203004455');
          expect(result.reason).not.toContain('Trương');
        }
      }
    });
  }

  it('pre-fills the e-form and masks the number for display', () => {
    const r = parseCccdQr('001189001122||Đỗ Thị Lan|12071989|Nữ|Số 3 phố Tràng Tiền, Hà Nội|09092021', NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(prefillForm(r.card)).toEqual({
      hoTen: 'Đỗ Thị Lan',
      ngaySinh: '12/07/1989',
      gioiTinh: 'Nữ',
      noiThuongTru: 'Số 3 phố Tràng Tiền, Hà Nội',
      soDinhDanh: '001189001122',
    });
    expect(maskIdNumber(r.card.idNumber)).toBe('••••••••1122');
  });

  it('normalises NFD input to NFC', () => {
    const nfd = '001189001122||Đỗ Thị Lan|12071989|Nữ|Hà Nội|09092021'.normalize('NFD');
    const r = parseCccdQr(nfd, NOW);
    expect(r.ok && r.card.fullName).toBe('Đỗ Thị Lan'.normalize('NFC'));
  });

  it('routes scans: CCCD vs other codes', () => {
    expect(looksLikeCccd('001189001122||Đỗ Thị Lan|12071989|Nữ|Hà Nội|09092021')).toBe(true);
    expect(looksLikeCccd('000.00.12.H26-251125-0001')).toBe(false);
  });
});

describe.skipIf(!existsSync(SHARED))(
  'Identity: CCCD QR parser on shared synthetic examples (skipped: ../shared/data/cccd absent)',
  () => {
    const examples = existsSync(SHARED) ? readLines(SHARED) : [];
    for (const ex of examples) {
      it(`${ex.expected}: ${ex.note}`, () => {
        const result = parseCccdQr(ex.raw, NOW);
        if (ex.expected === 'invalid') {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok || !ex.parsed) return;
        const p = ex.parsed;
        const iso = (d: string) => `${d.slice(4)}-${d.slice(2, 4)}-${d.slice(0, 2)}`;
        expect(result.card).toMatchObject({
          idNumber: p.so_cccd,
          oldIdNumber: p.so_cmnd,
          fullName: p.ho_ten,
          dateOfBirth: iso(p.ngay_sinh),
          gender: p.gioi_tinh,
          address: p.noi_thuong_tru,
          issuedOn: iso(p.ngay_cap),
        });
        expect(result.card.warning).toBe(ex.expected === 'suspicious' ? 'diacritics-lost' : undefined);
      });
    }
  },
);
