import type { FleetLink } from '../fleet/fleet-link.js';

/** The centre's queue system, asked for "people ahead" when the kiosk is connected to it. */
export interface CentreQueue {
  /**
   * The centre's count of people waiting before `number` (a priority ticket counted by the
   * centre's own priority rule); undefined when it cannot say.
   */
  peopleAhead(groupId: string, number: string, priority?: boolean): Promise<number | undefined>;
}

/**
 * Asks the centre over the fleet link (MQTT 5 request/response). Request payload
 * `{group, number, priority}` (priority: the ticket is a priority one, to be served first); the centre answers `{peopleAhead: n}` (or `{status, data: {peopleAhead}}`).
 * Any failure (offline, timeout, bad answer) gives undefined and the kiosk's own count is used;
 * after a failure the centre is not asked again for `backoffMs`, so a missing gateway does not
 * slow every ticket down.
 */
export class FleetCentreQueue implements CentreQueue {
  private quietUntil = 0;

  constructor(
    private readonly link: () => FleetLink | undefined,
    private readonly topic: string,
    private readonly timeoutMs = 1000,
    private readonly backoffMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async peopleAhead(groupId: string, number: string, priority = false): Promise<number | undefined> {
    const link = this.link();
    if (!link?.connected || !this.topic || this.now() < this.quietUntil) return undefined;
    try {
      const answer = await link.request(this.topic, { group: groupId, number, priority }, this.timeoutMs);
      const data = (typeof answer.data === 'object' && answer.data !== null ? answer.data : answer) as Record<
        string,
        unknown
      >;
      const n = data.peopleAhead;
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
    } catch {
      // offline or no gateway: fall through to the local count
    }
    this.quietUntil = this.now() + this.backoffMs;
    return undefined;
  }
}
