import { describe, expect, it } from 'vitest';
import {
  highestTickets,
  readLastTicketsRequest,
  signLastTicketsReply,
  verifyLastTicketsReply,
} from '../../../domain/fleet/last-tickets.js';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../../domain/fleet/signing.js';
import { fleetTopics } from '../../../domain/fleet/topics.js';

const fleet = generateFleetKeys();
const key = parsePrivateKey(fleet.privatePem);
const keys = parsePublicKeys(fleet.publicPem);
const request = { serviceDay: '2026-12-02', nonce: 'ab'.repeat(16) };
const ticket = { group: 'tu-phap', serviceDay: '2026-12-02', number: 'A-012', seq: 12, issuedAt: null };

describe('last-tickets request and reply (domain/fleet/last-tickets.ts)', () => {
  it('takes per group and day the highest number of the records, skipping malformed ones', () => {
    expect(
      highestTickets([
        { number: 'A-003', group: 'tu-phap', serviceDay: '2026-12-02' },
        { number: 'A-012', group: 'tu-phap', serviceDay: '2026-12-02', issuedAt: '2026-12-02T03:00:00Z' },
        { number: 'B-002', group: 'dat-dai', serviceDay: '2026-12-02' },
        { number: 'A-040', group: 'tu-phap', serviceDay: '2026-12-01' },
        { number: 'A-9999999', group: 'tu-phap', serviceDay: '2026-12-02' },
        { number: 12, group: 'tu-phap', serviceDay: '2026-12-02' },
        { number: 'A-050', group: 'tu-phap', serviceDay: 'yesterday' },
      ]).map((t) => `${t.number}@${t.serviceDay}`),
    ).toEqual(['A-040@2026-12-01', 'B-002@2026-12-02', 'A-012@2026-12-02']);
  });

  it('reads only a well-formed request', () => {
    expect(readLastTicketsRequest(Buffer.from(JSON.stringify(request)))).toEqual(request);
    for (const bad of ['', 'null', '{"serviceDay":"2026-12-02"}', '{"serviceDay":"x","nonce":"ab"}'])
      expect(() => readLastTicketsRequest(Buffer.from(bad))).toThrow(TypeError);
    expect(() => readLastTicketsRequest(Buffer.alloc(2000, 0x20))).toThrow('larger than 1 KB');
  });

  it('accepts a reply signed by a trusted key for this device, day and nonce, and nothing else', () => {
    const reply = signLastTicketsReply({ device: 'k-1', request, tickets: [ticket], records: 2, key });
    const expected = { device: 'k-1', request, keys };
    expect(verifyLastTicketsReply(reply, expected)).toMatchObject({ ok: true, tickets: [ticket] });
    const stranger = parsePrivateKey(generateFleetKeys().privatePem);
    const refused = (doc: unknown, e = expected) => {
      const v = verifyLastTicketsReply(doc, e);
      return v.ok ? 'accepted' : v.reason;
    };
    expect(refused({ ...reply, signature: undefined })).toContain('keyId and signature are required');
    expect(
      refused(signLastTicketsReply({ device: 'k-1', request, tickets: [ticket], records: 2, key: stranger })),
    ).toContain('not in fleet.fleetPublicKey');
    expect(refused({ ...reply, tickets: [{ ...ticket, number: 'A-900', seq: 900 }] })).toContain(
      'does not match the content',
    );
    expect(refused(reply, { ...expected, device: 'k-2' })).toBe('answers for another device');
    expect(refused(reply, { ...expected, request: { ...request, nonce: 'cd'.repeat(16) } })).toContain(
      'answers another request',
    );
    const lying = signLastTicketsReply({
      device: 'k-1',
      request,
      tickets: [{ ...ticket, seq: 13 }],
      records: 1,
      key,
    });
    expect(refused(lying)).toBe('a ticket in it is malformed');
    expect(refused([reply])).toBe('not a JSON object');
  });

  it('has its topics in the one topics module', () => {
    const t = fleetTopics('kiosk/v1');
    expect(t.lastTicketsRequest('k-1')).toBe('kiosk/v1/devices/k-1/registry/last-tickets');
    expect(t.parseLastTicketsRequest('kiosk/v1/devices/k-1/registry/last-tickets')).toBe('k-1');
    expect(t.parseLastTicketsRequest('kiosk/v1/devices/+/registry/last-tickets')).toBeUndefined();
    expect(t.parseLastTicketsRequest('kiosk/v1/devices/k-1/events/ticket-issued')).toBeUndefined();
    expect(t.filters.lastTicketsRequests()).toBe('kiosk/v1/devices/+/registry/last-tickets');
  });
});
