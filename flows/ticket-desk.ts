import type { KioskConfig } from '../runtime/config/schema.js';
import type { PrintService } from '../domain/printing/print-service.js';
import type { CentreQueue } from '../domain/queue/centre-queue.js';
import type { IssuedTicket, ReprintResult } from '../domain/queue/issued-ticket.js';
import type { PrintRecord } from '../domain/queue/ticket-store.js';
import type { QueueService } from '../domain/queue/queue-service.js';
import type { Ticket } from '../domain/queue/ticket.js';
import type { EventRecorder } from '../domain/telemetry/event-recorder.js';
import type { Lang } from '../ui-framebuffer/localize.js';
import { ticketJob } from './ticket-job.js';
import { ticketNames } from './ticket-names.js';

export type { IssuedTicket, ReprintRefusal, ReprintResult } from '../domain/queue/issued-ticket.js';

/** Print attempts per ticket (first print + retries) before the kiosk stops trying. */
export const MAX_PRINT_ATTEMPTS = 5;

/**
 * Issues a ticket and delivers it every way the kiosk can: the number, its fleet record and the
 * decision to print are committed as one unit first, then it is printed (the ticket screen says
 * it). Nothing prints that was not committed, and everything printed is shown: a failure to
 * record the print's outcome afterwards (a disk that just filled) still shows the number. A
 * printer failure never loses the number: the screen keeps showing it, and the citizen may retry
 * printing that same number (never a new one) until it has printed once.
 */
export class TicketDesk {
  constructor(
    private readonly queue: QueueService,
    private readonly printing: PrintService,
    private readonly device: KioskConfig['device'],
    private readonly recorder: Pick<EventRecorder, 'event'>,
    private readonly centre?: CentreQueue,
    /** Told of every ticket as handed to the citizen (the people-ahead count they were told). */
    private readonly delivered: (issued: IssuedTicket) => void = () => undefined,
  ) {}

  /**
   * Throws QueueClosedError outside opening hours (check queue.availability() first). A priority
   * ticket is marked as one in the centre's queue (its people ahead are the centre's count). The
   * paper is printed in `lang`, the citizen's language (default Vietnamese).
   */
  async issue(groupId: string, options: { priority?: boolean; lang?: Lang } = {}): Promise<IssuedTicket> {
    const priority = options.priority === true;
    let ticket = this.queue.issue(groupId, { priority });
    const fromCentre = await this.centre?.peopleAhead(groupId, ticket.number, priority);
    if (fromCentre !== undefined)
      ticket = { ...ticket, peopleAhead: fromCentre, peopleAheadSource: 'centre' };
    return this.deliver(ticket, options.lang);
  }

  /**
   * Prints the same ticket again after a failed print. Refused once it has printed (one paper
   * ticket per number) or after MAX_PRINT_ATTEMPTS.
   */
  async reprint(issued: IssuedTicket, lang?: Lang): Promise<ReprintResult> {
    const record = this.queue.printRecord(issued.ticket.id);
    if (!record) return { refused: 'unknown-ticket', issued };
    if (record.printedAt !== null)
      return { refused: 'already-printed', issued: { ...issued, print: record } };
    if (record.attempts >= MAX_PRINT_ATTEMPTS)
      return { refused: 'too-many-attempts', issued: { ...issued, print: record } };
    this.queue.beginPrint(issued.ticket.id);
    return this.deliver(issued.ticket, lang);
  }

  /** Prints a committed ticket (its attempt already counted) and records how it went. */
  private async deliver(ticket: Ticket, lang: Lang = 'vi'): Promise<IssuedTicket> {
    const names = ticketNames(this.queue, ticket);
    const printed = await this.printing.print(
      ticketJob(ticket, {
        agency: this.device.agency,
        centre: this.device.centre,
        timeZone: this.device.timeZone,
        widthDots: this.printing.widthDots,
        lang,
        groupName: names.group,
        ...(names.session ? { session: names.session } : {}),
      }),
      'ticket',
    );
    let print: PrintRecord;
    try {
      print = this.queue.recordPrint(ticket.id, printed.ok);
      this.recorder.event('events/ticket-print', {
        number: ticket.number,
        group: ticket.groupId,
        serviceDay: ticket.serviceDay,
        ok: printed.ok,
        attempt: print.attempts,
        ...(printed.ok ? {} : { code: printed.code, fallback: 'shown-on-screen' }),
      });
    } catch {
      // The number was committed and has printed (or not): the screen must show it all the same.
      // The queue has reported the write failure (a storage problem fails the storage service).
      print = this.queue.printRecord(ticket.id) ?? { attempts: 1, printedAt: null };
    }
    const issued = { ticket, printed, print };
    this.delivered(issued);
    return issued;
  }

  /** Whether printing `issued` again is still offered: it failed and attempts are left. */
  canReprint(issued: IssuedTicket): boolean {
    return !issued.printed.ok && (issued.print?.attempts ?? 0) < MAX_PRINT_ATTEMPTS;
  }
}
