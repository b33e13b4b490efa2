import { createHash } from 'node:crypto';
import type { CatalogFile, Procedure } from '../../../domain/catalog/procedure.js';

/** A small valid catalog with `n` procedures; `edit` changes procedure names to make versions differ. */
export function makeCatalog(version: string, n = 20, edit = ''): CatalogFile {
  const procedures: Procedure[] = [];
  for (let i = 0; i < n; i++) {
    procedures.push({
      code: `1.00${1000 + i}`,
      name: `Đăng ký khai sinh ${i}${edit}`.normalize('NFC'),
      field: 'Hộ tịch',
      levels: ['xa'],
      agency: 'UBND cấp xã',
      where: 'Bộ phận một cửa',
      steps: ['Nộp hồ sơ', 'Nhận kết quả'],
      methods: [{ method: 'Trực tiếp', processingTime: '3 Ngày làm việc', fee: 'Miễn phí' }],
      documents: [{ name: 'Tờ khai', originals: 1, copies: 0 }],
      // incompressible text so gzip does not hide the size of a real catalog
      conditions: createHash('sha256').update(String(i)).digest('base64'),
      result: 'Giấy khai sinh',
      legalBasis: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch 2014' }],
      url: `https://dichvucong.gov.vn/p/${i}`,
    });
  }
  return { format: 'smart-kiosk-catalog', version, createdAt: '2026-11-25T00:00:00.000Z', procedures };
}

export function catalogBytes(catalog: CatalogFile): Buffer {
  return Buffer.from(JSON.stringify(catalog, null, 1), 'utf8');
}
