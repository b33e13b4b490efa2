import { z } from 'zod';

/**
 * Catalog versions are "YYYY.MM.DD-N": the build date (UTC) and a counter for builds on the
 * same day, so versions sort and compare and a fleet update can tell newer from older.
 */

const VERSION = /^(\d{4})\.(\d{2})\.(\d{2})-(\d+)$/;

/** The version field of a catalog file and of a fleet manifest (zod), checked one way. */
export const catalogVersionField = z.string().regex(VERSION, { error: 'must look like "2026.11.25-1"' });

export function parseCatalogVersion(version: string): { date: string; n: number } | undefined {
  const m = VERSION.exec(version);
  if (!m) return undefined;
  return { date: `${m[1]}.${m[2]}.${m[3]}`, n: Number(m[4]) };
}

/** Negative when a is older than b, 0 when equal, positive when newer. Throws on a malformed version. */
export function compareCatalogVersions(a: string, b: string): number {
  const pa = parseCatalogVersion(a);
  const pb = parseCatalogVersion(b);
  if (!pa) throw new TypeError(`version: must look like "2026.11.25-1", got ${JSON.stringify(a)}`);
  if (!pb) throw new TypeError(`version: must look like "2026.11.25-1", got ${JSON.stringify(b)}`);
  return pa.date === pb.date ? pa.n - pb.n : pa.date < pb.date ? -1 : 1;
}

/** The version for a build at `now`, strictly newer than `previous` when given. */
export function nextCatalogVersion(now: Date, previous?: string): string {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '.');
  const prev = previous ? parseCatalogVersion(previous) : undefined;
  if (!prev || prev.date < date) return `${date}-1`;
  // Same day (or a clock behind the previous build): keep the previous date and count up.
  return `${prev.date}-${prev.n + 1}`;
}
