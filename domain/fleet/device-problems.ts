/** Problems the fleet tools filter on, read from a device's retained status. */
export const DEVICE_PROBLEMS = ['paper', 'printer', 'disk', 'clock'] as const;
export type DeviceProblem = (typeof DEVICE_PROBLEMS)[number];

/** Below this much free space on the data disk a kiosk has a `disk` problem. */
export const DISK_LOW_MB = 500;
/** A status stamped further than this from the reader's clock shows a `clock` problem. */
export const CLOCK_SKEW_MS = 5 * 60_000;

interface StatusLike {
  state?: unknown;
  condition?: unknown;
  ts?: unknown;
  peripherals?: unknown;
  health?: unknown;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * What is wrong with a kiosk according to its status: paper near its end or out, a printer
 * offline, faulted, open or unreadable, a nearly full or failed data disk (`condition.storage`),
 * a clock the kiosk itself finds wrong (`condition.clock`), or a clock off by more than
 * CLOCK_SKEW_MS from `seen.at`: ahead of it always (no status comes from the future), behind it
 * only for a live status (a retained one may simply be old).
 */
export function deviceProblems(status: StatusLike, seen?: { at: number; live: boolean }): DeviceProblem[] {
  const problems: DeviceProblem[] = [];
  const peripherals = record(status.peripherals);
  const printer = record(peripherals.printer);
  if (printer.paper === 'near-end' || printer.paper === 'out') problems.push('paper');
  if (
    'error' in peripherals ||
    'error' in printer ||
    printer.online === false ||
    printer.fault === true ||
    printer.coverOpen === true
  )
    problems.push('printer');
  const condition = record(status.condition);
  const free = record(status.health).diskFreeMb;
  if ((typeof free === 'number' && free < DISK_LOW_MB) || record(condition.storage).state === 'failed')
    problems.push('disk');
  const ts = typeof status.ts === 'string' ? Date.parse(status.ts) : NaN;
  const clock = record(condition.clock).state;
  const skew = seen && status.state === 'online' && Number.isFinite(ts) ? ts - seen.at : 0;
  if (
    (typeof clock === 'string' && clock !== 'ok') ||
    skew > CLOCK_SKEW_MS ||
    (seen?.live === true && -skew > CLOCK_SKEW_MS)
  )
    problems.push('clock');
  return problems;
}
