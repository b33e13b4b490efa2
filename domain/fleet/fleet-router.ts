import type { IPublishPacket } from 'mqtt';
import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { TopicHandler } from './fleet-feature.js';
import { topicMatches } from './topics.js';

interface Route {
  owner: object;
  filter: string;
  handler: TopicHandler;
}

/**
 * Which feature gets which message: routes (owner, topic filter, handler) and connection
 * listeners, grouped by owner so a feature's stop() removes all of its own. Exact topics are
 * looked up in a map; filters with wildcards are matched one by one (there are a handful).
 */
export class FleetRouter {
  private readonly exact = new Map<string, Route[]>();
  private wildcard: Route[] = [];
  private connection: { owner: object; listener: (connected: boolean) => void }[] = [];

  constructor(private readonly log: Logger) {}

  /** Adds (or replaces the handler of) `owner`'s routes for `filters`. */
  add(owner: object, filters: readonly string[], handler: TopicHandler): void {
    for (const filter of filters) {
      const route: Route = { owner, filter, handler };
      if (/[+#]/.test(filter)) {
        this.wildcard = [...this.wildcard.filter((r) => !(r.owner === owner && r.filter === filter)), route];
        continue;
      }
      const list = (this.exact.get(filter) ?? []).filter((r) => r.owner !== owner);
      this.exact.set(filter, [...list, route]);
    }
  }

  /** Removes `owner`'s routes for `filters`; returns the filters nobody routes any more. */
  remove(owner: object, filters: readonly string[]): string[] {
    const unused: string[] = [];
    for (const filter of filters) {
      if (/[+#]/.test(filter)) {
        this.wildcard = this.wildcard.filter((r) => !(r.owner === owner && r.filter === filter));
        if (!this.wildcard.some((r) => r.filter === filter)) unused.push(filter);
        continue;
      }
      const list = (this.exact.get(filter) ?? []).filter((r) => r.owner !== owner);
      if (list.length > 0) this.exact.set(filter, list);
      else {
        this.exact.delete(filter);
        unused.push(filter);
      }
    }
    return unused;
  }

  onConnectionChange(owner: object, listener: (connected: boolean) => void): void {
    this.connection.push({ owner, listener });
  }

  /** Removes every route and listener of `owner`. */
  removeOwner(owner: object): void {
    for (const [filter, list] of this.exact) {
      const kept = list.filter((r) => r.owner !== owner);
      if (kept.length > 0) this.exact.set(filter, kept);
      else this.exact.delete(filter);
    }
    this.wildcard = this.wildcard.filter((r) => r.owner !== owner);
    this.connection = this.connection.filter((c) => c.owner !== owner);
  }

  /** Every filter some feature routes (to subscribe at the broker after a connect). */
  filters(): string[] {
    return [...new Set([...this.wildcard.map((r) => r.filter), ...this.exact.keys()])];
  }

  get size(): number {
    return this.exact.size + this.wildcard.length;
  }

  dispatch(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const routes = [
      ...(this.exact.get(topic) ?? []),
      ...this.wildcard.filter((r) => topicMatches(r.filter, topic)),
    ];
    for (const r of routes) {
      try {
        r.handler(topic, payload, packet);
      } catch (err) {
        this.log.error({ err, topic }, `handling ${topic} failed: ${errorMessage(err)}`);
      }
    }
  }

  emitConnection(connected: boolean): void {
    for (const { listener } of [...this.connection]) {
      try {
        listener(connected);
      } catch (err) {
        this.log.error({ err }, `fleet connection listener failed: ${errorMessage(err)}`);
      }
    }
  }
}
