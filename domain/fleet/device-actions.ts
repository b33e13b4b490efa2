import type { ServiceStatus } from '../../runtime/service-manager.js';

/** One line of a self-test. */
export interface SelfTestCheck {
  name: string;
  ok: boolean;
  detail: string;
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
  setVolume(volume: number): Promise<void>;
  /** Speaks `text` through the voice service. */
  announce(text: string, lang: 'vi' | 'en'): Promise<void>;
  /** PNG of the frame on screen now. */
  screenshot(): Promise<Buffer>;
  /** Clean stop after `delayMs`; the supervisor (systemd) starts the kiosk again. */
  restart(delayMs: number): void;
  /** Re-reads the config file and applies what can change at run time. */
  reloadConfig(): Promise<Record<string, unknown>>;
  selftest(): Promise<SelfTestCheck[]>;
}
