import type { FleetLink } from '../fleet/fleet-link.js';

/** The centre's queue system, asked for "people ahead" when the kiosk is connected to it. */
export interface CentreQueue {
  /** The centre's count of people waiting before `number`; undefined when it cannot say. */
  peopleAhead(groupId: string, number: string): Promise<number | undefined>;
}

/**
 * Asks the centre over the fleet link (MQTT 5 request/response). Request payload
 * `{group, number}`; the centre answers `{peopleAhead: n}` (or `{status, data: {peopleAhead}}`).
 * Any failure (offline, timeout, bad answer) gives undefined and the kiosk's own count is used.
 */
export class FleetCentreQueue implements CentreQueue {
  constructor(
    private readonly link: () => FleetLink | undefined,
    private readonly topic = 'request/queue-ahead',
    private readonly timeoutMs = 1500,
  ) {}

  async peopleAhead(groupId: string, number: string): Promise<number | undefined> {
    const link = this.link();
    if (!link?.connected) return undefined;
    try {
      const answer = await link.request(this.topic, { group: groupId, number }, this.timeoutMs);
      const data = (typeof answer.data === 'object' && answer.data !== null ? answer.data : answer) as Record<
        string,
        unknown
      >;
      const n = data.peopleAhead;
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
    } catch {
      return undefined;
    }
  }
}
