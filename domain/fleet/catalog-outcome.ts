/**
 * What a device's retained status says about a catalog version: `applied` when it runs it, the
 * refusal (`code: reason`) when its last attempt at that version failed, undefined when it has
 * not answered. The status is re-published with every catalog event, so it tells the outcome to a
 * tool that missed the event (a broker drops what a slow subscriber's queue cannot hold).
 */
export function catalogOutcome(
  status: { catalogVersion?: unknown; catalog?: unknown },
  version: string,
): { applied: true } | { refused: string } | undefined {
  if (status.catalogVersion === version) return { applied: true };
  const last = (status.catalog as { last?: unknown } | null | undefined)?.last;
  if (typeof last !== 'object' || last === null) return undefined;
  const l = last as { version?: unknown; ok?: unknown; code?: unknown; reason?: unknown };
  if (l.version !== version || l.ok !== false) return undefined;
  const code = typeof l.code === 'string' ? l.code.slice(0, 40) : 'refused';
  const reason = typeof l.reason === 'string' ? l.reason.slice(0, 500) : 'no reason given';
  return { refused: `${code}: ${reason}` };
}
