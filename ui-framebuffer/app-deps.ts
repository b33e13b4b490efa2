import type { KioskConfig } from '../runtime/config/schema.js';
import type { Clock } from '../runtime/clock.js';
import type { QueueService } from '../domain/queue/queue-service.js';
import type { TicketDesk } from '../flows/ticket-desk.js';
import type { Session } from '../domain/session.js';
import type { Localized } from './localize.js';
import type { Navigator, Screen } from './screen.js';

/** A feature offered on the home screen, in order. */
export interface HomeEntry {
  id: string;
  label: Localized;
  open(nav: Navigator): void | Promise<void>;
}

/** What screens may use. Built once in runtime/compose.ts. */
export interface AppDeps {
  config: KioskConfig;
  clock: Clock;
  session: Session;
  queue: QueueService;
  desk: TicketDesk;
  /** Home menu entries; features append theirs in compose. */
  homeEntries: HomeEntry[];
  /** Factory for screens by name, used by `kiosk render` and deep links. */
  screens: Map<string, (nav: Navigator) => Screen>;
}
