import { migrate, type Db } from '../../runtime/storage/database.js';
import { formatTicketNumber, type Ticket } from './ticket.js';

const MIGRATIONS = [
  `CREATE TABLE tickets (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     number TEXT NOT NULL,
     group_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     service_day TEXT NOT NULL,
     issued_at INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'waiting',
     UNIQUE (group_id, service_day, seq)
   );
   CREATE INDEX tickets_waiting ON tickets (group_id, service_day, status);`,
  `ALTER TABLE tickets ADD COLUMN print_attempts INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE tickets ADD COLUMN printed_at INTEGER;`,
  `ALTER TABLE tickets ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;`,
  // The highest number known to have been issued per group and day when it is not in `tickets`
  // (`kiosk db recover` learns it from a salvage, the outbox or the technician): never reissued.
  `CREATE TABLE ticket_floors (
     group_id TEXT NOT NULL,
     service_day TEXT NOT NULL,
     seq INTEGER NOT NULL,
     issued_at INTEGER,
     source TEXT NOT NULL,
     PRIMARY KEY (group_id, service_day)
   );`,
];

/** How a ticket's printing went so far (the reprint guard reads it). */
export interface PrintRecord {
  attempts: number;
  printedAt: number | null;
}

interface Row {
  id: number;
  number: string;
  group_id: string;
  seq: number;
  service_day: string;
  issued_at: number;
  status: Ticket['status'];
  priority: number;
}

export interface GroupInfo {
  id: string;
  prefix: string;
  name: string;
  nameEn?: string;
  counters: number[];
  /** Procedure fields this group serves. */
  fields?: string[];
}

/**
 * Durable ticket numbering. issue() commits the ticket (synchronous=FULL) before returning, so a
 * number that was shown or printed is never handed out again, even after kill -9 or power loss.
 * A ticket is issued with its first print attempt counted: the decision to print is part of it.
 */
export class TicketStore {
  constructor(private readonly db: Db) {
    migrate(db, 'tickets', MIGRATIONS);
  }

  /**
   * Issues the next number of `group` on `serviceDay`. `inSameCommit` runs inside the ticket's
   * transaction (its fleet record): when it throws, nothing is issued. Priority tickets share the
   * group's numbering and are served first, as centres do: a priority ticket's people ahead are
   * the priority tickets still waiting before it; an ordinary ticket's are all waiting before it.
   */
  issue(
    group: GroupInfo,
    serviceDay: string,
    at: number,
    inSameCommit: (ticket: Ticket) => void = () => undefined,
    priority = false,
  ): Ticket {
    return this.db
      .transaction((): Ticket => {
        const { next } = this.db
          .prepare(
            `SELECT MAX(COALESCE((SELECT MAX(seq) FROM tickets WHERE group_id = @group AND service_day = @day), 0),
                        COALESCE((SELECT seq FROM ticket_floors WHERE group_id = @group AND service_day = @day), 0)) + 1 AS next`,
          )
          .get({ group: group.id, day: serviceDay }) as { next: number };
        const number = formatTicketNumber(group.prefix, next);
        const info = this.db
          .prepare(
            'INSERT INTO tickets (number, group_id, seq, service_day, issued_at, print_attempts, priority) VALUES (?, ?, ?, ?, ?, 1, ?)',
          )
          .run(number, group.id, next, serviceDay, at, priority ? 1 : 0);
        const { ahead } = this.db
          .prepare(
            "SELECT COUNT(*) AS ahead FROM tickets WHERE group_id = ? AND service_day = ? AND status = 'waiting' AND seq < ? AND priority >= ?",
          )
          .get(group.id, serviceDay, next, priority ? 1 : 0) as { ahead: number };
        const ticket: Ticket = {
          id: Number(info.lastInsertRowid),
          number,
          groupId: group.id,
          groupName: group.name,
          seq: next,
          serviceDay,
          issuedAt: at,
          peopleAhead: ahead,
          counters: group.counters,
          status: 'waiting',
          ...(priority ? { priority: true } : {}),
        };
        inSameCommit(ticket);
        return ticket;
      })
      .immediate();
  }

  /**
   * Records that numbers up to `seq` of `groupId` on `serviceDay` were issued (at `issuedAt`, when
   * known) though their rows are gone; issue() continues above it. Never lowers a floor.
   */
  raiseFloor(
    groupId: string,
    serviceDay: string,
    seq: number,
    issuedAt: number | null,
    source: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO ticket_floors (group_id, service_day, seq, issued_at, source) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (group_id, service_day) DO UPDATE SET
           seq = MAX(seq, excluded.seq),
           issued_at = MAX(COALESCE(issued_at, 0), COALESCE(excluded.issued_at, 0)),
           source = CASE WHEN excluded.seq > seq THEN excluded.source ELSE source END`,
      )
      .run(groupId, serviceDay, seq, issuedAt, source);
  }

  /** The newest ticket stored (by issue time): its time and service day. */
  newest(): { at: number; serviceDay: string } | undefined {
    const row = this.db
      .prepare(
        'SELECT issued_at AS at, service_day AS serviceDay FROM tickets ORDER BY issued_at DESC LIMIT 1',
      )
      .get() as { at: number; serviceDay: string } | undefined;
    return row;
  }

  /** Marks a ticket called or done (from the counter system). Returns false for unknown numbers. */
  setStatus(number: string, serviceDay: string, status: Ticket['status']): boolean {
    const info = this.db
      .prepare('UPDATE tickets SET status = ? WHERE number = ? AND service_day = ?')
      .run(status, number, serviceDay);
    return info.changes > 0;
  }

  /** Counts one more print attempt durably, before printing again (a reprint). */
  beginPrint(id: number): PrintRecord {
    return this.db
      .transaction((): PrintRecord => {
        this.db.prepare('UPDATE tickets SET print_attempts = print_attempts + 1 WHERE id = ?').run(id);
        return this.printRecord(id) ?? { attempts: 0, printedAt: null };
      })
      .immediate();
  }

  /** Records how the current print attempt went; a successful one stamps printed_at. */
  recordPrint(id: number, ok: boolean, at: number): PrintRecord {
    return this.db
      .transaction((): PrintRecord => {
        if (ok)
          this.db.prepare('UPDATE tickets SET printed_at = COALESCE(printed_at, ?) WHERE id = ?').run(at, id);
        return this.printRecord(id) ?? { attempts: 0, printedAt: null };
      })
      .immediate();
  }

  printRecord(id: number): PrintRecord | undefined {
    const row = this.db.prepare('SELECT print_attempts, printed_at FROM tickets WHERE id = ?').get(id) as
      { print_attempts: number; printed_at: number | null } | undefined;
    return row ? { attempts: row.print_attempts, printedAt: row.printed_at } : undefined;
  }

  waitingCount(groupId: string, serviceDay: string): number {
    const { n } = this.db
      .prepare(
        "SELECT COUNT(*) AS n FROM tickets WHERE group_id = ? AND service_day = ? AND status = 'waiting'",
      )
      .get(groupId, serviceDay) as { n: number };
    return n;
  }

  list(serviceDay: string): Omit<Ticket, 'groupName' | 'peopleAhead' | 'counters'>[] {
    const rows = this.db
      .prepare('SELECT * FROM tickets WHERE service_day = ? ORDER BY id')
      .all(serviceDay) as Row[];
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      groupId: r.group_id,
      seq: r.seq,
      serviceDay: r.service_day,
      issuedAt: r.issued_at,
      status: r.status,
      ...(r.priority ? { priority: true } : {}),
    }));
  }
}
