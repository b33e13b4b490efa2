import type { KeyObject } from 'node:crypto';
import { signDocument, verifyDocument, type Signed } from './signing.js';

/**
 * "What are the last ticket numbers you hold for me?": a kiosk recovering its database
 * (`kiosk db recover`) asks the fleet registry, which stores every ticket record the kiosk
 * delivered. MQTT 5 request/response: the request goes to `FleetTopics.lastTicketsRequest(id)`
 * (the ACL lets a kiosk write only under its own id, so the topic says who asks) with the kiosk's
 * `replies` topic as response topic and random correlation data; the registry answers there, and
 * only there, with a reply signed by a key the kiosk trusts (`fleet.fleetPublicKey`) that names
 * the device, the day and the request's random nonce. A reply signed by anyone else, for another
 * device or day, or to another request is refused.
 */

/** The highest number one group of one device reached on one service day, as the registry stores it. */
export interface LastTicket {
  group: string;
  serviceDay: string;
  /** As issued: `A-030`. */
  number: string;
  seq: number;
  /** ISO time the kiosk issued it, when its record says. */
  issuedAt: string | null;
}

export interface LastTicketsRequest {
  /** The day asked about (the kiosk's today); the reply adds the newest day the registry holds. */
  serviceDay: string;
  /** Random, 32 hex digits: the reply must carry it back under its signature. */
  nonce: string;
}

export interface LastTicketsReply extends Signed {
  type: 'last-tickets';
  device: string;
  serviceDay: string;
  nonce: string;
  /** Per group and day (the day asked and the newest day held), the highest number stored. */
  tickets: LastTicket[];
  /** Ticket records the answer was computed from. */
  records: number;
  answeredAt: string;
}

/** A ticket number never goes above this (six digits); anything higher is not believed. */
export const MAX_TICKET_SEQ = 999_999;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NONCE = /^[0-9a-f]{32}$/;
/** Correlation data longer than this is not echoed (the kiosk sends 16 bytes). */
export const MAX_CORRELATION_BYTES = 64;

/** The request payload; throws TypeError on anything else (the registry does not answer it). */
export function readLastTicketsRequest(payload: Buffer): LastTicketsRequest {
  if (payload.length > 1024) throw new TypeError('request larger than 1 KB');
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new TypeError('request is not JSON');
  }
  const r = doc as Partial<LastTicketsRequest> | null;
  if (!r || typeof r !== 'object' || typeof r.serviceDay !== 'string' || !DAY.test(r.serviceDay))
    throw new TypeError('serviceDay must be YYYY-MM-DD');
  if (typeof r.nonce !== 'string' || !NONCE.test(r.nonce)) throw new TypeError('nonce must be 32 hex digits');
  return { serviceDay: r.serviceDay, nonce: r.nonce };
}

/** The sequence number at the end of a ticket number (`A-030` → 30), or undefined. */
export function seqOf(number: unknown): number | undefined {
  const m = typeof number === 'string' ? /^[A-Za-z]{0,3}-?(\d{1,6})$/.exec(number) : null;
  const seq = m ? Number(m[1]) : NaN;
  return Number.isInteger(seq) && seq > 0 && seq <= MAX_TICKET_SEQ ? seq : undefined;
}

/**
 * Per group and service day, the highest of the ticket records' numbers (the `data` of
 * `ticket-issued` envelopes: `{number, group, serviceDay, issuedAt}`); records that are not
 * shaped so are skipped.
 */
export function highestTickets(records: Iterable<Record<string, unknown>>): LastTicket[] {
  const best = new Map<string, LastTicket>();
  for (const r of records) {
    const seq = seqOf(r.number);
    if (seq === undefined || typeof r.group !== 'string' || typeof r.serviceDay !== 'string') continue;
    if (!DAY.test(r.serviceDay) || r.group.length > 64) continue;
    const key = `${r.group}\u0000${r.serviceDay}`;
    const had = best.get(key);
    if (had && had.seq >= seq) continue;
    best.set(key, {
      group: r.group,
      serviceDay: r.serviceDay,
      number: r.number as string,
      seq,
      issuedAt: typeof r.issuedAt === 'string' ? r.issuedAt : null,
    });
  }
  return [...best.values()].sort((a, b) =>
    a.serviceDay === b.serviceDay ? a.group.localeCompare(b.group) : a.serviceDay.localeCompare(b.serviceDay),
  );
}

/** The registry's signed answer to one request. */
export function signLastTicketsReply(o: {
  device: string;
  request: LastTicketsRequest;
  tickets: LastTicket[];
  records: number;
  key: KeyObject;
  now?: number;
}): LastTicketsReply {
  return signDocument(
    {
      type: 'last-tickets' as const,
      device: o.device,
      serviceDay: o.request.serviceDay,
      nonce: o.request.nonce,
      tickets: o.tickets,
      records: o.records,
      answeredAt: new Date(o.now ?? Date.now()).toISOString(),
    },
    o.key,
  );
}

/**
 * Checks a reply against the request it must answer: signed by a trusted key, for this device,
 * day and nonce, every number sane. Returns its tickets, or why it is refused.
 */
export function verifyLastTicketsReply(
  doc: unknown,
  expected: { device: string; request: LastTicketsRequest; keys: ReadonlyMap<string, KeyObject> },
): { ok: true; tickets: LastTicket[]; keyId: string } | { ok: false; reason: string } {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    return { ok: false, reason: 'not a JSON object' };
  const verdict = verifyDocument(doc, expected.keys);
  if (!verdict.ok) return { ok: false, reason: verdict.message };
  const r = doc as Partial<LastTicketsReply>;
  if (r.type !== 'last-tickets') return { ok: false, reason: 'not a last-tickets reply' };
  if (r.device !== expected.device) return { ok: false, reason: 'answers for another device' };
  if (r.nonce !== expected.request.nonce || r.serviceDay !== expected.request.serviceDay)
    return { ok: false, reason: 'answers another request (nonce or day differ)' };
  if (!Array.isArray(r.tickets)) return { ok: false, reason: 'tickets is not a list' };
  const tickets: LastTicket[] = [];
  for (const t of r.tickets as unknown[]) {
    const x = t as Partial<LastTicket> | null;
    const seq = x ? seqOf(x.number) : undefined;
    if (!x || seq === undefined || seq !== x.seq || typeof x.group !== 'string')
      return { ok: false, reason: 'a ticket in it is malformed' };
    if (typeof x.serviceDay !== 'string' || !DAY.test(x.serviceDay))
      return { ok: false, reason: 'a ticket in it has no service day' };
    tickets.push({
      group: x.group,
      serviceDay: x.serviceDay,
      number: x.number as string,
      seq,
      issuedAt: typeof x.issuedAt === 'string' ? x.issuedAt : null,
    });
  }
  return { ok: true, tickets, keyId: verdict.keyId };
}
