import { describe, expect, it } from 'vitest';
import { FormLibrary, readFormDir } from '../../../domain/forms/form-library.js';

/**
 * #15 walkthrough: the form list opened on "Đề nghị chứng thực bản sao" and put the birth
 * registration, the commonest reason to come to a commune centre, on its second page (the
 * templates were listed by file name). Each template says its place (`listOrder`).
 */
describe('Form list: the commonest forms first', () => {
  it('lists the shipped forms birth, death and marriage registration first', () => {
    const ids = new FormLibrary(readFormDir()).list().map((t) => t.id);
    expect(ids.slice(0, 3)).toEqual(['khai-sinh', 'khai-tu', 'ket-hon']);
    expect(ids).toHaveLength(8);
  });

  it('puts a template without a place after the placed ones, by id, and keeps a catalog’s newer version in its place', () => {
    const shipped = readFormDir();
    const birth = shipped.find((t) => t.id === 'khai-sinh')!;
    const unplaced = { ...birth, id: 'a-moi', listOrder: undefined, procedures: ['1.999999'] };
    const newer = { ...birth, version: birth.version + 1, listOrder: 1 };
    const ids = new FormLibrary(shipped, [unplaced, newer]).list().map((t) => `${t.id}@${t.version}`);
    expect(ids[0]).toBe(`khai-sinh@${birth.version + 1}`);
    expect(ids.at(-1)).toBe(`a-moi@${birth.version}`);
  });
});
