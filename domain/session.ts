import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from './events.js';

/**
 * What the kiosk knows about the citizen in front of it. Everything here is forgotten when the
 * citizen leaves (idle timeout, back to home, or finished).
 */
export class Session {
  private data = new Map<string, unknown>();
  private startedAt: number | undefined;

  constructor(private readonly bus: EventBus<KioskEvents>) {}

  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  set(key: string, value: unknown, now: number): void {
    this.startedAt ??= now;
    this.data.set(key, value);
  }

  get active(): boolean {
    return this.data.size > 0;
  }

  /** Wipes all personal data. */
  clear(reason: KioskEvents['session.ended']['reason']): void {
    const wasActive = this.active;
    this.data = new Map();
    this.startedAt = undefined;
    if (wasActive) this.bus.emit('session.ended', { reason });
  }
}
