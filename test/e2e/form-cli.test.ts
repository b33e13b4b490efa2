import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKiosk, tempDir } from '../helpers/sim-process.js';

const dir = tempDir('kiosk-form-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Listed {
  id: string;
  version: number;
  title: string;
  procedures: string[];
  fields: { id: string; label: string; type: string; required: boolean; options?: string[] }[];
}

describe('kiosk form (CLI)', () => {
  it('list --json: each form with its procedures and fields', async () => {
    const r = await runKiosk(['form', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const forms = JSON.parse(r.stdout) as Listed[];
    expect(forms).toHaveLength(8);
    const ks = forms.find((f) => f.id === 'khai-sinh');
    expect(ks?.title).toBe('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    expect(ks?.procedures).toContain('1.001193');
    const gender = ks?.fields.find((f) => f.id === 'treGioiTinh');
    expect(gender).toEqual({
      id: 'treGioiTinh',
      label: 'Giới tính',
      type: 'choice',
      required: true,
      options: ['Nam', 'Nữ'],
    });
    expect(forms.find((f) => f.id === 'ct01')?.procedures).toContain('1.004194');
  });

  it('list: one line per form for people', async () => {
    const r = await runKiosk(['form', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/khai-sinh\s+v1\s+TỜ KHAI ĐĂNG KÝ KHAI SINH/);
    expect(r.stdout).toMatch(/procedures 1\.001193, 1\.003583; 29 fields/);
  });

  it('list --catalog: a newer form version from the fleet catalog replaces the shipped one; a bad one is refused', async () => {
    const form = {
      format: 'smart-kiosk-form',
      id: 'khai-sinh',
      version: 2,
      title: 'TỜ KHAI ĐĂNG KÝ KHAI SINH (MẪU MỚI)',
      shortTitle: 'Tờ khai khai sinh',
      procedures: ['1.001193'],
      model: 'test',
      addressee: '{agency}',
      sections: [
        {
          title: 'Người yêu cầu',
          fields: [
            { id: 'hoTen', label: 'Họ tên', type: 'name', required: true, prefill: 'fullName' },
            { id: 'soDinhDanh', label: 'Số định danh', type: 'id-number', prefill: 'idNumber' },
          ],
        },
      ],
      declaration: 'Tôi cam đoan.',
      signature: { title: 'Người yêu cầu', note: '' },
    };
    const catalog = {
      format: 'smart-kiosk-catalog',
      version: '2026.12.01-1',
      createdAt: '2026-12-01T00:00:00Z',
      procedures: [],
      forms: [form],
    };
    const file = join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify(catalog));
    const r = await runKiosk(['form', 'list', '--json', '--catalog', file]);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as Listed[];
    expect(listed.find((f) => f.id === 'khai-sinh')?.title).toBe('TỜ KHAI ĐĂNG KÝ KHAI SINH (MẪU MỚI)');
    expect(listed).toHaveLength(8);

    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...catalog,
        forms: [{ ...form, sections: [{ title: 'x', fields: [{ id: 'a', label: 'A', type: 'choice' }] }] }],
      }),
    );
    const refused = await runKiosk(['form', 'list', '--catalog', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/forms\.0\.a: a choice field needs options/);
  });

  it('render --sample writes an A4 PDF whose text pdftotext reads back', async () => {
    const out = join(dir, 'ks.pdf');
    const r = await runKiosk(['form', 'render', '--form', 'khai-sinh', '--sample', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    expect(text).toContain('Trần Minh Khang');
  });

  it('render --data: validated like the screen, exit 1 listing every field error and no PDF', async () => {
    const data = join(dir, 'bad.json');
    writeFileSync(
      data,
      JSON.stringify({
        nycHoTen: 'Trần Văn 9',
        nycSoDinhDanh: '123',
        treNgaySinh: '01/01/2099',
        treHoTen: '🙂',
      }),
    );
    const out = join(dir, 'bad.pdf');
    const r = await runKiosk(['form', 'render', '--form', 'khai-sinh', '--data', data, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nycHoTen \(Họ, chữ đệm, tên người yêu cầu\): Tên không được có chữ số\./);
    expect(r.stderr).toMatch(
      /nycSoDinhDanh \(Số định danh cá nhân\): Số định danh cá nhân phải đủ 12 chữ số\./,
    );
    expect(r.stderr).toMatch(/treNgaySinh \(Ngày sinh\): Ngày này chưa tới/);
    expect(r.stderr).toMatch(/treHoTen .*không in được/);
    expect(r.stderr).toMatch(/nycQuanHe \(Quan hệ với người được khai sinh\): Vui lòng chọn một mục\./);
    expect(existsSync(out)).toBe(false);
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"nycHoTen": ');
    const g = await runKiosk(['form', 'render', '--form', 'khai-sinh', '--data', garbage, '--out', out]);
    expect(g.code).toBe(1);
    expect(g.stderr).toMatch(/--data: .*garbage\.json: /);
    const unknown = await runKiosk(['form', 'render', '--form', 'nope', '--sample', '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no form "nope".*khai-sinh/);
  });
});
