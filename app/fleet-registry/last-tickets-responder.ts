import type { KeyObject } from 'node:crypto';
import type { IPublishPacket } from 'mqtt';
import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import {
  highestTickets,
  MAX_CORRELATION_BYTES,
  readLastTicketsRequest,
  signLastTicketsReply,
} from '../../domain/fleet/last-tickets.js';
import type { FleetTopics } from '../../domain/fleet/topics.js';
import type { RegistryStore } from '../../domain/fleet-registry/registry-store.js';

export interface LastTicketsStats {
  answered: number;
  /** Requests not answered, by reason code. */
  refused: Record<string, number>;
}

/**
 * The registry's side of the last-tickets request (domain/fleet/last-tickets.ts): a recovering
 * kiosk asks which numbers it delivered; the registry answers from the records it stored, signed
 * with its key, on that kiosk's own replies topic only (never on a response topic a request
 * names otherwise: the registry's broker account may write anywhere).
 */
export class LastTicketsResponder {
  readonly stats: LastTicketsStats = { answered: 0, refused: {} };

  constructor(
    private readonly o: {
      store: RegistryStore;
      topics: FleetTopics;
      key: KeyObject;
      publish(topic: string, payload: string, correlationData: Buffer): Promise<void>;
      log: Logger;
    },
  ) {}

  private refuse(code: string, topic: string, why: string): void {
    this.stats.refused[code] = (this.stats.refused[code] ?? 0) + 1;
    this.o.log.debug({ topic: topic.slice(0, 200), code }, `last-tickets request not answered: ${why}`);
  }

  /** Answers one request (resolves when the answer was handed to the client, or it was refused). */
  async answer(topic: string, payload: Buffer, packet: Pick<IPublishPacket, 'properties'>): Promise<void> {
    const device = this.o.topics.parseLastTicketsRequest(topic);
    if (!device) return this.refuse('topic', topic, 'not a device request topic');
    const route = packet.properties?.responseTopic;
    if (route !== this.o.topics.replies(device))
      return this.refuse('response-topic', topic, `response topic must be ${this.o.topics.replies(device)}`);
    const correlation = packet.properties?.correlationData;
    if (!correlation || correlation.length === 0 || correlation.length > MAX_CORRELATION_BYTES)
      return this.refuse('correlation', topic, `correlation data must be 1-${MAX_CORRELATION_BYTES} bytes`);
    let request;
    try {
      request = readLastTicketsRequest(payload);
    } catch (err) {
      return this.refuse('malformed', topic, errorMessage(err));
    }
    const records = await this.o.store.ticketRecords(device, request.serviceDay);
    const reply = signLastTicketsReply({
      device,
      request,
      tickets: highestTickets(records),
      records: records.length,
      key: this.o.key,
    });
    // Not awaited: the broker's PUBACK for the answer is read only after this request is
    // acknowledged (mqtt.js handles one incoming QoS 1 packet at a time), so waiting would hang.
    this.o
      .publish(route, JSON.stringify(reply), Buffer.from(correlation))
      .catch((err: unknown) =>
        this.o.log.warn(
          { device, err: errorMessage(err) },
          `last-tickets answer to ${device} not sent: ${errorMessage(err)}`,
        ),
      );
    this.stats.answered++;
    this.o.log.info(
      { device, serviceDay: request.serviceDay, records: records.length },
      `told ${device} its last tickets (${reply.tickets.map((t) => `${t.number}@${t.serviceDay}`).join(', ') || 'none stored'})`,
    );
  }
}
