import type { PrintOutcome } from '../printing/print-service.js';
import type { Ticket } from './ticket.js';
import type { PrintRecord } from './ticket-store.js';

/** A ticket as handed to the citizen: committed, then printed (or not, and why). */
export interface IssuedTicket {
  ticket: Ticket;
  printed: PrintOutcome;
  /** Durable print history of this ticket (attempts, when it was printed). */
  print?: PrintRecord;
}

/** Why a reprint was refused. */
export type ReprintRefusal = 'already-printed' | 'too-many-attempts' | 'unknown-ticket';

/** What a reprint gave: the ticket as printed again, or why it was not. */
export type ReprintResult = IssuedTicket | { refused: ReprintRefusal; issued: IssuedTicket };
