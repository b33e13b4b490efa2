import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { TicketStore } from '../../domain/queue/ticket-store.js';
import type { Db } from '../../runtime/storage/database.js';
import { RECOVERY_PENDING } from '../../runtime/storage/storage-health.js';
import { assertDatabaseFree, type HolderProbe } from './db-holders.js';

/** The highest ticket number known for one group on one service day, and where it was learnt. */
export interface KnownNumber {
  groupId: string;
  serviceDay: string;
  seq: number;
  /** When it was issued, when known (ms since the epoch). */
  issuedAt: number | null;
  source: 'salvage' | 'outbox' | 'raw-scan' | 'technician' | 'centre';
}

export interface RecoveryOptions {
  dataDir: string;
  /** Creates the kiosk's current schema in an empty database (every module's migrations). */
  schema(db: Db): void;
  /** The configured groups: `--at-least A-030` names a group by its prefix. */
  groups: readonly { id: string; prefix: string }[];
  /** The service day of a time (the kiosk's time zone). */
  serviceDayOf(at: number): string;
  /** Numbers the technician knows were issued (the centre's display, `kiosk fleet watch`): `A-030` or `A-030@2026-12-02`. */
  atLeast?: readonly string[];
  /** Numbers learnt elsewhere: what the fleet registry holds (technician/recovery/ask-centre.ts). */
  known?: readonly KnownNumber[];
  now?: number;
  /** The sqlite3 program (its `.recover` salvages what SQLite can still read). */
  sqlite3?: string;
  /** Where a running kiosk is looked for (the host's /proc and systemd by default). */
  holders?: HolderProbe;
}

export interface RecoveryReport {
  /** Where the damaged files were kept (byte for byte), with the salvage. */
  backupDir: string;
  /** True when an interrupted recovery was finished from its kept files. */
  resumed: boolean;
  /** How the rows were salvaged: `sqlite3 .recover`, or row by row where that is not built in. */
  method: 'sqlite3 .recover' | 'row by row';
  /** Rows brought into the new database, per table. */
  rows: Record<string, number>;
  /** What `sqlite3 .recover` said when it could not read the file at all, if so. */
  salvageError?: string;
  /** Per group and day, the number the next ticket continues after. */
  floors: KnownNumber[];
}

const WAL_FILES = ['kiosk.db', 'kiosk.db-wal', 'kiosk.db-shm'];
/** Tables the new database makes for itself. */
const SKIP_TABLES = new Set(['schema_migrations', 'sqlite_sequence', 'storage_probe', 'lost_and_found']);

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  fsyncPath(tmp);
  renameSync(tmp, path);
  fsyncPath(dirname(path));
}

const stampOf = (at: number): string => new Date(at).toISOString().replace(/[:.]/g, '-');

/**
 * Recovers a damaged kiosk database. The kiosk must be stopped: while the smart-kiosk service is
 * active or any process has the database open, it throws DatabaseInUseError and touches nothing.
 * 1. copies kiosk.db and its -wal/-shm, untouched, to `recovery/<time>/original/` (kept);
 * 2. salvages what SQLite can still read from a second copy (`sqlite3 .recover`, WAL included);
 * 3. builds a new database with the kiosk's schema and the salvaged rows;
 * 4. learns the highest ticket number issued per group and day from the salvaged tickets and
 *    outbox, from ticket records still in the damaged files' bytes (deleted outbox rows of
 *    delivered events, WAL frames), from the fleet registry (`known`: the records the kiosk
 *    delivered) and from the technician (`atLeast`), and stores it as a floor
 *    so that no number is ever issued twice;
 * 5. puts the new database in place of the damaged one.
 * `recovery/pending.json` marks steps 1–5: a kiosk started meanwhile refuses the database, and
 * running the recovery again (after a power cut) finishes it from the kept originals.
 */
export function recoverDatabase(options: RecoveryOptions): RecoveryReport {
  const { dataDir } = options;
  const now = options.now ?? Date.now();
  const file = join(dataDir, 'kiosk.db');
  const pending = join(dataDir, RECOVERY_PENDING);
  // The kiosk must be stopped: nothing is touched while it (or anything) has the database open.
  assertDatabaseFree(file, options.holders);
  let backupDir: string;
  let resumed = false;
  if (existsSync(pending)) {
    backupDir = (JSON.parse(readFileSync(pending, 'utf8')) as { backupDir: string }).backupDir;
    resumed = true;
  } else {
    if (!WAL_FILES.some((f) => existsSync(join(dataDir, f))))
      throw new Error(`${file} does not exist: there is nothing to recover (the kiosk creates it at start)`);
    backupDir = join(dataDir, 'recovery', stampOf(now));
    const original = join(backupDir, 'original');
    mkdirSync(original, { recursive: true });
    for (const f of WAL_FILES) {
      if (!existsSync(join(dataDir, f))) continue;
      copyFileSync(join(dataDir, f), join(original, f));
      fsyncPath(join(original, f));
    }
    fsyncPath(original);
    writeDurably(pending, `${JSON.stringify({ backupDir, startedAt: new Date(now).toISOString() })}\n`);
  }
  const original = join(backupDir, 'original');

  // Salvage from a working copy: opening it may replay and fold its WAL, the original stays as it was.
  const work = join(backupDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const f of WAL_FILES)
    if (existsSync(join(original, f))) copyFileSync(join(original, f), join(work, f));
  const salvagePath = join(backupDir, 'salvage.db');
  rmSync(salvagePath, { force: true });
  const salvage = new Database(salvagePath);
  let salvageError: string | undefined;
  let method: RecoveryReport['method'] = 'sqlite3 .recover';
  try {
    const sql = execFileSync(options.sqlite3 ?? 'sqlite3', [join(work, 'kiosk.db'), '.recover'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    salvage.exec(sql);
  } catch {
    // Builds of sqlite3 without the sqlite_dbpage table (Debian's) cannot .recover: read instead
    // every row SQLite can still reach, from both ends of each table.
    if (salvage.inTransaction) salvage.exec('ROLLBACK');
    method = 'row by row';
    salvage.close();
    rmSync(salvagePath, { force: true });
    salvageError = readableRows(join(work, 'kiosk.db'), salvagePath) ?? undefined;
  }
  if (salvage.open && salvage.inTransaction) salvage.exec('COMMIT');
  if (salvage.open) salvage.close();
  const salvaged = new Database(salvagePath);

  // The new database: the kiosk's schema, then every salvaged row that fits it.
  const nextPath = join(backupDir, 'kiosk.db.new');
  rmSync(nextPath, { force: true });
  const next = new Database(nextPath);
  next.pragma('journal_mode = DELETE');
  next.pragma('synchronous = FULL');
  options.schema(next);
  const rows: Record<string, number> = {};
  const tablesOf = (db: Db): string[] =>
    (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as {
        name: string;
      }[]
    ).map((r) => r.name);
  const columnsOf = (db: Db, table: string): string[] =>
    (db.pragma(`table_info("${table.replace(/"/g, '""')}")`) as { name: string }[]).map((c) => c.name);
  const salvagedTables = new Set(tablesOf(salvaged));
  next.exec(`ATTACH DATABASE '${salvagePath.replace(/'/g, "''")}' AS salvage`);
  next.transaction(() => {
    for (const table of tablesOf(next)) {
      if (SKIP_TABLES.has(table) || !salvagedTables.has(table)) continue;
      const have = new Set(columnsOf(salvaged, table));
      const cols = columnsOf(next, table).filter((c) => have.has(c));
      if (cols.length === 0) continue;
      const list = cols.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
      const q = `"${table.replace(/"/g, '""')}"`;
      rows[table] = next
        .prepare(`INSERT OR IGNORE INTO main.${q} (${list}) SELECT ${list} FROM salvage.${q}`)
        .run().changes;
    }
  })();
  next.exec('DETACH DATABASE salvage');

  // The highest numbers known: never issue one of them again.
  const known = new Map<string, KnownNumber>();
  const learn = (k: KnownNumber): void => {
    if (!Number.isInteger(k.seq) || k.seq <= 0) return;
    const key = `${k.groupId}\u0000${k.serviceDay}`;
    const had = known.get(key);
    if (!had || k.seq > had.seq)
      known.set(key, { ...k, issuedAt: Math.max(k.issuedAt ?? 0, had?.issuedAt ?? 0) || null });
    else if ((k.issuedAt ?? 0) > (had.issuedAt ?? 0)) had.issuedAt = k.issuedAt;
  };
  if (salvagedTables.has('ticket_floors'))
    for (const r of salvaged
      .prepare('SELECT group_id, service_day, seq, issued_at FROM ticket_floors')
      .all() as { group_id: string; service_day: string; seq: number; issued_at: number | null }[])
      learn({
        groupId: r.group_id,
        serviceDay: r.service_day,
        seq: r.seq,
        issuedAt: r.issued_at,
        source: 'salvage',
      });
  if (salvagedTables.has('outbox'))
    for (const r of salvaged
      .prepare("SELECT payload FROM outbox WHERE topic = 'events/ticket-issued'")
      .all() as {
      payload: string;
    }[])
      learnRecord(r.payload, 'outbox', learn);
  for (const f of ['kiosk.db', 'kiosk.db-wal']) {
    if (!existsSync(join(original, f))) continue;
    const text = readFileSync(join(original, f)).toString('latin1');
    for (const m of text.matchAll(TICKET_RECORD)) learnRecord(m[0] + '}', 'raw-scan', learn);
  }
  for (const spec of options.atLeast ?? []) learn(parseAtLeast(spec, options, now));
  for (const k of options.known ?? []) learn(k);
  const store = new TicketStore(next);
  const floors: KnownNumber[] = [];
  next.transaction(() => {
    for (const k of known.values()) {
      const { max } = next
        .prepare('SELECT COALESCE(MAX(seq), 0) AS max FROM tickets WHERE group_id = ? AND service_day = ?')
        .get(k.groupId, k.serviceDay) as { max: number };
      if (k.seq <= max) continue;
      store.raiseFloor(k.groupId, k.serviceDay, k.seq, k.issuedAt, k.source);
      floors.push(k);
    }
  })();
  salvaged.close();
  const check = next.pragma('integrity_check', { simple: true });
  next.close();
  if (check !== 'ok')
    throw new Error(`the new database fails integrity_check (${String(check)}); nothing replaced`);
  fsyncPath(nextPath);

  // Swap: the old WAL must go first (SQLite would replay it into the new file); the originals are kept.
  for (const f of ['kiosk.db-wal', 'kiosk.db-shm'])
    if (existsSync(join(dataDir, f))) unlinkSync(join(dataDir, f));
  renameSync(nextPath, file);
  fsyncPath(dataDir);
  rmSync(work, { recursive: true, force: true });
  unlinkSync(pending);
  fsyncPath(dirname(pending));
  floors.sort((a, b) => (a.serviceDay + a.groupId).localeCompare(b.serviceDay + b.groupId));
  return { backupDir, resumed, method, rows, ...(salvageError ? { salvageError } : {}), floors };
}

/**
 * Copies every row SQLite can still read from `from` into a new database `to` (same tables):
 * each table is read in rowid order until damage stops the scan, then from the other end.
 * Returns the first error met, if any.
 */
function readableRows(from: string, to: string): string | undefined {
  let first: string | undefined;
  const note = (err: unknown): void => {
    first ??= err instanceof Error ? err.message : String(err);
  };
  const out = new Database(to);
  let src: Db;
  try {
    src = new Database(from);
  } catch (err) {
    note(err);
    out.close();
    return first;
  }
  try {
    let tables: { name: string; sql: string }[] = [];
    try {
      tables = src
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL",
        )
        .all() as { name: string; sql: string }[];
    } catch (err) {
      note(err);
    }
    for (const t of tables) {
      const q = `"${t.name.replace(/"/g, '""')}"`;
      try {
        out.exec(t.sql);
      } catch (err) {
        note(err);
        continue;
      }
      let insert: Database.Statement | undefined;
      const put = (row: Record<string, unknown>): void => {
        const cols = Object.keys(row);
        insert ??= out.prepare(
          `INSERT OR IGNORE INTO ${q} (${cols.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        );
        insert.run(...cols.map((c) => row[c]));
      };
      for (const order of ['ASC', 'DESC']) {
        try {
          for (const row of src.prepare(`SELECT * FROM ${q} ORDER BY rowid ${order}`).iterate())
            put(row as Record<string, unknown>);
        } catch (err) {
          note(err);
        }
      }
    }
  } finally {
    src.close();
    out.close();
  }
  return first;
}

/**
 * A ticket's fleet record as the queue writes it (domain/queue/queue-service.ts): found in the
 * bytes of pages and WAL frames even where SQLite can no longer read them.
 */
const TICKET_RECORD =
  /\{"number":"[^"\\]{1,24}","group":"[^"\\]{1,64}","serviceDay":"\d{4}-\d{2}-\d{2}"(?:,"peopleAhead":\d{1,6})?(?:,"issuedAt":"[0-9T:.Z-]{10,30}")?/g;

function learnRecord(json: string, source: KnownNumber['source'], learn: (k: KnownNumber) => void): void {
  let p: { number?: unknown; group?: unknown; serviceDay?: unknown; issuedAt?: unknown };
  try {
    p = JSON.parse(json) as typeof p;
  } catch {
    return;
  }
  const seq = Number(/(\d+)$/.exec(String(p.number))?.[1]);
  if (typeof p.group !== 'string' || typeof p.serviceDay !== 'string') return;
  const at = typeof p.issuedAt === 'string' ? Date.parse(p.issuedAt) : NaN;
  learn({
    groupId: p.group,
    serviceDay: p.serviceDay,
    seq,
    issuedAt: Number.isFinite(at) ? at : null,
    source,
  });
}

/** `A-030` (today) or `A-030@2026-12-02`: a number the technician knows was issued. */
export function parseAtLeast(
  spec: string,
  options: Pick<RecoveryOptions, 'groups' | 'serviceDayOf'>,
  now: number,
): KnownNumber {
  const m = /^([A-Za-z]{1,3})-?(\d{1,6})(?:@(\d{4}-\d{2}-\d{2}))?$/.exec(spec.trim());
  if (!m) throw new TypeError(`--at-least: "${spec}" is not a ticket number like A-030 or A-030@2026-12-02`);
  const prefix = (m[1] as string).toUpperCase();
  const group = options.groups.find((g) => g.prefix.toUpperCase() === prefix);
  if (!group)
    throw new TypeError(
      `--at-least: no service group has prefix ${prefix} (configured: ${options.groups.map((g) => g.prefix).join(', ')})`,
    );
  return {
    groupId: group.id,
    serviceDay: m[3] ?? options.serviceDayOf(now),
    seq: Number(m[2]),
    issuedAt: null,
    source: 'technician',
  };
}
