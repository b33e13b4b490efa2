import { canvasLib } from '../runtime/canvas.js';
import { font, registerFonts } from '../runtime/fonts.js';
import { EscPos, toMonoImage, type MonoImage } from '../drivers/printer/escpos.js';
import { DEFAULT_CODE_PAGE_NUMBER, encodeText, type TextCodePage } from '../drivers/printer/text-encoding.js';

export interface TestPageOptions {
  widthDots: number;
  /** raster: canvas image (always right); text: printer fonts in the code page; both. */
  mode: 'raster' | 'text' | 'both';
  codePage: TextCodePage;
  codePageNumber?: number;
  /** Printed on the page, e.g. the kiosk id and time. */
  footer: string;
}

const PANGRAM = 'Ủy ban nhân dân xã Đông Hòa – Trung tâm Phục vụ hành chính công';
const SAMPLE = 'Tiếng Việt: ă â đ ê ô ơ ư · Ả Ã Ạ Ẻ Ẽ Ẹ Ỉ Ĩ Ị Ỏ Õ Ọ Ủ Ũ Ụ Ỷ Ỹ Ỵ';

/** The raster half of the test page: title, Vietnamese samples and a density ramp. */
export function testPageImage(widthDots: number): MonoImage {
  registerFonts();
  const s = widthDots / 576;
  const height = Math.round(420 * s);
  const canvas = canvasLib().createCanvas(widthDots, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, widthDots, height);
  g.fillStyle = '#000';
  g.textAlign = 'center';
  g.textBaseline = 'top';
  g.font = font(40 * s, 800);
  g.fillText('PHIẾU IN THỬ', widthDots / 2, 8 * s);
  g.font = font(20 * s, 600);
  g.fillText('Chế độ ảnh (raster GS v 0)', widthDots / 2, 60 * s);
  g.font = font(19 * s, 400);
  g.textAlign = 'left';
  const wrap = (text: string, y: number): number => {
    let line = '';
    for (const word of text.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (g.measureText(next).width > widthDots - 20 * s && line) {
        g.fillText(line, 10 * s, y);
        y += 26 * s;
        line = word;
      } else line = next;
    }
    g.fillText(line, 10 * s, y);
    return y + 30 * s;
  };
  let y = wrap(PANGRAM, 100 * s);
  y = wrap(SAMPLE, y);
  // Density ramp: black, 75 %, 50 %, 25 % dither blocks show print-head heat and evenness.
  const block = Math.floor((widthDots - 20 * s) / 4);
  [1, 0.75, 0.5, 0.25].forEach((level, k) => {
    for (let yy = 0; yy < 40 * s; yy++)
      for (let xx = 0; xx < block - 6; xx++)
        if (((xx * 7 + yy * 13) % 100) / 100 < level) g.fillRect(10 * s + k * block + xx, y + yy, 1, 1);
  });
  const used = Math.min(height, Math.ceil(y + 48 * s));
  const data = g.getImageData(0, 0, widthDots, used).data;
  return toMonoImage(data, widthDots, used);
}

/** A complete print-test job: raster and/or text mode, QR code, CODE128 barcode, cut. */
export function testPageJob(options: TestPageOptions): Uint8Array {
  const job = new EscPos().init();
  if (options.mode !== 'text') job.raster(testPageImage(options.widthDots)).feed(1);
  if (options.mode !== 'raster') {
    const t = (text: string): Uint8Array => encodeText(text, options.codePage);
    job
      .codePage(options.codePageNumber ?? DEFAULT_CODE_PAGE_NUMBER[options.codePage])
      .align('center')
      .bold(true)
      .size(2, 2)
      .text(t('IN THỬ'))
      .newline()
      .size(1, 1)
      .bold(false)
      .text(t(`Chế độ chữ (${options.codePage.toUpperCase()})`))
      .newline()
      .align('left')
      .text(t(PANGRAM))
      .newline()
      .text(t(SAMPLE))
      .newline();
  }
  job
    .align('center')
    .qr('https://dichvucong.gov.vn', { moduleSize: options.widthDots >= 576 ? 6 : 4 })
    .feed(1)
    .barcode('KIOSK-TEST-01', { height: 60 })
    .feed(1)
    .text(encodeText(options.footer, 'pc437'))
    .newline()
    .feed(3)
    .cut();
  return job.bytes();
}
