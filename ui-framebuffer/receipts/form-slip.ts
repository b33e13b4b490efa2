import type { SKRSContext2D } from '@napi-rs/canvas';
import { canvasLib } from '../../runtime/canvas.js';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { font, registerFonts } from '../../runtime/fonts.js';
import { wrapText } from '../draw.js';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');

/** What the counter slip of a filled form holds (flows/form-flow.ts fills it). */
export interface FormSlipContent {
  centre: string;
  form: string;
  procedure: string;
  /** Queue number ("A-012"), when one was issued. */
  ticket?: string;
  /** "Quầy 1, 2" */
  counters?: string;
  /** The signed KF1 text the officer's scanner reads. */
  handoff: string;
  fee?: { text: string; qr?: string; content: string };
  printedAt: string;
}

function drawQr(g: SKRSContext2D, text: string, x: number, y: number, side: number): number {
  const qr = qrcode().create(text, { errorCorrectionLevel: 'M' });
  const module = Math.max(2, Math.floor(side / qr.modules.size));
  const left = Math.round(x - (qr.modules.size * module) / 2);
  for (let r = 0; r < qr.modules.size; r++)
    for (let c = 0; c < qr.modules.size; c++)
      if (qr.modules.get(r, c)) g.fillRect(left + c * module, y + r * module, module, module);
  return qr.modules.size * module;
}

/**
 * "Phiếu nộp tờ khai" as a raster image for the thermal printer: the queue number, the form's QR
 * for the officer's scanner (signed, with the procedure code), and the fee with its VietQR code.
 */
export function renderFormSlipImage(
  c: FormSlipContent,
  widthDots: number,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  registerFonts();
  const width = widthDots;
  const s = width / 576;
  const canvas = canvasLib().createCanvas(width, Math.round(1700 * s));
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  g.textBaseline = 'top';
  let y = 10 * s;
  const margin = 14 * s;
  const block = (
    text: string,
    size: number,
    weight: 400 | 600 | 700 | 800,
    align: 'left' | 'center' = 'center',
  ): void => {
    g.font = font(size * s, weight);
    g.textAlign = align;
    const x = align === 'center' ? width / 2 : margin;
    for (const line of wrapText(g, text, width - 2 * margin)) {
      g.fillText(line, x, y);
      y += size * s * 1.25;
    }
  };
  const rule = (): void => {
    y += 6 * s;
    g.fillRect(margin, y, width - 2 * margin, 2 * s);
    y += 10 * s;
  };
  block(c.centre, 22, 400);
  block('PHIẾU NỘP TỜ KHAI', 32, 800);
  block(c.form, 24, 700);
  block(`Mã thủ tục: ${c.procedure}`, 20, 400);
  if (c.ticket) {
    rule();
    block('Số thứ tự', 22, 600);
    block(c.ticket, 64, 800);
    if (c.counters) block(`Mời đến ${c.counters}`, 24, 700);
  }
  rule();
  block('Đưa phiếu này cho cán bộ quét mã: tờ khai của bạn hiện ngay trên máy của cán bộ.', 20, 400);
  y += 6 * s;
  y += drawQr(g, c.handoff, width / 2, y, 400 * s) + 8 * s;
  if (c.fee) {
    rule();
    block(`Lệ phí: ${c.fee.text}`, 26, 700);
    if (c.fee.qr) {
      block('Quét mã VietQR bằng ứng dụng ngân hàng để nộp lệ phí, hoặc nộp tại quầy.', 20, 400);
      y += 6 * s;
      y += drawQr(g, c.fee.qr, width / 2, y, 260 * s) + 8 * s;
      block(`Nội dung chuyển khoản: ${c.fee.content}`, 20, 600);
    } else block('Nộp lệ phí tại quầy.', 20, 400);
  }
  rule();
  block('Phiếu có thông tin cá nhân của bạn: xin giữ cẩn thận, không để lại.', 20, 600);
  block(c.printedAt, 20, 400);
  const height = Math.min(canvas.height, Math.ceil(y + 10 * s));
  const data = g.getImageData(0, 0, width, height).data;
  return { rgba: data, width, height };
}
