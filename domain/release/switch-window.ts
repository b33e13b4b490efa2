import { inTimeWindow, minutesOfDay, parseTimeWindows } from '../../runtime/time-windows.js';

/** The settings a switch waits for (config `updates`, read at every check: they are hot). */
export interface SwitchPolicy {
  /** "HH:MM-HH:MM" local times when a release never switches (e.g. the opening hours). */
  busyHours: readonly string[];
  /** Minutes without a button, touch or scan before a switch. */
  idleMinutes: number;
}

/** What the kiosk is doing now, for `switchBlocker`. */
export interface KioskUse {
  now: number;
  /** When a button, touch or scan last came (ms). */
  lastInputAt: number;
  /** A citizen's session is open (a scanned card, a form being filled). */
  sessionActive: boolean;
  timeZone: string;
}

/**
 * Why a downloaded release may not switch now, in plain words, or undefined when it may: never
 * while a citizen's session is open, never within the busy hours, and only after `idleMinutes`
 * without input.
 */
export function switchBlocker(policy: SwitchPolicy, use: KioskUse): string | undefined {
  if (use.sessionActive) return "a citizen's session is open";
  const minute = minutesOfDay(use.now, use.timeZone);
  const windows = parseTimeWindows(policy.busyHours, 'updates.busyHours');
  const busy = windows.findIndex((w) => inTimeWindow(minute, w));
  if (busy >= 0) return `inside the busy hours ${policy.busyHours[busy]}`;
  const idleMs = policy.idleMinutes * 60_000;
  const quiet = use.now - use.lastInputAt;
  if (quiet < idleMs)
    return `used ${Math.floor(quiet / 60_000)} min ago; waits for ${policy.idleMinutes} min without input`;
  return undefined;
}
