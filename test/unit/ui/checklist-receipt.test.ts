import { createCanvas } from '@napi-rs/canvas';
import jsqr from 'jsqr';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import { checklistContent } from '../../../flows/assistant.js';
import { font, registerFonts } from '../../../runtime/fonts.js';
import {
  renderChecklistImage,
  type ChecklistContent,
} from '../../../ui-framebuffer/receipts/checklist-receipt.js';

// jsqr is CommonJS: its function is module.exports and module.exports.default.
const jsQR = jsqr.default;

const LONG =
  'Trường hợp người yêu cầu đăng ký khai tử là người được ủy quyền thì phải có văn bản ủy quyền được ' +
  'chứng thực theo quy định của pháp luật; nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, ' +
  'anh, chị, em ruột của người ủy quyền thì không cần chứng thực';

function content(over: Partial<ChecklistContent> = {}): ChecklistContent {
  return {
    centre: 'Trung tâm phục vụ hành chính công xã Tân Phú',
    procedureName: 'Thủ tục đăng ký khai tử',
    code: '1.000656',
    always: ['Tờ khai đăng ký khai tử theo mẫu', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử'],
    conditional: [],
    fee: 'miễn phí',
    time: 'ngay trong ngày làm việc',
    where: 'Trung tâm phục vụ hành chính công của xã',
    url: 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.000656',
    printedAt: '08:30:00 25/11/2026',
    lang: 'vi',
    ...over,
  };
}

/** Rows (top to bottom) holding any dark pixel. */
function inkedRows(img: { rgba: Uint8ClampedArray; width: number; height: number }): number[] {
  const rows: number[] = [];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if ((img.rgba[(y * img.width + x) * 4] ?? 255) < 128) {
        rows.push(y);
        break;
      }
    }
  }
  return rows;
}

describe('printed checklist layout', () => {
  it('grows with the documents: nothing is cut, the QR still reads and the print time is last', () => {
    const many = content({
      // A catalog name or document can run to several hundred characters.
      procedureName: `Thủ tục đăng ký khai tử, ${LONG}`,
      always: Array.from({ length: 6 }, (_, i) => `${i + 1}. ${LONG}; ${LONG}`),
      conditional: Array.from({ length: 3 }, () => LONG),
      where: `Bộ phận một cửa, ${LONG}`,
    });
    const short = renderChecklistImage(content(), 576);
    const long = renderChecklistImage(many, 576);
    expect(long.height).toBeGreaterThan(short.height + 6 * 10 * 25);
    const rows = inkedRows(long);
    const last = rows[rows.length - 1] ?? 0;
    // The last line (print time) ends inside the image, with the bottom margin left blank.
    expect(last).toBeLessThan(long.height - 4);
    expect(long.height - last).toBeLessThan(40);
    // The QR code sits above the print time and decodes to the portal page.
    const qr = jsQR(long.rgba, long.width, long.height);
    expect(qr?.data).toBe(many.url);
    expect(qr?.location.bottomLeftCorner.y ?? Infinity).toBeLessThan(last);
  });

  it('keeps the same layout at 384 dots (58 mm printers), only narrower', () => {
    const img = renderChecklistImage(content({ conditional: [LONG] }), 384);
    expect(img.width).toBe(384);
    expect(jsQR(img.rgba, img.width, img.height)?.data).toBe(content().url);
    const rows = inkedRows(img);
    expect(img.height - (rows[rows.length - 1] ?? 0)).toBeLessThan(30);
  });

  it('draws Vietnamese letters with the receipt font (no missing-glyph boxes)', () => {
    registerFonts();
    const glyph = (ch: string): string => {
      const canvas = createCanvas(48, 48);
      const g = canvas.getContext('2d');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 48, 48);
      g.fillStyle = '#000';
      g.textBaseline = 'top';
      g.font = font(30, 400);
      g.fillText(ch, 4, 4);
      return Buffer.from(g.getImageData(0, 0, 48, 48).data).toString('base64');
    };
    const missing = glyph('\uE000');
    const letters = [...'ĐđăâêôơưẠảẤầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ'];
    const drawn = new Set(letters.map(glyph));
    for (const ch of letters) expect(glyph(ch), ch).not.toBe(missing);
    // Each letter has its own shape (marks are drawn, not dropped).
    expect(drawn.size).toBe(letters.length);
    // The same holds for the receipt's own heading: with and without diacritics differ.
    const vi = renderChecklistImage(content(), 576);
    const ascii = renderChecklistImage(content({ procedureName: 'Thu tuc dang ky khai tu' }), 576);
    expect(Buffer.from(vi.rgba).equals(Buffer.from(ascii.rgba))).toBe(false);
  });
});

describe("printed checklist in the citizen's language", () => {
  const catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
  const TIME = Date.parse('2026-11-25T08:30:00+07:00');
  /** The receipt's own Vietnamese words (the catalog's names and documents aside). */
  const OWN_VI =
    /DANH SÁCH GIẤY TỜ|Mã thủ tục|Giấy tờ cần có|Tùy trường hợp|Lệ phí|Thời gian giải quyết|Nơi nộp|Quét mã|In lúc|chưa có thông tin|đồng\b|miễn phí/u;

  it('in English: English words (the heading in Vietnamese too, for the staff); fee and time in English', () => {
    let printed = 0;
    for (const p of catalog.procedures) {
      const img = renderChecklistImage(
        checklistContent(p, 'Commune centre', TIME, 'Asia/Ho_Chi_Minh', 'en'),
        576,
      );
      expect(img.texts).toContain('DOCUMENTS TO BRING');
      expect(img.texts).toContain('(DANH SÁCH GIẤY TỜ CẦN MANG)');
      const own = img.texts.filter((t) => t !== '(DANH SÁCH GIẤY TỜ CẦN MANG)');
      const chrome = own.filter((t) =>
        /^(?:Fee|Processing time|Submit at|Procedure code|Printed at|Documents needed|Depending on your case|Scan)/u.test(
          t,
        ),
      );
      expect(chrome.length, p.code).toBeGreaterThanOrEqual(5);
      for (const line of chrome.filter((t) => !t.startsWith('Submit at')))
        expect(line, p.code).not.toMatch(OWN_VI);
      expect(own.join('\n'), p.code).not.toMatch(
        /DANH SÁCH GIẤY TỜ CẦN MANG\n|Giấy tờ cần có|Tùy trường hợp|Lệ phí:|In lúc/u,
      );
      printed++;
    }
    expect(printed).toBeGreaterThan(3);
  });

  it('in Vietnamese: the receipt as before, the print time local', () => {
    const p = catalog.procedures[0];
    if (!p) throw new Error('empty fixture');
    const img = renderChecklistImage(
      checklistContent(p, 'Trung tâm xã', TIME, 'Asia/Ho_Chi_Minh', 'vi'),
      576,
    );
    expect(img.texts).toContain('DANH SÁCH GIẤY TỜ CẦN MANG');
    expect(img.texts).toContain('In lúc 08:30:00 25/11/2026');
    expect(img.texts.join(' ')).not.toMatch(/DOCUMENTS|Fee:/u);
  });
});
