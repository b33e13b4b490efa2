import type { KioskConfig } from '../config/schema.js';
import type { PrintOutcome, PrintService } from '../printing/print-service.js';
import type { QueueService } from './queue-service.js';
import type { Ticket } from './ticket.js';
import { ticketJob } from '../../ui-framebuffer/receipts/ticket-receipt.js';
import { spokenTicketNumber } from '../../voice/spoken-ticket.js';

export interface IssuedTicket {
  ticket: Ticket;
  printed: PrintOutcome;
}

/**
 * Issues a ticket and delivers it every way the kiosk can: the number is committed first, then
 * printed (the ticket screen says it). A printer failure never loses the number: the screen keeps showing it.
 */
export class TicketDesk {
  constructor(
    private readonly queue: QueueService,
    private readonly printing: PrintService,
    private readonly device: KioskConfig['device'],
  ) {}

  async issue(groupId: string): Promise<IssuedTicket> {
    const ticket = this.queue.issue(groupId);
    const printed = await this.printing.print(
      ticketJob(ticket, {
        agency: this.device.agency,
        centre: this.device.centre,
        timeZone: this.device.timeZone,
        widthDots: this.printing.widthDots,
      }),
      'ticket',
    );
    return { ticket, printed };
  }
}

export function ticketSpeech(ticket: Ticket, printed: boolean, lang: 'vi' | 'en'): string {
  const counters = ticket.counters.join(lang === 'vi' ? ' hoặc ' : ' or ');
  if (lang === 'en') {
    return (
      `Your number is ${ticket.number
        .split('')
        .filter((c) => c !== '-')
        .join(' ')}. ` +
      `${ticket.peopleAhead} people are waiting before you. Please wait to be called to counter ${counters}.` +
      (printed ? ' Please take your ticket.' : ' The printer is not working; please remember your number.')
    );
  }
  return (
    `Số thứ tự của bạn là ${spokenTicketNumber(ticket.number)}. ` +
    `Có ${ticket.peopleAhead} người chờ trước. Vui lòng chờ gọi số tại quầy số ${counters}.` +
    (printed ? ' Mời nhận phiếu.' : ' Máy in đang gặp sự cố, vui lòng ghi nhớ số thứ tự.')
  );
}
