/** A queue ticket as issued to a citizen. No personal data. */
export interface Ticket {
  id: number;
  /** Display number, e.g. "A-001". */
  number: string;
  groupId: string;
  groupName: string;
  seq: number;
  /** Local date "YYYY-MM-DD" the number belongs to; numbering restarts each day. */
  serviceDay: string;
  issuedAt: number;
  /** Waiting tickets of the same group issued before this one. */
  peopleAhead: number;
  counters: number[];
  status: 'waiting' | 'called' | 'done';
  /** Where peopleAhead came from: the centre's queue system (over the fleet link) or this kiosk's count. */
  peopleAheadSource?: 'centre' | 'local';
  /**
   * A priority ticket (ưu tiên: the elderly, people with disabilities, pregnant women, people with
   * small children), served before the others; says nothing about who the citizen is.
   */
  priority?: boolean;
  /** Opening session the ticket was issued in ("Sáng" / "Chiều"), when hours are configured. */
  session?: string;
}

export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(3, '0')}`;
}
