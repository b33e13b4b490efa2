import { canvasLib } from '../../runtime/canvas.js';
import { lazyRequire } from '../../runtime/lazy-require.js';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');
import type { Ticket } from '../../domain/queue/ticket.js';
import { ticketTimestamp } from '../../runtime/time.js';
import { font, registerFonts } from '../../runtime/fonts.js';
import { wrapText } from '../draw.js';
import { tr, type Lang, type Localized } from '../localize.js';

export interface TicketReceiptOptions {
  agency: string;
  centre: string;
  timeZone: string;
  widthDots: number;
  /** Printed as a QR code when set (e.g. a status or rating link). */
  qrText?: string;
  /**
   * The citizen's language (default Vietnamese). In English the labels are English and the group
   * and the priority mark are printed in both languages (the staff read the Vietnamese).
   */
  lang?: Lang;
  /** The group's name in both languages (default: the ticket's Vietnamese name). */
  groupName?: Localized;
  /** The opening session in both languages, when the ticket has one. */
  session?: Localized;
}

/** One printed line (wrapped to the paper when long): its text, size in dots at 576 wide, weight, gap after. */
export interface ReceiptLine {
  text: string;
  size: number;
  weight: 400 | 600 | 700 | 800;
  gap: number;
  /** The QR code goes before this line. */
  qrBefore?: boolean;
  /** White on a black band (the priority mark: the counter sees it at a glance). */
  inverted?: boolean;
}

/**
 * What the ticket says, in print order: agency, title, big number, service, counters, people
 * ahead and whose count it is, time, session, then the footer. The same count and source as the
 * ticket screen and the voice (one ticket, one truth).
 */
export function ticketReceiptLines(ticket: Ticket, options: TicketReceiptOptions): ReceiptLine[] {
  const line = (text: string, size: number, weight: ReceiptLine['weight'], gap = 6): ReceiptLine => ({
    text,
    size,
    weight,
    gap,
  });
  const lang = options.lang ?? 'vi';
  const t = (vi: string, en: string): string => tr({ vi, en }, lang);
  const group = options.groupName ?? { vi: ticket.groupName, en: ticket.groupName };
  const groupLines =
    lang === 'en' && group.en !== group.vi
      ? [line(group.en, 30, 600, 0), line(`(${group.vi})`, 22, 400, 4)]
      : [line(tr(group, lang), 30, 600, 4)];
  const lines: ReceiptLine[] = [
    line(options.agency.toUpperCase(), 28, 700, 0),
    line(options.centre, 24, 400, 10),
    line(t('PHIẾU SỐ THỨ TỰ', 'QUEUE TICKET'), 34, 800, 0),
    line(ticket.number, 130, 800, 4),
    ...(ticket.priority
      ? [{ ...line(t('ƯU TIÊN', 'PRIORITY · ƯU TIÊN'), 36, 800, 10), inverted: true }]
      : []),
    ...groupLines,
  ];
  if (ticket.counters.length)
    lines.push(line(`${t('Quầy số', 'Counter')}: ${ticket.counters.join(', ')}`, 26, 400, 0));
  lines.push(line(`${t('Số người chờ trước', 'People ahead of you')}: ${ticket.peopleAhead}`, 28, 600, 0));
  lines.push(
    line(
      ticket.peopleAheadSource === 'centre'
        ? t('(theo hệ thống xếp hàng của trung tâm)', '(from the centre’s queue system)')
        : t('(chỉ tính các số lấy tại máy này)', '(numbers taken at this kiosk only)'),
      20,
      400,
      0,
    ),
  );
  lines.push(
    line(
      `${t('Thời gian', 'Time')}: ${ticketTimestamp(ticket.issuedAt, options.timeZone)}`,
      24,
      400,
      ticket.session ? 0 : 8,
    ),
  );
  if (ticket.session) {
    const session = options.session ?? { vi: ticket.session, en: ticket.session };
    lines.push(line(`${t('Buổi', 'Session')}: ${tr(session, lang)}`, 24, 400, 8));
  }
  lines.push({
    ...line(
      t('Vui lòng giữ phiếu và chờ gọi số.', 'Please keep this ticket and wait for your number.'),
      24,
      400,
      0,
    ),
    qrBefore: true,
  });
  lines.push(line(t('Xin cảm ơn!', 'Thank you!'), 24, 600, 0));
  return lines;
}

/**
 * Renders the queue ticket as a raster image (so Vietnamese prints correctly on any printer)
 * following the conventional layout (ticketReceiptLines), with the QR before the footer.
 */
export function renderTicketImage(
  ticket: Ticket,
  options: TicketReceiptOptions,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  registerFonts();
  const width = options.widthDots;
  const s = width / 576;
  const canvas = canvasLib().createCanvas(width, Math.round(1100 * s));
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  g.textAlign = 'center';
  g.textBaseline = 'top';
  let y = 10 * s;
  const center = width / 2;
  const qr = (): void => {
    if (!options.qrText) return;
    const code = qrcode().create(options.qrText, { errorCorrectionLevel: 'M' });
    const module = Math.floor((180 * s) / code.modules.size);
    const left = Math.round(center - (code.modules.size * module) / 2);
    for (let r = 0; r < code.modules.size; r++) {
      for (let c = 0; c < code.modules.size; c++) {
        if (code.modules.get(r, c)) g.fillRect(left + c * module, y + r * module, module, module);
      }
    }
    y += code.modules.size * module + 10 * s;
  };
  for (const l of ticketReceiptLines(ticket, options)) {
    if (l.qrBefore) qr();
    g.font = font(l.size * s, l.weight);
    for (const text of wrapText(g, l.text, width - 24 * s)) {
      if (l.inverted) {
        const w = g.measureText(text).width + 40 * s;
        g.fillRect(center - w / 2, y, w, l.size * s * 1.45);
        g.fillStyle = '#fff';
        g.fillText(text, center, y + l.size * s * 0.17);
        g.fillStyle = '#000';
        y += l.size * s * 1.45;
      } else {
        g.fillText(text, center, y);
        y += l.size * s * 1.25;
      }
    }
    y += l.gap * s;
  }
  const height = Math.ceil(y + 10 * s);
  const data = g.getImageData(0, 0, width, height).data;
  return { rgba: data, width, height };
}
