/** A daily local-time window in minutes after midnight; `end < start` wraps past midnight. */
export interface QuietWindow {
  start: number;
  end: number;
}

/** Parses ["21:00-06:00", ...]; a malformed range is a TypeError naming it. */
export function parseQuietHours(ranges: readonly string[]): QuietWindow[] {
  return ranges.map((range) => {
    const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range);
    const [h1, m1, h2, m2] = (m?.slice(1) ?? []).map(Number);
    if (
      !m ||
      h1 === undefined ||
      m1 === undefined ||
      h2 === undefined ||
      m2 === undefined ||
      h1 > 24 ||
      h2 > 24 ||
      m1 > 59 ||
      m2 > 59
    ) {
      throw new TypeError(`voice.quietHours: must look like "21:00-06:00", got ${JSON.stringify(range)}`);
    }
    return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
  });
}

/** Minutes after local midnight in `timeZone`. */
export function localMinutes(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function inQuietHours(now: number, windows: readonly QuietWindow[], timeZone: string): boolean {
  if (windows.length === 0) return false;
  const t = localMinutes(now, timeZone);
  return windows.some((w) => (w.start <= w.end ? t >= w.start && t < w.end : t >= w.start || t < w.end));
}
