import { SESSION_NAMES } from '../domain/queue/opening-hours.js';
import type { GroupInfo } from '../domain/queue/ticket-store.js';
import type { Ticket } from '../domain/queue/ticket.js';
import type { Localized } from '../ui-framebuffer/localize.js';

/**
 * A ticket's group and session in both languages (the ticket records the Vietnamese ones), for
 * the ticket screen and the printed ticket.
 */
export function ticketNames(
  queue: { groups(): readonly GroupInfo[] },
  ticket: Ticket,
): { group: Localized; session?: Localized } {
  const g = queue.groups().find((x) => x.id === ticket.groupId);
  const group = { vi: g?.name ?? ticket.groupName, en: g?.nameEn || g?.name || ticket.groupName };
  if (!ticket.session) return { group };
  const named = SESSION_NAMES.find((s) => s.vi === ticket.session);
  return { group, session: named ? { ...named } : { vi: ticket.session, en: ticket.session } };
}
