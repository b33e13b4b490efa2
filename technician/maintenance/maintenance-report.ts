import { canvasLib } from '../../runtime/canvas.js';
import { EscPos, toMonoImage } from '../../drivers/printer/escpos.js';
import type { CheckReport } from '../../runtime/check-result.js';
import { checkLine } from '../../ui-framebuffer/check-words.js';
import { wrapText } from '../../ui-framebuffer/draw.js';
import { font, registerFonts } from '../../runtime/fonts.js';

export interface ServiceReportFacts {
  deviceId: string;
  agency: string;
  centre: string;
  appVersion: string;
  nodeVersion: string;
  addresses: string[];
  printedAt: string;
  report: CheckReport | undefined;
  errors: readonly string[];
}

/** The lines of a service report, as printed (also used for the on-screen summary). */
export function serviceReportLines(f: ServiceReportFacts): string[] {
  const lines = [
    `Thiết bị: ${f.deviceId}`,
    `${f.agency} — ${f.centre}`,
    `In lúc: ${f.printedAt}`,
    `Phần mềm: smart-kiosk ${f.appVersion}, Node ${f.nodeVersion}`,
    `Mạng: ${f.addresses.join('; ') || 'không có'}`,
    '',
  ];
  if (f.report) {
    const { ok, warn, fail, skip } = f.report.summary;
    lines.push(`Kiểm tra: ${ok} đạt, ${warn} cảnh báo, ${fail} lỗi, ${skip} bỏ qua`);
    for (const c of f.report.checks) {
      lines.push(checkLine(c, 'vi'));
      if (c.hint && c.status !== 'ok') lines.push(`     → ${c.hint}`);
    }
  } else lines.push('Kiểm tra: chưa chạy');
  lines.push('', 'Lỗi gần đây:');
  lines.push(...(f.errors.length ? f.errors : ['(không có)']));
  return lines;
}

/** ESC/POS job: the report drawn as a raster image so Vietnamese prints on any printer. */
export function serviceReportJob(f: ServiceReportFacts, widthDots: number): Uint8Array {
  registerFonts();
  const s = widthDots / 576;
  const size = 20 * s;
  const measure = canvasLib().createCanvas(widthDots, 10).getContext('2d');
  measure.font = font(size);
  const wrapped = serviceReportLines(f).flatMap((l) => (l ? wrapText(measure, l, widthDots - 16 * s) : ['']));
  const titleHeight = 44 * s;
  const height = Math.ceil(titleHeight + wrapped.length * size * 1.3 + 20 * s);
  const canvas = canvasLib().createCanvas(widthDots, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, widthDots, height);
  g.fillStyle = '#000';
  g.textBaseline = 'top';
  g.textAlign = 'center';
  g.font = font(28 * s, 800);
  g.fillText('BÁO CÁO KỸ THUẬT', widthDots / 2, 6 * s);
  g.textAlign = 'left';
  g.font = font(size);
  wrapped.forEach((line, i) => g.fillText(line, 8 * s, titleHeight + i * size * 1.3));
  const image = g.getImageData(0, 0, widthDots, height).data;
  return new EscPos()
    .init()
    .raster(toMonoImage(image, widthDots, height))
    .feed(3)
    .cut()
    .bytes();
}
