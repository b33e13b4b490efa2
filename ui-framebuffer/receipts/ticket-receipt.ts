import { createCanvas } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { Ticket } from '../../domain/queue/ticket.js';
import { ticketTimestamp } from '../../runtime/time.js';
import { font, registerFonts } from '../../runtime/fonts.js';
import { wrapText } from '../draw.js';

export interface TicketReceiptOptions {
  agency: string;
  centre: string;
  timeZone: string;
  widthDots: number;
  /** Printed as a QR code when set (e.g. a status or rating link). */
  qrText?: string;
}

/**
 * Renders the queue ticket as a raster image (so Vietnamese prints correctly on any printer)
 * following the conventional layout: agency, title, big number, service, people ahead, time,
 * QR, footer.
 */
export function renderTicketImage(
  ticket: Ticket,
  options: TicketReceiptOptions,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  registerFonts();
  const width = options.widthDots;
  const s = width / 576;
  const canvas = createCanvas(width, Math.round(1100 * s));
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  g.textAlign = 'center';
  g.textBaseline = 'top';
  let y = 10 * s;
  const center = width / 2;
  const block = (text: string, size: number, weight: 400 | 600 | 700 | 800, gap = 6): void => {
    g.font = font(size * s, weight);
    for (const line of wrapText(g, text, width - 24 * s)) {
      g.fillText(line, center, y);
      y += size * s * 1.25;
    }
    y += gap * s;
  };
  block(options.agency.toUpperCase(), 28, 700, 0);
  block(options.centre, 24, 400, 10);
  block('PHIẾU SỐ THỨ TỰ', 34, 800, 0);
  block(ticket.number, 130, 800, 4);
  block(ticket.groupName, 30, 600, 4);
  if (ticket.counters.length) block(`Quầy số: ${ticket.counters.join(', ')}`, 26, 400, 0);
  block(`Số người chờ trước: ${ticket.peopleAhead}`, 28, 600, 0);
  if (ticket.peopleAheadSource)
    block(
      ticket.peopleAheadSource === 'centre'
        ? '(theo hệ thống xếp hàng của trung tâm)'
        : '(số đếm tại ki-ốt này)',
      20,
      400,
      0,
    );
  block(`Thời gian: ${ticketTimestamp(ticket.issuedAt, options.timeZone)}`, 24, 400, ticket.session ? 0 : 8);
  if (ticket.session) block(`Buổi: ${ticket.session}`, 24, 400, 8);
  if (options.qrText) {
    const qr = QRCode.create(options.qrText, { errorCorrectionLevel: 'M' });
    const module = Math.floor((180 * s) / qr.modules.size);
    const left = Math.round(center - (qr.modules.size * module) / 2);
    for (let r = 0; r < qr.modules.size; r++) {
      for (let c = 0; c < qr.modules.size; c++) {
        if (qr.modules.get(r, c)) g.fillRect(left + c * module, y + r * module, module, module);
      }
    }
    y += qr.modules.size * module + 10 * s;
  }
  block('Vui lòng giữ phiếu và chờ gọi số.', 24, 400, 0);
  block('Xin cảm ơn!', 24, 600, 0);
  const height = Math.ceil(y + 10 * s);
  const data = g.getImageData(0, 0, width, height).data;
  return { rgba: data, width, height };
}
