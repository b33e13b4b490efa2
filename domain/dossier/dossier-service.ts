import type { Clock } from '../../runtime/clock.js';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import type { FleetLink } from '../fleet/fleet-link.js';
import type { Logger } from '../../runtime/logger.js';
import type { DossierCache } from './dossier-cache.js';
import { parseDossierAnswer, type DossierStatus } from './dossier-status.js';

/** Why the centre could not be asked just now. */
export type OfflineReason = 'offline' | 'timeout' | 'bad-answer' | 'error';

export type DossierLookup =
  | { kind: 'live'; status: DossierStatus; fetchedAt: number }
  | { kind: 'not-found'; dossierNumber: string }
  | { kind: 'cached'; status: DossierStatus; fetchedAt: number; reason: OfflineReason }
  | { kind: 'unavailable'; dossierNumber: string; reason: OfflineReason };

export interface DossierOptions {
  requestTopic: string;
  timeoutMs: number;
}

/**
 * Dossier status from the centre over the fleet link (MQTT 5 request/response). Every good
 * answer is cached in SQLite; with no connection (or no answer) the last known status is shown,
 * marked with its time, or the kiosk says plainly that it cannot check right now.
 */
export class DossierService {
  constructor(
    private readonly link: () => FleetLink | undefined,
    private readonly cache: DossierCache,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: DossierOptions,
  ) {}

  async lookup(dossierNumber: string): Promise<DossierLookup> {
    const link = this.link();
    if (!link?.connected) return this.fallback(dossierNumber, 'offline');
    let answer: Record<string, unknown>;
    try {
      answer = await link.request(this.options.requestTopic, { dossierNumber }, this.options.timeoutMs);
    } catch (err) {
      const reason: OfflineReason =
        err instanceof DriverError && err.kind === 'timeout'
          ? 'timeout'
          : err instanceof DriverError && err.kind === 'disconnected'
            ? 'offline'
            : 'error';
      this.log.warn({ reason }, `dossier status request failed (${reason}): ${errorMessage(err)}`);
      return this.fallback(dossierNumber, reason);
    }
    let parsed: DossierStatus | 'not-found';
    try {
      parsed = parseDossierAnswer(dossierNumber, answer);
    } catch (err) {
      this.log.warn(
        { topic: this.options.requestTopic },
        `the centre's dossier answer is malformed: ${errorMessage(err)}; check the centre's kiosk gateway`,
      );
      return this.fallback(dossierNumber, 'bad-answer');
    }
    if (parsed === 'not-found') return { kind: 'not-found', dossierNumber };
    const fetchedAt = this.clock.now();
    this.cache.put(parsed, fetchedAt);
    return { kind: 'live', status: parsed, fetchedAt };
  }

  private fallback(dossierNumber: string, reason: OfflineReason): DossierLookup {
    const cached = this.cache.get(dossierNumber);
    return cached
      ? { kind: 'cached', status: cached.status, fetchedAt: cached.fetchedAt, reason }
      : { kind: 'unavailable', dossierNumber, reason };
  }
}
