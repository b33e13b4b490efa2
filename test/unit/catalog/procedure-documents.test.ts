import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH } from '../../../domain/catalog/catalog-service.js';
import type { Procedure } from '../../../domain/catalog/procedure.js';
import { isConditional, orderedDocuments } from '../../../domain/catalog/procedure-facts.js';

describe('Catalog: documents in the order a citizen needs them', () => {
  let procedures: Procedure[];
  beforeAll(async () => {
    procedures = (await readCatalogFile(DEFAULT_CATALOG_PATH)).procedures;
  });

  it('birth registration: the form, the ID, the birth certificate; the rest under "depending on your case"', () => {
    const birth = procedures.find((p) => p.code === '1.001193');
    expect(birth).toBeDefined();
    const { always, conditional } = orderedDocuments(birth as Procedure);
    expect(always.map((d) => d.name.split(/[ (;/]/u)[0])).toEqual(['Tờ', 'Hộ', 'Giấy']);
    expect(always[0]?.name).toMatch(/^Tờ khai đăng ký khai sinh/);
    expect(always[1]?.name).toMatch(/^Hộ chiếu\/Thẻ căn cước/);
    expect(always[2]?.name).toMatch(/^Giấy chứng sinh/);
    // The authorisation letter, the online form, the residence proof and the portal's rules.
    expect(conditional.some((d) => d.name.startsWith('Văn bản ủy quyền'))).toBe(true);
    expect(conditional.some((d) => d.name.startsWith('Mẫu hộ tịch điện tử'))).toBe(true);
    expect(
      conditional.some((d) => d.name.startsWith('Giấy tờ có giá trị chứng minh thông tin về cư trú')),
    ).toBe(true);
    // The list heading ("... các giấy tờ sau") is neither.
    expect(always.length + conditional.length).toBe(birth!.documents.length - 1);
  });

  it('tells conditions apart from exceptions and from conditions that hold at the counter', () => {
    const doc = (name: string, group?: string) => ({ name, ...(group ? { group } : {}) });
    expect(isConditional(doc('Trường hợp ủy quyền thì có văn bản ủy quyền.'))).toBe(true);
    expect(isConditional(doc('Giấy phép quá cảnh đối với trường hợp hàng quá cảnh phải có giấy phép'))).toBe(
      true,
    );
    expect(isConditional(doc('Bản sao hợp đồng (nếu có)'))).toBe(true);
    expect(isConditional(doc('Mẫu điện tử (nếu nộp hồ sơ theo hình thức trực tuyến)'))).toBe(true);
    expect(isConditional(doc('Tờ khai theo mẫu (nếu nộp hồ sơ theo hình thức trực tiếp)'))).toBe(false);
    expect(isConditional(doc('Vận tải đơn, trừ trường hợp hàng hóa không có vận tải đơn'))).toBe(false);
    expect(isConditional(doc('Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản'))).toBe(
      false,
    );
    expect(isConditional(doc('Giấy ủy quyền', 'Trường hợp ủy quyền thực hiện thủ tục'))).toBe(true);
  });

  it('over the whole catalog: no common-case item starts with or carries its own condition', () => {
    for (const p of procedures) {
      const { always } = orderedDocuments(p);
      for (const d of always) {
        expect(d.name.trim()).not.toMatch(/^(trường hợp|nếu|đối với)\s/iu);
        expect(d.name.split(/[;.](\s|$)/u)[0]).not.toMatch(/(?<!\p{L})trong trường hợp(?!\p{L})/iu);
      }
    }
  });
});
