import type { Localized } from './localize.js';
import type { SearchHit } from '../domain/catalog/search-types.js';
import type { DossierLookup } from '../domain/dossier/dossier-service.js';
import type { CccdProblem } from '../domain/identity/cccd.js';
import type { IssuedTicket } from '../domain/queue/issued-ticket.js';
import type { GroupAvailability } from '../domain/queue/queue-service.js';
import type { StoredRating } from '../domain/rating/rating-service.js';

/** Who is being rated, when known (from a dossier or a ticket). */
export interface RatingContext {
  counter?: number;
  dossierNumber?: string;
  ticketNumber?: string;
}

/**
 * Every screen the kiosk can open by name, with its parameters. Screens ask the navigator for a
 * route (`nav.open('results', { query })`) and never import each other; the route table in
 * flows/routes.ts builds the screen (`kiosk render --screen NAME` uses the same table).
 */
export interface RouteParams {
  home: undefined;
  /** Procedure search (keyboard and common requests). */
  search: undefined;
  /** Runs the search for `query` and opens what it calls for; with `hits`, the choice between them. */
  results: { query: string; hits?: readonly SearchHit[] };
  /** Nothing matched `query`. */
  apologize: { query: string };
  /** The procedure list is not loaded on this kiosk. */
  'search-unavailable': undefined;
  /** The virtual assistant ("Hỏi trợ lý"): a conversation about procedures. */
  assistant: undefined;
  /** A procedure's detail, by catalog code (nothing opens when the catalog does not have it). */
  procedure: { code: string; query?: string; alternatives?: readonly SearchHit[] };
  /** The service groups to take a number for; `priority`: a priority (ưu tiên) ticket. */
  groups: { priority?: boolean } | undefined;
  /** A group is outside its opening hours. */
  closed: { groupId: string; availability: Extract<GroupAvailability, { open: false }> };
  /** A number was issued. */
  ticket: { issued: IssuedTicket };
  /** Dossier lookup: scan the slip or type the number. */
  dossier: undefined;
  /** With `dossierNumber`: asks the centre (a "checking" screen meanwhile); with `lookup`: shows it. */
  'dossier-status': { dossierNumber: string } | { lookup: DossierLookup };
  rating: RatingContext | undefined;
  'rating-thanks': { rating: StoredRating };
  /** Asks for a CCCD scan. */
  'scan-id': undefined;
  /** The scanned citizen's details (the session's card). */
  citizen: undefined;
  /** A scan that is not a usable CCCD. */
  'scan-error': { problem: CccdProblem };
  /** An action failed (nothing was done): the kiosk apologises and sends the citizen to the counter. */
  'action-failed': { action: string; error: unknown };
  /** "Điền tờ khai": the forms the kiosk has. */
  'form-pick': undefined;
  /** Opens (or resumes) a form; `procedure`: the procedure code it is filled for. */
  form: { form: string; procedure?: string };
  /** What the scanned card would fill, for the citizen to confirm. */
  'form-prefill': undefined;
  /** The field the citizen is on (the form in the session). */
  'form-field': undefined;
  /** Every field before printing. */
  'form-review': undefined;
  /** Handed in: the number, the slip, the fee. */
  'form-done': {
    form: string;
    ticket?: string;
    counters?: readonly number[];
    slipPrinted: boolean;
    fee?: { text: Localized; qr?: string; content: string };
  };
  /** The kiosk switches to a new app release and restarts (shown by the fleet updater at idle). */
  updating: { version: string; from: string | null };
  /** Technician PIN entry, then the maintenance screen. */
  'maintenance-pin': undefined;
  maintenance: undefined;
}

export type RouteName = keyof RouteParams;

export interface OpenOptions {
  /** Replace the current screen instead of opening on top of it (default false). */
  replace?: boolean;
}
