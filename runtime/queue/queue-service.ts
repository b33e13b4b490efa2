import type { Clock } from '../clock.js';
import type { KioskConfig } from '../config/schema.js';
import type { EventBus } from '../event-bus.js';
import type { KioskEvents } from '../events.js';
import { serviceDay } from '../time.js';
import type { Ticket } from './ticket.js';
import type { GroupInfo, TicketStore } from './ticket-store.js';

/** Issues queue numbers for the configured service groups. */
export class QueueService {
  constructor(
    private readonly store: TicketStore,
    private readonly config: Pick<KioskConfig, 'queue' | 'device'>,
    private readonly clock: Clock,
    private readonly bus: EventBus<KioskEvents>,
  ) {}

  groups(): GroupInfo[] {
    return this.config.queue.groups.map((g) => ({
      id: g.id,
      prefix: g.prefix,
      name: g.name,
      counters: g.counters,
    }));
  }

  group(id: string): GroupInfo {
    const group = this.groups().find((g) => g.id === id);
    if (!group) throw new TypeError(`groupId: unknown service group "${id}"`);
    return group;
  }

  /** The durable number is committed before this returns; only then is it shown/printed/spoken. */
  issue(groupId: string): Ticket {
    const now = this.clock.now();
    const ticket = this.store.issue(this.group(groupId), serviceDay(now, this.config.device.timeZone), now);
    this.bus.emit('ticket.issued', ticket);
    return ticket;
  }

  waiting(groupId: string): number {
    return this.store.waitingCount(groupId, serviceDay(this.clock.now(), this.config.device.timeZone));
  }
}
