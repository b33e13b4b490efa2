import { serviceDay } from '../../runtime/time.js';

/** A clock before this cannot be right (the doctor's time-sync check uses the same line). */
export const PLAUSIBLE_FROM = Date.UTC(2025, 0, 1);

/** Whether the clock can be trusted to date a ticket. */
export type ClockState =
  | { state: 'ok' }
  /** The clock is behind the newest ticket stored (a Pi without a battery clock, before NTP). */
  | { state: 'behind'; clockAt: number; newestAt: number; serviceDay: string }
  /** The clock is before PLAUSIBLE_FROM and nothing is stored to go by. */
  | { state: 'implausible'; clockAt: number };

/** When a ticket issued now is dated, on which service day, and why. */
export interface ServiceTime {
  /** The ticket's time: the clock, or the newest stored ticket's time while the clock is behind it. */
  at: number;
  serviceDay: string;
  clock: ClockState;
}

/**
 * Dates a ticket so that none is ever dated before the newest one stored: while the clock is
 * behind it (booted without NTP), the ticket keeps the newest ticket's time and service day, so
 * that day's sequence goes on instead of starting again at 1.
 */
export function serviceTime(
  now: number,
  newest: { at: number; serviceDay: string } | undefined,
  timeZone: string,
): ServiceTime {
  if (newest && now < newest.at)
    return {
      at: newest.at,
      serviceDay: newest.serviceDay,
      clock: { state: 'behind', clockAt: now, newestAt: newest.at, serviceDay: newest.serviceDay },
    };
  return {
    at: now,
    serviceDay: serviceDay(now, timeZone),
    clock: now < PLAUSIBLE_FROM ? { state: 'implausible', clockAt: now } : { state: 'ok' },
  };
}
