/** The app release events a kiosk sends, in the order a successful update sends them. */
export const RELEASE_EVENTS = [
  'app-downloaded',
  'app-switching',
  'app-updated',
  'app-refused',
  'app-rolled-back',
] as const;

function text(value: unknown, max: number, fallback: string): string {
  return typeof value === 'string' ? value.slice(0, max) : fallback;
}

/**
 * What a device's retained status says about an app release `version`, in the words of the event
 * that stage sends (`app-downloaded` while it waits for idle, `app-switching`, `app-updated`,
 * `app-refused: reason`, `app-rolled-back: reason`), or undefined when it has not reached one
 * (downloading, installing, another version). The status is re-published with every release
 * event, so it tells the outcome to a tool that missed the event (a broker drops what a slow
 * subscriber's queue cannot hold).
 */
export function releaseOutcome(
  status: { appVersion?: unknown; update?: unknown },
  version: string,
): string | undefined {
  const u = status.update as { state?: unknown; version?: unknown; reason?: unknown } | null | undefined;
  if (typeof u === 'object' && u !== null && u.version === version) {
    const reason = text(u.reason, 500, 'no reason given');
    switch (u.state) {
      case 'waiting-for-idle':
        return 'app-downloaded';
      case 'switching':
      case 'health-check':
        return 'app-switching';
      case 'committed':
        return 'app-updated';
      case 'refused':
        return `app-refused: ${reason}`;
      case 'rolled-back':
        return `app-rolled-back: ${reason}`;
      default:
        return undefined;
    }
  }
  return status.appVersion === version ? 'app-updated' : undefined;
}
