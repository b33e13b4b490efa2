import { describeHours, describeOpening } from '../domain/queue/opening-hours.js';
import { QueueClosedError, type GroupAvailability } from '../domain/queue/queue-service.js';
import type { GroupInfo } from '../domain/queue/ticket-store.js';
import type { Localized } from '../ui-framebuffer/localize.js';
import type { Navigator } from '../ui-framebuffer/screen.js';
import type { ClosedView } from '../ui-framebuffer/screens/closed.js';
import type { GroupTileView } from '../ui-framebuffer/screens/groups.js';
import type { FlowDeps } from './flow-deps.js';
import { closedSpeech } from './speech/queue.js';

type Queue = FlowDeps['queue'];

/**
 * Takes a number for a group: outside its hours the closed screen says when it opens; otherwise
 * the number is committed, printed and shown; `priority` issues a priority (ưu tiên) ticket.
 */
export async function takeNumber(
  nav: Navigator,
  deps: Pick<FlowDeps, 'queue' | 'desk'>,
  groupId: string,
  options: { priority?: boolean } = {},
): Promise<void> {
  const availability = deps.queue.availability(groupId);
  if (!availability.open) {
    nav.open('closed', { groupId, availability });
    return;
  }
  try {
    nav.open('ticket', { issued: await deps.desk.issue(groupId, { ...options, lang: nav.lang }) });
  } catch (err) {
    // Hours ended between the check and the issue: nothing was issued.
    if (!(err instanceof QueueClosedError)) throw err;
    const now = deps.queue.availability(groupId);
    if (!now.open) nav.open('closed', { groupId, availability: now });
  }
}

/** The first (default) group: home's "take a number" and the screens' shortcuts use it. */
export function defaultGroup(queue: Queue): string {
  return queue.groups()[0]?.id ?? '';
}

/** The group whose counters include `counter` (a dossier's counter), else the first (default) group. */
export function groupForCounter(queue: Queue, counter: number | undefined): string {
  const groups = queue.groups();
  return (groups.find((g) => counter !== undefined && g.counters.includes(counter)) ?? groups[0])?.id ?? '';
}

/** The group serving a procedure's field, else the first (default) group. */
export function groupForField(queue: Queue, field: string): string {
  return (queue.groupForField(field) ?? queue.groups()[0])?.id ?? '';
}

const groupName = (g: GroupInfo): Localized => ({ vi: g.name, en: g.nameEn || g.name });

/** The name of group `id` in both languages (undefined when the queue has no such group). */
export function groupLabel(queue: Queue, id: string): Localized | undefined {
  const g = queue.groups().find((x) => x.id === id);
  return g ? groupName(g) : undefined;
}

/** The groups as their tiles show them at `now`. */
export function groupTiles(queue: Queue, now?: number): GroupTileView[] {
  return queue.groups().map((g) => {
    const a = queue.availability(g.id, now);
    return {
      id: g.id,
      prefix: g.prefix,
      name: groupName(g),
      counters: g.counters,
      open: a.open,
      waiting: a.open ? queue.waiting(g.id) : 0,
      opens: a.open
        ? { vi: '', en: '' }
        : { vi: describeOpening(a.next, 'vi'), en: describeOpening(a.next, 'en') },
    };
  });
}

/** A closed group in words, for the closed screen. */
export function closedView(
  group: GroupInfo,
  availability: Extract<GroupAvailability, { open: false }>,
): ClosedView {
  const name = groupName(group);
  const opens = {
    vi: describeOpening(availability.next, 'vi'),
    en: describeOpening(availability.next, 'en'),
  };
  return {
    groupId: group.id,
    name,
    opens,
    hours: { vi: describeHours(availability.hours, 'vi'), en: describeHours(availability.hours, 'en') },
    next: availability.next,
    speech: (lang) => closedSpeech(lang, name, opens),
  };
}
