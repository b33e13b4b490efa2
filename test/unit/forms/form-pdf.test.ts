import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFormDir } from '../../../domain/forms/form-library.js';
import { renderFormPdf } from '../../../domain/forms/form-pdf.js';
import { sampleValues, validateForm } from '../../../domain/forms/form-validation.js';

const NOW = Date.parse('2026-12-02T03:00:00Z');
const forms = readFormDir();
const dir = mkdtempSync(join(tmpdir(), 'kiosk-form-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(id: string, over: Record<string, string> = {}): Promise<string> {
  const t = forms.find((f) => f.id === id);
  if (!t) throw new Error(id);
  const check = validateForm(t, { ...sampleValues(t), ...over }, NOW);
  expect(check.errors).toEqual({});
  const pdf = await renderFormPdf(t, check, { agency: 'UBND XÃ HẢI HẬU', now: NOW });
  const file = join(dir, `${id}-${Object.keys(over).length}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

const text = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

/** Every word's box from pdftotext -bbox: [xMin, xMax, page width]. */
function wordBoxes(file: string): { word: string; xMin: number; xMax: number; pageWidth: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const width = Number(/<page width="([\d.]+)"/.exec(html)?.[1]);
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({ word: m[3] ?? '', xMin: Number(m[1]), xMax: Number(m[2]), pageWidth: width }));
}

describe('Forms: A4 PDF', () => {
  it('every shipped form renders with quốc hiệu, tiêu ngữ, title, addressee, values and signature, as extractable text', async () => {
    for (const t of forms) {
      const file = await render(t.id);
      const out = text(file).normalize('NFC');
      expect(out, t.id).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(out).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(out).toContain(t.title);
      expect(out).toContain('Kính gửi: UBND XÃ HẢI HẬU');
      for (const title of t.signature.signers?.map((x) => x.title) ?? [t.signature.title])
        expect(out).toContain(title.toUpperCase());
      expect(out).toContain('ngày 02 tháng 12 năm 2026');
      const values = validateForm(t, sampleValues(t), NOW).values;
      const longest = Object.values(values).sort((a, b) => b.length - a.length)[0] ?? '';
      expect(out.replace(/\s+/g, ' ')).toContain(longest.split(' ').slice(0, 3).join(' '));
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/BeVietnamPro-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });

  it('documents rendered at the same time share the parsed fonts, each with its own complete subset', async () => {
    // The fonts are parsed once per process (domain/forms/pdf-fonts.ts); two documents laid out
    // together must not take each other's glyphs: each one's text reads back whole.
    const ids = ['ket-hon', 'ho-kinh-doanh', 'khai-tu'];
    const files = await Promise.all(ids.map((id) => render(id)));
    files.forEach((file, i) => {
      const t = forms.find((f) => f.id === ids[i]);
      const out = text(file).normalize('NFC');
      expect(out).toContain(t?.title);
      expect(out).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(out).not.toContain('\ufffd');
    });
  });

  it('short fields share a line, the commitment stays with the signature, kết hôn has both signers', async () => {
    const ks = await render('khai-sinh');
    // Khai sinh filled with its sample fits one page as the official form does (it took two).
    expect(execFileSync('pdfinfo', [ks], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const lines = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ks, '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .split('\n');
    expect(lines.some((l) => /Ngày sinh: 15\/10\/2026\s+Giới tính: Nam/.test(l))).toBe(true);
    expect(lines.some((l) => /Dân tộc: Kinh\s+Quốc tịch: Việt Nam/.test(l))).toBe(true);
    // A name has its line to itself.
    expect(lines.find((l) => l.includes('Trần Minh Khang'))?.trim()).toBe(
      'Họ, chữ đệm, tên: Trần Minh Khang',
    );
    const kh = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', await render('ket-hon'), '-'], {
      encoding: 'utf8',
    }).normalize('NFC');
    expect(kh).toMatch(/BÊN NỮ\s+BÊN NAM/);
    expect(kh).toMatch(/Phạm Thu Trang\s+Đỗ Quang Huy/);
  });

  it('hidden fields are left out and blank optional ones are dotted for handwriting', async () => {
    const file = await render('khai-sinh', { coThongTinCha: 'Không', nycDienThoai: '' });
    const out = text(file).normalize('NFC');
    expect(out).not.toContain('Họ, chữ đệm, tên người cha');
    expect(out).toMatch(/Số điện thoại: \.{20,}/);
  });

  it('long values wrap (or shrink) inside the text column, never past the margins', async () => {
    const longPlace = `Bệnh viện ${'Đa khoa Khu vực Miền núi Phía Bắc '.repeat(5).trim()}, Xã Hải Hậu, Tỉnh Ninh Bình`;
    const file = await render('khai-sinh', {
      treNoiSinh: longPlace.slice(0, 250),
      treQueQuan: 'Xóm Đông '.repeat(22).trim().slice(0, 200),
      treHoTen: 'Nguyễn Hoàng Bảo Khánh Minh Phương Thảo Uyên Vy Xuân Yến'.slice(0, 60),
    });
    const boxes = wordBoxes(file);
    const width = boxes[0]?.pageWidth ?? 0;
    const right = width - (15 * 72) / 25.4;
    const left = (30 * 72) / 25.4;
    // 2 pt (0.7 mm) of slack: a justified line's last word ends at the margin give or take the
    // word-spacing rounding pdftotext measures.
    const outside = boxes.filter((b) => b.xMax > right + 2 || b.xMin < left - 2);
    expect(outside).toEqual([]);
    expect(text(file).replace(/\s+/g, ' ').normalize('NFC')).toContain('Xã Hải Hậu, Tỉnh Ninh Bình');
  });
});
