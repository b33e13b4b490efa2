import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IPublishPacket } from 'mqtt';
import { connectFleet, publishAsync, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import type { FleetConfig } from '../../domain/fleet/fleet-config.js';
import {
  verifyLastTicketsReply,
  type LastTicket,
  type LastTicketsRequest,
} from '../../domain/fleet/last-tickets.js';
import { parsePublicKeys } from '../../domain/fleet/signing.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { errorMessage } from '../../runtime/errors.js';

/** What the centre (the fleet registry) said, or why it could not be asked. */
export type CentreAnswer =
  | { ok: true; tickets: LastTicket[]; keyId: string; refused: string[] }
  | { ok: false; reason: string; refused: string[] };

/**
 * Asks the fleet registry over MQTT 5 which ticket numbers this kiosk delivered on `serviceDay`
 * (and its newest day there): a request on `lastTicketsRequest(device)` with the kiosk's replies
 * topic and random correlation data, through the kiosk's own broker identity (its certificate or
 * login) on a client id of its own with a clean session, so the kiosk's persistent session is left
 * alone. Waits up to `timeoutMs` for a reply that verifies (domain/fleet/last-tickets.ts);
 * replies that do not (a stranger's, a replay, a forgery) are refused and the wait goes on.
 */
export async function askCentreForLastTickets(o: {
  fleet: FleetConfig;
  deviceId: string;
  serviceDay: string;
  timeoutMs: number;
}): Promise<CentreAnswer> {
  const refused: string[] = [];
  if (!o.fleet.fleetPublicKey)
    return { ok: false, reason: 'fleet.fleetPublicKey is not set: no answer could be verified', refused };
  let keys;
  try {
    keys = parsePublicKeys(readFileSync(o.fleet.fleetPublicKey, 'utf8'));
  } catch (err) {
    return { ok: false, reason: `fleet.fleetPublicKey: ${errorMessage(err)}`, refused };
  }
  const topics = fleetTopics(o.fleet.prefix);
  const replies = topics.replies(o.deviceId);
  const request: LastTicketsRequest = { serviceDay: o.serviceDay, nonce: randomBytes(16).toString('hex') };
  const correlation = randomBytes(16);
  const deadline = Date.now() + o.timeoutMs;
  let settle: (answer: CentreAnswer) => void = () => undefined;
  const answered = new Promise<CentreAnswer>((resolve) => (settle = resolve));
  const onMessage = (topic: string, payload: Buffer, packet: IPublishPacket): void => {
    if (topic !== replies) return;
    const c = packet.properties?.correlationData;
    if (!c || !Buffer.from(c).equals(correlation)) return; // another request's reply
    let doc: unknown;
    try {
      doc = JSON.parse(payload.toString('utf8'));
    } catch {
      refused.push('a reply that is not JSON');
      return;
    }
    const verdict = verifyLastTicketsReply(doc, { device: o.deviceId, request, keys });
    if (!verdict.ok) refused.push(verdict.reason);
    else settle({ ok: true, tickets: verdict.tickets, keyId: verdict.keyId, refused });
  };
  let client;
  try {
    client = await connectFleet({
      url: o.fleet.broker,
      clientId: `kiosk-${o.deviceId}-recover-${randomBytes(3).toString('hex')}`,
      ...(o.fleet.username ? { username: o.fleet.username } : {}),
      ...(o.fleet.password ? { password: o.fleet.password } : {}),
      ...(o.fleet.ca ? { ca: o.fleet.ca } : {}),
      ...(o.fleet.cert ? { cert: o.fleet.cert } : {}),
      ...(o.fleet.key ? { key: o.fleet.key } : {}),
      sessionExpirySeconds: 0,
      connectTimeoutMs: Math.max(1000, o.timeoutMs),
    });
  } catch (err) {
    return { ok: false, reason: `cannot connect to ${o.fleet.broker}: ${errorMessage(err)}`, refused };
  }
  client.on('message', onMessage);
  const timer = setTimeout(
    () =>
      settle({
        ok: false,
        reason: `no verified answer from the fleet registry within ${Math.round(o.timeoutMs / 1000)} s (is kiosk fleet serve running with --key?)`,
        refused,
      }),
    Math.max(0, deadline - Date.now()),
  );
  try {
    await subscribeAsync(client, replies);
    await publishAsync(client, topics.lastTicketsRequest(o.deviceId), JSON.stringify(request), {
      qos: 1,
      properties: { responseTopic: replies, correlationData: correlation, contentType: 'application/json' },
    });
    return await answered;
  } catch (err) {
    return { ok: false, reason: `asking the fleet registry failed: ${errorMessage(err)}`, refused };
  } finally {
    clearTimeout(timer);
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }
}
