import type { SKRSContext2D } from '@napi-rs/canvas';
import { canvasLib } from '../../runtime/canvas.js';
import { lazyRequire } from '../../runtime/lazy-require.js';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');
import { font, registerFonts } from '../../runtime/fonts.js';
import { wrapText } from '../draw.js';
import { tr, type Lang } from '../localize.js';

/** What the printed checklist of a procedure holds (flows/assistant.ts fills it from the catalog). */
export interface ChecklistContent {
  centre: string;
  procedureName: string;
  code: string;
  /** What everyone brings, in the citizen's order. */
  always: readonly string[];
  /** Only in some cases. */
  conditional: readonly string[];
  fee: string;
  time: string;
  where: string;
  /** The procedure's page on the national portal, printed as a QR code. */
  url: string;
  /** "08:30:00 25/11/2026", local time. */
  printedAt: string;
  /**
   * The citizen's language: the receipt's own words in it (in English the heading in Vietnamese
   * too, for the staff); the catalog's names and documents stay as the catalog writes them.
   */
  lang: Lang;
}

/**
 * "Danh sách giấy tờ" as a raster image (Vietnamese prints on any printer): the procedure, the
 * documents to bring with a box to tick (common case first, case-by-case ones grouped and counted
 * apart), fee, time, where, and a QR to the portal page.
 */
export function renderChecklistImage(
  c: ChecklistContent,
  widthDots: number,
): { rgba: Uint8ClampedArray; width: number; height: number; texts: string[] } {
  registerFonts();
  const width = widthDots;
  // Lay out once to measure (documents can run to many lines), then draw on a canvas that tall.
  const measure = canvasLib().createCanvas(width, 1).getContext('2d');
  const height = Math.ceil(layOut(measure, c, width, false, []) + 10 * (width / 576));
  const canvas = canvasLib().createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  const texts: string[] = [];
  layOut(g, c, width, true, texts);
  const data = g.getImageData(0, 0, width, height).data;
  return { rgba: data, width, height, texts };
}

/**
 * Draws (or only measures, when `draw` is false) the checklist; returns the bottom of its content.
 * The texts drawn go into `texts`, one a block.
 */
function layOut(
  g: SKRSContext2D,
  c: ChecklistContent,
  width: number,
  draw: boolean,
  texts: string[],
): number {
  const s = width / 576;
  const t = (vi: string, en: string): string => tr({ vi, en }, c.lang);
  const lines = c.always.length + c.conditional.length;
  g.fillStyle = '#000';
  g.textBaseline = 'top';
  let y = 10 * s;
  const margin = 14 * s;
  const block = (
    text: string,
    size: number,
    weight: 400 | 600 | 700 | 800,
    align: 'left' | 'center',
    indent = 0,
  ): void => {
    g.font = font(size * s, weight);
    g.textAlign = align;
    const x = align === 'center' ? width / 2 : margin + indent;
    texts.push(text);
    for (const line of wrapText(g, text, width - 2 * margin - indent)) {
      if (draw) g.fillText(line, x, y);
      y += size * s * 1.25;
    }
  };
  const rule = (): void => {
    y += 6 * s;
    if (draw) g.fillRect(margin, y, width - 2 * margin, 2 * s);
    y += 10 * s;
  };
  const item = (text: string): void => {
    g.lineWidth = 2 * s;
    if (draw) g.strokeRect(margin, y + 3 * s, 20 * s, 20 * s);
    block(text, 22, 400, 'left', 32 * s);
    y += 4 * s;
  };
  block(c.centre, 22, 400, 'center');
  block(t('DANH SÁCH GIẤY TỜ CẦN MANG', 'DOCUMENTS TO BRING'), 30, 800, 'center');
  if (c.lang !== 'vi') block('(DANH SÁCH GIẤY TỜ CẦN MANG)', 20, 400, 'center');
  y += 4 * s;
  block(c.procedureName, 26, 700, 'center');
  block(`${t('Mã thủ tục', 'Procedure code')}: ${c.code}`, 20, 400, 'center');
  rule();
  if (c.always.length > 0) {
    block(`${t('Giấy tờ cần có', 'Documents needed')} (${c.always.length}):`, 24, 700, 'left');
    for (const d of c.always) item(d);
  }
  if (c.conditional.length > 0) {
    y += 6 * s;
    block(`${t('Tùy trường hợp', 'Depending on your case')} (${c.conditional.length}):`, 24, 700, 'left');
    for (const d of c.conditional) item(d);
  }
  if (lines === 0)
    block(
      t(
        'Danh mục chưa ghi giấy tờ: xin hỏi cán bộ tại quầy.',
        'The catalog lists no documents: please ask the staff at the counter.',
      ),
      22,
      400,
      'left',
    );
  rule();
  block(`${t('Lệ phí', 'Fee')}: ${c.fee}`, 22, 600, 'left');
  block(`${t('Thời gian giải quyết', 'Processing time')}: ${c.time}`, 22, 600, 'left');
  block(`${t('Nơi nộp', 'Submit at')}: ${c.where}`, 22, 400, 'left');
  if (c.url) {
    y += 10 * s;
    const qr = qrcode().create(c.url, { errorCorrectionLevel: 'M' });
    const module = Math.max(2, Math.floor((200 * s) / qr.modules.size));
    const left = Math.round(width / 2 - (qr.modules.size * module) / 2);
    for (let r = 0; r < qr.modules.size; r++) {
      for (let col = 0; col < qr.modules.size; col++) {
        if (draw && qr.modules.get(r, col)) g.fillRect(left + col * module, y + r * module, module, module);
      }
    }
    y += qr.modules.size * module + 8 * s;
    block(
      t(
        'Quét mã để xem thủ tục trên Cổng Dịch vụ công quốc gia',
        'Scan to see the procedure on the National Public Service Portal',
      ),
      20,
      400,
      'center',
    );
  }
  block(`${t('In lúc', 'Printed at')} ${c.printedAt}`, 20, 400, 'center');
  return y;
}
