import type { KioskConfig } from '../runtime/config/schema.js';
import type { PrintOutcome, PrintService } from '../domain/printing/print-service.js';
import type { CentreQueue } from '../domain/queue/centre-queue.js';
import type { QueueService } from '../domain/queue/queue-service.js';
import type { Ticket } from '../domain/queue/ticket.js';
import type { PrintRecord } from '../domain/queue/ticket-store.js';
import { ticketJob } from '../ui-framebuffer/receipts/ticket-receipt.js';
import { spokenTicketNumber } from '../voice/spoken-ticket.js';

export interface IssuedTicket {
  ticket: Ticket;
  printed: PrintOutcome;
  /** Durable print history of this ticket (attempts, when it was printed). */
  print?: PrintRecord;
}

/** Why a reprint was refused. */
export type ReprintRefusal = 'already-printed' | 'too-many-attempts' | 'unknown-ticket';

/** Print attempts per ticket (first print + retries) before the kiosk stops trying. */
export const MAX_PRINT_ATTEMPTS = 5;

/** Records an operational event for the fleet (outbox); never personal data. */
export type EventRecorder = (topic: string, payload: Record<string, unknown>) => void;

/**
 * Issues a ticket and delivers it every way the kiosk can: the number is committed first, then
 * printed (the ticket screen says it). A printer failure never loses the number: the screen keeps
 * showing it, and the citizen may retry printing that same number (never a new one) until it
 * has printed once.
 */
export class TicketDesk {
  constructor(
    private readonly queue: QueueService,
    private readonly printing: PrintService,
    private readonly device: KioskConfig['device'],
    private readonly centre?: CentreQueue,
    private readonly record: EventRecorder = () => undefined,
  ) {}

  /** Throws QueueClosedError outside opening hours (check queue.availability() first). */
  async issue(groupId: string): Promise<IssuedTicket> {
    let ticket = this.queue.issue(groupId);
    const fromCentre = await this.centre?.peopleAhead(groupId, ticket.number);
    if (fromCentre !== undefined)
      ticket = { ...ticket, peopleAhead: fromCentre, peopleAheadSource: 'centre' };
    return this.deliver(ticket);
  }

  /**
   * Prints the same ticket again after a failed print. Refused once it has printed (one paper
   * ticket per number) or after MAX_PRINT_ATTEMPTS.
   */
  async reprint(
    issued: IssuedTicket,
  ): Promise<IssuedTicket | { refused: ReprintRefusal; issued: IssuedTicket }> {
    const record = this.queue.printRecord(issued.ticket.id);
    if (!record) return { refused: 'unknown-ticket', issued };
    if (record.printedAt !== null)
      return { refused: 'already-printed', issued: { ...issued, print: record } };
    if (record.attempts >= MAX_PRINT_ATTEMPTS)
      return { refused: 'too-many-attempts', issued: { ...issued, print: record } };
    return this.deliver(issued.ticket);
  }

  private async deliver(ticket: Ticket): Promise<IssuedTicket> {
    const printed = await this.printing.print(
      ticketJob(ticket, {
        agency: this.device.agency,
        centre: this.device.centre,
        timeZone: this.device.timeZone,
        widthDots: this.printing.widthDots,
      }),
      'ticket',
    );
    const print = this.queue.recordPrint(ticket.id, printed.ok);
    this.record('events/ticket-print', {
      number: ticket.number,
      group: ticket.groupId,
      serviceDay: ticket.serviceDay,
      ok: printed.ok,
      attempt: print.attempts,
      ...(printed.ok ? {} : { code: printed.code, fallback: 'shown-on-screen' }),
    });
    return { ticket, printed, print };
  }
}

function spokenAhead(ticket: Ticket, lang: 'vi' | 'en'): string {
  if (lang === 'en')
    return ticket.peopleAhead === 0
      ? 'Nobody is waiting before you.'
      : `${ticket.peopleAhead} ${ticket.peopleAhead === 1 ? 'person is' : 'people are'} waiting before you.`;
  return ticket.peopleAhead === 0 ? 'Không có người chờ trước.' : `Có ${ticket.peopleAhead} người chờ trước.`;
}

export function ticketSpeech(ticket: Ticket, printed: boolean, lang: 'vi' | 'en'): string {
  const counters = ticket.counters.join(lang === 'vi' ? ' hoặc ' : ' or ');
  if (lang === 'en') {
    return (
      `Your number is ${ticket.number
        .split('')
        .filter((c) => c !== '-')
        .join(' ')}. ` +
      `${spokenAhead(ticket, lang)} Please wait to be called to counter ${counters}.` +
      (printed
        ? ' Please take your ticket.'
        : ' The printer is out of order. Your number stays on the screen: please remember it or take a photo.')
    );
  }
  return (
    `Số thứ tự của bạn là ${spokenTicketNumber(ticket.number)}. ` +
    `${spokenAhead(ticket, lang)} Vui lòng chờ gọi số tại quầy số ${counters}.` +
    (printed
      ? ' Mời nhận phiếu.'
      : ' Máy in đang gặp sự cố, không in được phiếu. Số thứ tự vẫn hiện trên màn hình, vui lòng ghi nhớ hoặc chụp ảnh lại.')
  );
}
