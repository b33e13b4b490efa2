import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Logger } from '../../runtime/logger.js';
import { migrate, preparedStatements, type Db, type Statement } from '../../runtime/storage/database.js';
import { errorMessage } from '../../runtime/errors.js';
import { freeBytes } from '../../runtime/storage/storage-health.js';
import type { Steps } from '../../runtime/steps.js';
import type { Procedure } from './procedure.js';

/**
 * The parts of a procedure read only when that one procedure is shown, spoken, printed or
 * answered about; lists, search and the assistant's understanding use the rest (code, name,
 * field, levels, agency, url).
 */
export const BODY_FIELDS = [
  'where',
  'steps',
  'methods',
  'documents',
  'conditions',
  'result',
  'legalBasis',
] as const;
type BodyField = (typeof BODY_FIELDS)[number];
type Body = Pick<Procedure, BodyField>;

const MIGRATIONS = [`CREATE TABLE procedure_bodies (key TEXT PRIMARY KEY, body TEXT NOT NULL);`];

/** A stowed procedure's row key (non-enumerable: JSON and spreads never see it). */
const KEY = Symbol('procedure body key');
/** Its store. */
const STORE = Symbol('procedure body store');
interface Stowed {
  [KEY]: string;
  [STORE]: ProcedureBodies;
  code: string;
}

/**
 * Room the texts leave free on the data disk: they are a copy of the catalog (the kiosk runs with
 * them in memory as well), so they never take the space citizen records need.
 */
const KEEP_FREE_BYTES = 64 * 1024 * 1024;
/** Procedures written to the store between two pauses. */
const SLICE = 64;

/** One shared accessor per field (no closure per procedure): reads the body from the store. */
const ACCESSORS: Record<BodyField, PropertyDescriptor> = Object.fromEntries(
  BODY_FIELDS.map((field) => [
    field,
    {
      enumerable: true,
      configurable: true,
      get(this: Stowed) {
        return this[STORE].body(this[KEY], this.code)[field];
      },
      // A write makes the field a plain value again, as before it was stowed.
      set(this: Stowed, value: unknown) {
        Object.defineProperty(this, field, { value, writable: true, enumerable: true, configurable: true });
      },
    },
  ]),
) as Record<BodyField, PropertyDescriptor>;

/**
 * Procedure bodies (steps, documents, fees, conditions, legal basis...) kept in SQLite instead
 * of the JS heap (#16: ~7 MiB of a commune catalog's 15 MiB of heap). A stowed procedure is the
 * same object with those fields as accessors: a read fetches the body by its content hash
 * (a few recently read are cached), so callers, JSON and the search index see no difference.
 * Rows are keyed by the body's sha256, so a fleet delta that keeps a procedure keeps its row.
 */
export class ProcedureBodies {
  private readonly cache = new Map<string, Body>();
  private sql: ((sql: string) => Statement) | undefined;
  /** Reads from the store (cache misses), for tests and benchmarks. */
  reads = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    /** Bodies kept parsed (the procedures last shown, read or answered about). */
    private readonly cacheSize = 32,
  ) {}

  /** The procedure's row key when it is stowed. */
  static keyOf(p: Procedure): string | undefined {
    return (p as unknown as Partial<Stowed>)[KEY];
  }

  /**
   * Writes the bodies of the procedures not stowed yet and turns their fields into accessors,
   * in slices. When the store cannot take them (disk full, read-only), the procedures keep their
   * bodies in memory and the kiosk runs as before: nothing is lost. Returns how many were stowed.
   */
  *stow(procedures: readonly Procedure[]): Steps<number> {
    const fresh = procedures.filter((p) => ProcedureBodies.keyOf(p) === undefined);
    if (fresh.length === 0) return 0;
    const rows: { p: Procedure; key: string; body: string }[] = [];
    for (let i = 0; i < fresh.length; i++) {
      const p = fresh[i] as Procedure;
      const body = JSON.stringify(Object.fromEntries(BODY_FIELDS.map((f) => [f, p[f]])));
      rows.push({ p, key: createHash('sha256').update(body).digest('base64url'), body });
      if (i % SLICE === SLICE - 1) yield;
    }
    try {
      const sql = this.statements();
      const insert = sql('INSERT OR IGNORE INTO procedure_bodies (key, body) VALUES (?, ?)');
      // A start after the first finds its rows there: no body text crosses into SQLite again.
      const have = new Set(sql('SELECT key FROM procedure_bodies').pluck().all() as string[]);
      const missing = rows.filter((r) => !have.has(r.key));
      // what the rows take, twice (the write-ahead log holds them until a checkpoint)
      const need = 2 * missing.reduce((n, r) => n + Buffer.byteLength(r.body), 0);
      const free = this.db.memory ? undefined : freeBytes(dirname(this.db.name));
      if (missing.length > 0 && free !== undefined && free - need < KEEP_FREE_BYTES) {
        this.log.warn(
          `procedure texts kept in memory: storing them (${Math.round(need / 1048576)} MiB) would leave ` +
            `${Math.max(0, Math.round((free - need) / 1048576))} MiB free on the data disk, under the ` +
            `${KEEP_FREE_BYTES / 1048576} MiB kept for citizen records; free space in ${dirname(this.db.name)}`,
        );
        return 0;
      }
      for (let i = 0; i < missing.length; i += SLICE) {
        const slice = missing.slice(i, i + SLICE);
        this.db.transaction(() => {
          for (const r of slice) insert.run(r.key, r.body);
        })();
        yield;
      }
    } catch (err) {
      this.log.warn(
        { err },
        `procedure texts kept in memory: the database cannot store them (${errorMessage(err)})`,
      );
      return 0;
    }
    // The page cache the writes filled is given back (bodies are read one at a time from now on).
    this.db.pragma('shrink_memory');
    for (const { p, key } of rows) {
      Object.defineProperty(p, KEY, { value: key });
      Object.defineProperty(p, STORE, { value: this });
      for (const field of BODY_FIELDS) Object.defineProperty(p, field, ACCESSORS[field]);
    }
    return rows.length;
  }

  /** Removes the rows no procedure of these lists uses (the catalog in use, and the one before it). */
  keepOnly(lists: readonly (readonly Procedure[])[]): number {
    const keys = new Set<string>();
    for (const list of lists)
      for (const p of list) {
        const key = ProcedureBodies.keyOf(p);
        if (key) keys.add(key);
      }
    try {
      return this.statements()(
        'DELETE FROM procedure_bodies WHERE key NOT IN (SELECT value FROM json_each(?))',
      ).run(JSON.stringify([...keys])).changes;
    } catch (err) {
      this.log.warn({ err }, `old procedure texts not removed: ${errorMessage(err)}`);
      return 0;
    }
  }

  /** The body stored under `key` (for procedure `code`, named when it is missing). */
  body(key: string, code: string): Body {
    const cached = this.cache.get(key);
    if (cached) {
      // most recently used last
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const row = this.statements()('SELECT body FROM procedure_bodies WHERE key = ?').get(key) as
      { body: string } | undefined;
    if (!row)
      throw new Error(
        `procedure ${code}: its text is missing from the database (procedure_bodies); restart the kiosk to store the catalog again`,
      );
    this.reads++;
    const body = JSON.parse(row.body) as Body;
    this.cache.set(key, body);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return body;
  }

  private statements(): (sql: string) => Statement {
    if (!this.sql) {
      migrate(this.db, 'procedure-bodies', MIGRATIONS);
      this.sql = preparedStatements(this.db);
    }
    return this.sql;
  }
}
