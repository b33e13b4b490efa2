import { describe, expect, it } from 'vitest';
import { compareCatalogVersions, nextCatalogVersion } from '../../../domain/catalog/catalog-version.js';
import {
  importPortalFile,
  importPortalLines,
  type ImportProgress,
} from '../../../domain/catalog/portal-import.js';

const SAMPLE = 'test/fixtures/catalog/portal-sample.jsonl';
const NOW = new Date('2026-11-25T10:00:00Z');

describe('Catalog: portal import', () => {
  it('imports commune-level records, skips and reports malformed lines with their line numbers', async () => {
    const progress: ImportProgress[] = [];
    const { catalog, report } = await importPortalFile(SAMPLE, {
      level: 'xa',
      now: NOW,
      onProgress: (p) => progress.push(p),
    });
    expect(report.lines).toBe(16);
    expect(report.imported).toBe(9);
    expect(report.filtered).toBe(1); // the "Cấp tỉnh" record
    expect(report.errors.map((e) => e.line)).toEqual([3, 7, 9, 12, 16]);
    expect(report.errors[0]?.message).toMatch(/^invalid JSON/);
    expect(report.errors[1]?.message).toMatch(/"ma_thu_tuc" must be a code/);
    expect(report.errors[2]?.message).toMatch(/field "thanh_phan_ho_so" must be text, got object/);
    expect(report.errors[3]?.message).toBe('not a JSON object');
    expect(report.errors[4]?.message).toMatch(/duplicate code 1\.001193/);
    // The BHXH record's documents field holds step text: reported, not fatal.
    expect(report.fieldProblems.documents).toBeGreaterThanOrEqual(1);
    expect(
      report.problemDetails.some((d) => d.line === 13 && d.message.startsWith('1.002759: documents')),
    ).toBe(true);
    expect(progress.at(-1)).toMatchObject({ line: 16 });
    expect(progress.at(-1)?.bytesRead).toBe(progress.at(-1)?.totalBytes);

    expect(catalog).toMatchObject({ format: 'smart-kiosk-catalog', version: '2026.11.25-1' });
    expect(catalog.procedures.map((p) => p.code)).toEqual([
      '1.000005',
      '1.000656',
      '1.000894',
      '1.001193',
      '1.001612',
      '1.002759',
      '1.004194',
      '1.007689',
      '2.000815',
    ]);
  });

  it('turns the flattened tables into structured fields', async () => {
    const { catalog } = await importPortalFile(SAMPLE, { level: 'xa', now: NOW });
    const birth = catalog.procedures.find((p) => p.code === '1.001193');
    expect(birth).toBeDefined();
    expect(birth?.name).toBe('Thủ tục đăng ký khai sinh');
    expect(birth?.field).toBe('Hộ tịch');
    expect(birth?.levels).toEqual(['xa']);
    expect(birth?.methods.map((m) => m.method)).toEqual(['Trực tuyến', 'Dịch vụ bưu chính', 'Trực tiếp']);
    expect(birth?.methods[0]).toMatchObject({ processingTimeValue: 1, fee: 'Miễn phí', feeAmount: 0 });
    const certificate = birth?.documents.find((d) => d.name.startsWith('Giấy chứng sinh'));
    expect(certificate).toMatchObject({ originals: 1, copies: 0, group: 'Giấy tờ phải nộp' });
    expect(birth?.result).toContain('Giấy khai sinh');
    expect(birth?.result).not.toContain('Chọn cơ quan');
    expect(birth?.legalBasis).toContainEqual({
      number: '123/2015/NĐ-CP',
      date: '2015-11-15',
      title: 'Nghị định của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
    });
    // "Nghị quyết số 66.7/2025/NQ-CP" is one number, not "66." and "7/2025/NQ-CP".
    expect(birth?.legalBasis.map((l) => l.number)).toContain('66.7/2025/NQ-CP');
    for (const l of birth?.legalBasis ?? []) expect(l.number).toMatch(/^\d+(\.\d+)?[/-]/);
    expect(birth?.steps.length).toBeGreaterThan(3);
    expect(birth?.url).toMatch(/^https:\/\/dichvucong\.gov\.vn\//);
    const residence = catalog.procedures.find((p) => p.code === '1.004194');
    expect(residence?.agency).not.toBe('');
    for (const p of catalog.procedures) {
      expect(p.name).toBe(p.name.normalize('NFC'));
      for (const m of p.methods) expect(['Trực tuyến', 'Trực tiếp', 'Dịch vụ bưu chính']).toContain(m.method);
    }
  });

  it('keeps every level with level "all"', async () => {
    const { catalog, report } = await importPortalFile(SAMPLE, { level: 'all', now: NOW });
    expect(report.filtered).toBe(0);
    expect(catalog.procedures).toHaveLength(10);
    expect(catalog.procedures.some((p) => !p.levels.includes('xa'))).toBe(true);
  });

  it('never throws on garbage input', async () => {
    const { catalog, report } = await importPortalLines(
      ['', 'null', '"text"', '{', '{"ma_thu_tuc": 5}', '\u0000\u0001'],
      {
        level: 'all',
        now: NOW,
      },
    );
    expect(catalog.procedures).toEqual([]);
    expect(report.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe('Catalog: versions', () => {
  it('starts a day at -1 and counts up from a previous build of the same day', () => {
    expect(nextCatalogVersion(NOW)).toBe('2026.11.25-1');
    expect(nextCatalogVersion(NOW, '2026.11.25-3')).toBe('2026.11.25-4');
    expect(nextCatalogVersion(NOW, '2026.11.24-7')).toBe('2026.11.25-1');
    // A clock behind the last build still produces a newer version.
    expect(compareCatalogVersions(nextCatalogVersion(NOW, '2026.12.01-2'), '2026.12.01-2')).toBeGreaterThan(
      0,
    );
  });

  it('compares versions and rejects malformed ones naming the value', () => {
    expect(compareCatalogVersions('2026.11.25-2', '2026.11.25-10')).toBeLessThan(0);
    expect(compareCatalogVersions('2026.11.26-1', '2026.11.25-10')).toBeGreaterThan(0);
    expect(compareCatalogVersions('2026.11.25-1', '2026.11.25-1')).toBe(0);
    expect(() => compareCatalogVersions('v1', '2026.11.25-1')).toThrow(
      /version: must look like "2026.11.25-1", got "v1"/,
    );
  });
});
