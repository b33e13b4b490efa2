import type { CheckReport } from '../../runtime/check-result.js';
import type { ServiceStatus } from '../../runtime/service-manager.js';

/**
 * What in the kiosk needs a technician, as the fleet's status shows it: each part says whether it
 * is as it should be, and when not, why and what to do.
 */
export interface KioskCondition {
  /** The database: `failed` while a citizen record cannot be written (disk full, damaged, read-only). */
  storage: {
    state: 'ok' | 'failed';
    /** disk-full, corrupt, read-only, unopenable. */
    kind?: string;
    reason?: string;
    fix?: string;
    /** The file could not be used: lookups only, no tickets, until a technician fixes it. */
    degraded: boolean;
  };
  /** Further parts (catalog, clock), each `{ state, ... }`. */
  [part: string]: { state: string; [field: string]: unknown };
}

/**
 * What fleet commands may do to the kiosk. Implemented in kiosk-actions.ts from the composed
 * kiosk; tests pass their own.
 */
export interface DeviceActions {
  /** Printer, scanner, buttons, display, audio: state as the fleet sees it. */
  peripherals(): Promise<Record<string, unknown>>;
  /** Counters since start (tickets issued, ratings, prints, failures...). */
  counters(): Record<string, number>;
  services(): ServiceStatus[];
  /** What needs a technician now (storage, catalog, clock), for the status document. */
  condition(): KioskCondition;
  setVolume(volume: number): Promise<void>;
  /** Speaks `text` through the voice service. */
  announce(text: string, lang: 'vi' | 'en'): Promise<void>;
  /** PNG of the frame on screen now. */
  screenshot(): Promise<Buffer>;
  /** Clean stop after `delayMs`; the supervisor (systemd) starts the kiosk again. */
  restart(delayMs: number): void;
  /** Re-reads the config file and applies what can change at run time. */
  reloadConfig(): Promise<Record<string, unknown>>;
  /** The kiosk's checks, in the one check shape (runtime/check-result.ts). */
  selftest(): Promise<CheckReport>;
}
