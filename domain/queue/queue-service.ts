import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import {
  currentSession,
  nextOpening,
  parseOpeningHours,
  type NextOpening,
  type OpeningHours,
  type OpeningSession,
} from './opening-hours.js';
import type { EventRecorder } from '../telemetry/event-recorder.js';
import type { OutboxMessage } from '../telemetry/outbox.js';
import { serviceTime, type ServiceTime } from './service-time.js';
import type { Ticket } from './ticket.js';
import type { GroupInfo, PrintRecord, TicketStore } from './ticket-store.js';

/** Whether a group issues numbers right now, and if not, when it opens. */
export type GroupAvailability =
  | { open: true; session: OpeningSession }
  | { open: false; next: NextOpening | undefined; hours: OpeningHours };

/** Thrown by issue() outside opening hours; screens check availability() first and say when it opens. */
export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
  constructor(
    readonly groupId: string,
    readonly next: NextOpening | undefined,
  ) {
    super(
      `service group "${groupId}" is closed${next ? `; opens ${next.time} in ${next.inDays} day(s)` : ''}`,
    );
  }
}

/** Where a ticket's fleet record goes, and the storage health that guards every write. */
export interface QueueRecords {
  /** The ticket's `events/ticket-issued` record is written here in the ticket's own commit. */
  recorder: Pick<EventRecorder, 'record' | 'committed'>;
  /** Refuses tickets while the database cannot take them; told about every failed write. */
  storage?: { assertWritable(): void; report(err: unknown): unknown };
}

/** Issues queue numbers for the configured service groups, within their opening hours. */
export class QueueService {
  private readonly hoursCache = new Map<string, { key: string; hours: OpeningHours }>();
  /** The newest ticket stored (read once, then kept up to date by issue()). */
  private newest: { at: number; serviceDay: string } | undefined | null = null;

  constructor(
    private readonly store: TicketStore,
    private readonly config: Pick<KioskConfig, 'queue' | 'device'>,
    private readonly clock: Clock,
    private readonly bus: EventBus<KioskEvents>,
    private readonly records: QueueRecords,
  ) {}

  groups(): GroupInfo[] {
    return this.config.queue.groups.map((g) => ({
      id: g.id,
      prefix: g.prefix,
      name: g.name,
      ...(g.nameEn ? { nameEn: g.nameEn } : {}),
      counters: g.counters,
      fields: g.fields,
    }));
  }

  group(id: string): GroupInfo {
    const group = this.groups().find((g) => g.id === id);
    if (!group) throw new TypeError(`groupId: unknown service group "${id}"`);
    return group;
  }

  /** The group serving a procedure field (lĩnh vực), if one is configured for it. */
  groupForField(field: string): GroupInfo | undefined {
    const wanted = field.normalize('NFC').toLowerCase();
    return this.groups().find((g) => g.fields?.some((f) => f.normalize('NFC').toLowerCase() === wanted));
  }

  /** The group's opening hours; re-parsed when `queue.hours` changes (it is hot-reloadable). */
  hours(groupId: string): OpeningHours {
    const g = this.config.queue.groups.find((x) => x.id === groupId);
    if (!g) throw new TypeError(`groupId: unknown service group "${groupId}"`);
    const ranges = g.hours ?? this.config.queue.hours;
    const key = `${ranges.join(',')}|${this.config.queue.days.join(',')}`;
    const cached = this.hoursCache.get(groupId);
    if (cached?.key === key) return cached.hours;
    const hours = parseOpeningHours(ranges, this.config.queue.days, `queue.groups.${g.id}.hours`);
    this.hoursCache.set(groupId, { key, hours });
    return hours;
  }

  /**
   * When a ticket issued now is dated and on which service day: the clock, except that no ticket
   * is ever dated before the newest one stored (a clock behind at boot keeps that day going).
   */
  time(): ServiceTime {
    if (this.newest === null) this.newest = this.store.newest();
    return serviceTime(this.clock.now(), this.newest, this.config.device.timeZone);
  }

  availability(groupId: string, now = this.time().at): GroupAvailability {
    const hours = this.hours(groupId);
    const tz = this.config.device.timeZone;
    const session = currentSession(hours, now, tz);
    return session ? { open: true, session } : { open: false, next: nextOpening(hours, now, tz), hours };
  }

  /**
   * The durable number, its fleet record and its first print attempt are committed together
   * before this returns; only then is it shown/printed/spoken. When the commit fails (a full
   * disk), nothing is issued and the error is thrown. Throws QueueClosedError outside the group's
   * opening hours (nothing is issued or recorded). A priority ticket is recorded as one
   * (`priority: true`), with nothing about the citizen.
   */
  issue(groupId: string, options: { priority?: boolean } = {}): Ticket {
    const priority = options.priority === true;
    const time = this.time();
    const now = time.at;
    const group = this.group(groupId);
    const availability = this.availability(groupId, now);
    if (!availability.open) throw new QueueClosedError(groupId, availability.next);
    this.records.storage?.assertWritable();
    const hasSessions = this.hours(groupId).sessions.length > 0;
    let queued: OutboxMessage | undefined;
    const ticket = this.durably(() =>
      this.store.issue(
        group,
        time.serviceDay,
        now,
        (t) => {
          queued = this.records.recorder.record(
            'events/ticket-issued',
            {
              number: t.number,
              group: t.groupId,
              serviceDay: t.serviceDay,
              peopleAhead: t.peopleAhead,
              priority,
              issuedAt: new Date(t.issuedAt).toISOString(),
            },
            now,
          );
        },
        priority,
      ),
    );
    const issued: Ticket = {
      ...ticket,
      peopleAheadSource: 'local',
      ...(hasSessions ? { session: availability.session.label.vi } : {}),
    };
    this.newest = { at: ticket.issuedAt, serviceDay: ticket.serviceDay };
    if (queued) this.records.recorder.committed(queued);
    this.bus.emit('ticket.issued', issued);
    return issued;
  }

  waiting(groupId: string): number {
    return this.store.waitingCount(groupId, this.time().serviceDay);
  }

  /** Counts a reprint attempt durably before it prints. */
  beginPrint(ticketId: number): PrintRecord {
    this.records.storage?.assertWritable();
    return this.durably(() => this.store.beginPrint(ticketId));
  }

  /** Records how a print attempt went (after printing). */
  recordPrint(ticketId: number, ok: boolean): PrintRecord {
    return this.durably(() => this.store.recordPrint(ticketId, ok, this.time().at));
  }

  printRecord(ticketId: number): PrintRecord | undefined {
    return this.store.printRecord(ticketId);
  }

  /** Runs a write; a failure is reported to the storage health (disk full, damage) and rethrown. */
  private durably<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      this.records.storage?.report(err);
      throw err;
    }
  }
}
