import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainFrom, decodeDeltaLog, materialize } from '../../../domain/catalog/catalog-deltas.js';
import { deltaLogPath } from '../../../domain/catalog/catalog-file.js';
import { fleetCatalogPath } from '../../../domain/fleet/catalog-store.js';

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** What the kiosk acknowledged to the citizen (shown on screen) before a power cut. */
export interface Acknowledged {
  tickets: { number: string; serviceDay: string }[];
  ratings: string[];
}

/** What the data dir holds after a power cut, read straight from the files. */
export interface DiskState {
  integrity: string;
  tickets: { number: string; serviceDay: string; groupId: string; seq: number }[];
  ratingIds: string[];
  outbox: { uid: string; topic: string; payload: Record<string, unknown> }[];
  catalog: { sha256: string; version: string | null } | null;
  catalogState: { version: string | null; sha256: string | null } | null;
}

/** Opens kiosk.db read-only (WAL recovery included) and reads everything the invariants need. */
export function readDisk(dataDir: string): DiskState {
  const file = join(dataDir, 'kiosk.db');
  if (!existsSync(file))
    return {
      integrity: 'ok',
      tickets: [],
      ratingIds: [],
      outbox: [],
      catalog: readCatalog(dataDir),
      catalogState: readCatalogState(dataDir),
    };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const has = (table: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const tickets = has('tickets')
      ? (
          db.prepare('SELECT number, service_day, group_id, seq FROM tickets ORDER BY id').all() as {
            number: string;
            service_day: string;
            group_id: string;
            seq: number;
          }[]
        ).map((r) => ({ number: r.number, serviceDay: r.service_day, groupId: r.group_id, seq: r.seq }))
      : [];
    const ratingIds = has('ratings')
      ? (db.prepare('SELECT id FROM ratings').all() as { id: string }[]).map((r) => r.id)
      : [];
    const outbox = has('outbox')
      ? (
          db.prepare('SELECT uid, topic, payload FROM outbox ORDER BY id').all() as {
            uid: string;
            topic: string;
            payload: string;
          }[]
        ).map((r) => ({
          uid: r.uid,
          topic: r.topic,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
        }))
      : [];
    return {
      integrity,
      tickets,
      ratingIds,
      outbox,
      catalog: readCatalog(dataDir),
      catalogState: readCatalogState(dataDir),
    };
  } finally {
    db.close();
  }
}

/** The fleet catalog on disk: its file with the deltas logged beside it applied (as the kiosk reads it). */
function readCatalog(dataDir: string): DiskState['catalog'] {
  const path = fleetCatalogPath(dataDir);
  if (!existsSync(path)) return null;
  const base = readFileSync(path);
  const log = existsSync(deltaLogPath(path)) ? readFileSync(deltaLogPath(path)) : Buffer.alloc(0);
  const bytes = materialize(base, decodeDeltaLog(log).records).bytes;
  let version: string | null;
  try {
    version = String((JSON.parse(bytes.toString('utf8')) as { version?: unknown }).version ?? '');
  } catch {
    version = null;
  }
  return { sha256: sha256(bytes), version };
}

/** The catalog state: the last delta logged over the file when there is one (CatalogStore.state), else the state file. */
function readCatalogState(dataDir: string): DiskState['catalogState'] {
  const path = `${fleetCatalogPath(dataDir)}.state.json`;
  if (!existsSync(path)) return null;
  const catalog = fleetCatalogPath(dataDir);
  if (existsSync(catalog) && existsSync(deltaLogPath(catalog))) {
    const { records } = decodeDeltaLog(readFileSync(deltaLogPath(catalog)));
    const last = chainFrom(sha256(readFileSync(catalog)), records).at(-1);
    if (last) return { version: last.version, sha256: last.sha256 };
  }
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as { version?: string | null; sha256?: string | null };
    return { version: s.version ?? null, sha256: s.sha256 ?? null };
  } catch {
    return { version: 'UNREADABLE', sha256: null };
  }
}

export interface InvariantInput {
  disk: DiskState;
  /** Everything acknowledged since the run began (all iterations). */
  acknowledged: Acknowledged;
  /** sha256 of every catalog target published -> its version. */
  publishedCatalogs: ReadonlyMap<string, string>;
  configFile: string;
  configSha: string;
}

/** Checks the power-cut invariants; returns one line per violation (empty = all hold). */
export function checkInvariants(input: InvariantInput): string[] {
  const { disk, acknowledged } = input;
  const problems: string[] = [];
  if (disk.integrity !== 'ok') problems.push(`integrity_check: ${disk.integrity}`);

  // Tickets: never the same number twice on a day, no gap in a day's sequence, none acknowledged lost.
  const byKey = new Map<string, number>();
  const seqs = new Map<string, number[]>();
  for (const t of disk.tickets) {
    const key = `${t.serviceDay}/${t.number}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
    const g = `${t.serviceDay}/${t.groupId}`;
    seqs.set(g, [...(seqs.get(g) ?? []), t.seq]);
  }
  for (const [key, n] of byKey) if (n > 1) problems.push(`ticket ${key} stored ${n} times`);
  for (const [g, list] of seqs) {
    const sorted = [...list].sort((a, b) => a - b);
    sorted.forEach((s, i) => {
      if (s !== i + 1) problems.push(`ticket sequence ${g} has a gap or repeat at position ${i + 1}: ${s}`);
    });
  }
  const shown = new Map<string, number>();
  for (const t of acknowledged.tickets) {
    const key = `${t.serviceDay}/${t.number}`;
    shown.set(key, (shown.get(key) ?? 0) + 1);
    if (!byKey.has(key)) problems.push(`acknowledged ticket ${key} is lost`);
  }
  for (const [key, n] of shown) if (n > 1) problems.push(`ticket ${key} was shown to ${n} citizens`);

  // Ratings: each acknowledged one stored once, and in the outbox at most once.
  const stored = new Set(disk.ratingIds);
  const inOutbox = new Map<string, number>();
  for (const m of disk.outbox)
    if (m.topic === 'records/rating') {
      const id = String(m.payload.id);
      inOutbox.set(id, (inOutbox.get(id) ?? 0) + 1);
    }
  for (const id of acknowledged.ratings)
    if (!stored.has(id)) problems.push(`acknowledged rating ${id} is lost`);
  for (const [id, n] of inOutbox) if (n > 1) problems.push(`rating ${id} queued ${n} times in the outbox`);
  const uids = new Set<string>();
  for (const m of disk.outbox) {
    if (uids.has(m.uid)) problems.push(`outbox uid ${m.uid} appears twice`);
    uids.add(m.uid);
  }

  // Catalog: the file is a whole published version (never a mix), if any was applied.
  if (disk.catalog) {
    const version = input.publishedCatalogs.get(disk.catalog.sha256);
    if (!version)
      problems.push(`catalog file matches no published version (sha ${disk.catalog.sha256.slice(0, 12)})`);
    else if (disk.catalog.version !== version)
      problems.push(`catalog file says ${disk.catalog.version}, content is ${version}`);
  }

  // Config: byte-identical to what was written.
  if (!existsSync(input.configFile)) problems.push('config file is missing');
  else if (sha256(readFileSync(input.configFile)) !== input.configSha) problems.push('config file changed');
  return problems;
}

/** The catalog state file disagrees with the catalog file (a restart then mislabels `.previous`). */
export function catalogStateMismatch(disk: DiskState): string | undefined {
  if (!disk.catalog || !disk.catalogState) return undefined;
  if (disk.catalogState.sha256 !== disk.catalog.sha256)
    return `catalog.json.state.json says ${disk.catalogState.version}, file is ${disk.catalog.version}`;
  return undefined;
}
