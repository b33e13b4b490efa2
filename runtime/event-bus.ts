import type { Logger } from './logger.js';

type Listener<T> = (payload: T) => void;

interface Entry {
  owner: string;
  listener: Listener<never>;
}

/**
 * Typed publish/subscribe inside one process. A throwing listener is logged and does not stop
 * the others. Listeners are grouped by owner so a service can drop all of its own at stop().
 */
export class EventBus<Events extends object> {
  private readonly listeners = new Map<keyof Events, Entry[]>();

  constructor(private readonly log: Logger) {}

  on<K extends keyof Events>(owner: string, event: K, listener: Listener<Events[K]>): () => void {
    const entry: Entry = { owner, listener: listener as Listener<never> };
    const list = this.listeners.get(event) ?? [];
    list.push(entry);
    this.listeners.set(event, list);
    return () => {
      const current = this.listeners.get(event);
      if (current)
        this.listeners.set(
          event,
          current.filter((e) => e !== entry),
        );
    };
  }

  /** Removes every listener registered by `owner`. */
  offOwner(owner: string): void {
    for (const [event, list] of this.listeners) {
      this.listeners.set(
        event,
        list.filter((e) => e.owner !== owner),
      );
    }
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const entry of [...(this.listeners.get(event) ?? [])]) {
      try {
        (entry.listener as Listener<Events[K]>)(payload);
      } catch (err) {
        this.log.error({ err, event: String(event), owner: entry.owner }, 'event listener failed');
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}
