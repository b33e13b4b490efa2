import type { IssuedTicket, ReprintResult } from '../../domain/queue/issued-ticket.js';
import type { Ticket } from '../../domain/queue/ticket.js';
import { tr, type Lang, type Localized } from '../../ui-framebuffer/localize.js';
import type { GroupTileView } from '../../ui-framebuffer/screens/groups.js';
import { promptText, type PromptKey } from '../../voice/prompts/index.js';
import { spokenTicketNumber } from '../../voice/spoken-ticket.js';

/**
 * "Chọn lĩnh vực cần giải quyết. Số 1: Tư pháp - Hộ tịch. ... Số 9: số ưu tiên ..." (or, for a
 * priority number, "Số ưu tiên. Chọn lĩnh vực ...").
 */
export function groupsSpeech(lang: Lang, groups: readonly GroupTileView[], priority = false): string {
  return [
    promptText(priority ? 'groups.intro-priority' : 'groups.intro', lang),
    ...groups.map((g, i) => promptText('common.choice', lang, { button: i + 1, name: tr(g.name, lang) })),
    ...(priority ? [] : [promptText('groups.priority-offer', lang)]),
  ].join(' ');
}

/** The group is closed now; when to come back. */
export const closedSpeech = (lang: Lang, group: Localized, opens: Localized): string =>
  promptText('closed.intro', lang, { group: tr(group, lang), opens: tr(opens, lang) });

/** The count, then whose count it is (the centre's queue system or this kiosk's own numbers). */
function aheadSpeech(ticket: Ticket, lang: Lang): string {
  const count =
    ticket.peopleAhead === 0
      ? promptText('ticket.ahead-none', lang)
      : ticket.peopleAhead === 1
        ? promptText('ticket.ahead-one', lang)
        : promptText('ticket.ahead-many', lang, { count: ticket.peopleAhead });
  const source = promptText(
    ticket.peopleAheadSource === 'centre' ? 'ticket.ahead-from-centre' : 'ticket.ahead-from-kiosk',
    lang,
  );
  return `${count} ${source}`;
}

/** A ticket number read letter and digit one by one: "A, không, một, hai" ("A 0 1 2" in English). */
export function spokenNumber(number: string, lang: Lang): string {
  return lang === 'vi'
    ? spokenTicketNumber(number)
    : number
        .split('')
        .filter((c) => c !== '-')
        .join(' ');
}

/** The number (digit by digit), people ahead, the counters, then the paper or the printer problem. */
export function ticketSpeech(lang: Lang, issued: IssuedTicket, canReprint: boolean): string {
  const { ticket, printed } = issued;
  const number = spokenNumber(ticket.number, lang);
  return [
    promptText(ticket.priority ? 'ticket.number-priority' : 'ticket.number', lang, { number }),
    aheadSpeech(ticket, lang),
    promptText('ticket.counters', lang, {
      counters: ticket.counters.join(` ${promptText('common.or', lang)} `),
    }),
    promptText(printed.ok ? 'ticket.take-paper' : 'ticket.not-printed', lang),
    ...(!printed.ok && canReprint ? [promptText('ticket.reprint-hint', lang)] : []),
  ].join(' ');
}

const PRINTER_PROBLEMS: Record<string, PromptKey> = {
  'paper-out': 'printer.paper-out',
  'cover-open': 'printer.cover-open',
};

/** What a reprint gave: printed, still failing (and why), or refused. */
export function reprintSpeech(lang: Lang, result: ReprintResult): string {
  if ('refused' in result)
    return promptText(
      result.refused === 'already-printed' ? 'ticket.already-printed' : 'ticket.no-more-reprints',
      lang,
    );
  if (result.printed.ok) return promptText('ticket.reprinted', lang);
  return promptText('ticket.reprint-failed', lang, {
    problem: promptText(PRINTER_PROBLEMS[result.printed.code] ?? 'printer.fault', lang),
  });
}
