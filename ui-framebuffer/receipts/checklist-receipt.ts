import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { lazyRequire } from '../../runtime/lazy-require.js';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');
import { font, registerFonts } from '../../runtime/fonts.js';
import { wrapText } from '../draw.js';

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
  printedAt: string;
}

/**
 * "Danh sách giấy tờ" as a raster image (Vietnamese prints on any printer): the procedure, the
 * documents to bring with a box to tick (common case first, case-by-case ones grouped and counted
 * apart), fee, time, where, and a QR to the portal page.
 */
export function renderChecklistImage(
  c: ChecklistContent,
  widthDots: number,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  registerFonts();
  const width = widthDots;
  // Lay out once to measure (documents can run to many lines), then draw on a canvas that tall.
  const measure = createCanvas(width, 1).getContext('2d');
  const height = Math.ceil(layOut(measure, c, width, false) + 10 * (width / 576));
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  layOut(g, c, width, true);
  const data = g.getImageData(0, 0, width, height).data;
  return { rgba: data, width, height };
}

/** Draws (or only measures, when `draw` is false) the checklist; returns the bottom of its content. */
function layOut(g: SKRSContext2D, c: ChecklistContent, width: number, draw: boolean): number {
  const s = width / 576;
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
  block('DANH SÁCH GIẤY TỜ CẦN MANG', 30, 800, 'center');
  y += 4 * s;
  block(c.procedureName, 26, 700, 'center');
  block(`Mã thủ tục: ${c.code}`, 20, 400, 'center');
  rule();
  if (c.always.length > 0) {
    block(`Giấy tờ cần có (${c.always.length}):`, 24, 700, 'left');
    for (const d of c.always) item(d);
  }
  if (c.conditional.length > 0) {
    y += 6 * s;
    block(`Tùy trường hợp (${c.conditional.length}):`, 24, 700, 'left');
    for (const d of c.conditional) item(d);
  }
  if (lines === 0) block('Danh mục chưa ghi giấy tờ: xin hỏi cán bộ tại quầy.', 22, 400, 'left');
  rule();
  block(`Lệ phí: ${c.fee}`, 22, 600, 'left');
  block(`Thời gian giải quyết: ${c.time}`, 22, 600, 'left');
  block(`Nơi nộp: ${c.where}`, 22, 400, 'left');
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
    block('Quét mã để xem thủ tục trên Cổng Dịch vụ công quốc gia', 20, 400, 'center');
  }
  block(c.printedAt, 20, 400, 'center');
  return y;
}
