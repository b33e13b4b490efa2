import type pg from 'pg';
import { lazyRequire } from '../../runtime/lazy-require.js';
import {
  hashPassword,
  passwordMatches,
  PROBLEM_SUMS,
  searchPattern,
  searchText,
  toProblemCounts,
  type DeviceCounts,
  pageJson,
  type Screenshot,
  POSTGRES,
  REGISTRY_MIGRATIONS,
  statusColumns,
  toDevice,
  CATALOG_EVENT_TYPES,
  parseData,
  ROLLOUT_COLUMNS,
  toRollout,
  type CatalogEventRow,
  type ChannelDevice,
  type RecordRow,
  type RolloutDbRow,
  type RolloutRow,
  type RolloutState,
  type DeviceQuery,
  type DeviceRow,
  type RatingRow,
  type RegistryBatch,
  type RegistryDevice,
  type RegistryStore,
} from './registry-store.js';

const UPSERT_STATUS = `INSERT INTO registry_devices
    (device, state, ts, received_at, app_version, catalog_version, channel, groups, problems, status, search)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $12)
    ON CONFLICT (device) DO UPDATE SET state = excluded.state, ts = excluded.ts,
      received_at = excluded.received_at, app_version = excluded.app_version,
      catalog_version = excluded.catalog_version, channel = COALESCE(excluded.channel, registry_devices.channel),
      groups = CASE WHEN excluded.groups = '[]' THEN registry_devices.groups ELSE excluded.groups END,
      search = CASE WHEN excluded.groups = '[]' THEN registry_devices.search ELSE excluded.search END,
      problems = excluded.problems, status = excluded.status
    WHERE $11::int = 1 OR excluded.ts > registry_devices.ts`;

/** The driver, loaded when a PostgreSQL registry opens (not by every `kiosk fleet` command). */
/**
 * A device's last status as `kiosk fleet devices --json` prints it (statusesJson; the SQLite
 * store's SQLITE_STATUS_BASE and SQLITE_STATUS_ITEM say the same): the status with the
 * registry's columns over it, the last telemetry's health, receivedAt (jsonb: keys in its order).
 */
const POSTGRES_STATUS_ITEM = `(CASE WHEN app_version IS NULL THEN status::jsonb - 'appVersion' ELSE status::jsonb END)
  || jsonb_build_object('device', device, 'state', state, 'ts', ts, 'catalogVersion', catalog_version)
  || CASE WHEN channel IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('channel', channel) END
  || jsonb_build_object('groups', groups::jsonb,
       'problems', COALESCE(to_jsonb(string_to_array(NULLIF(problems, ''), ',')), '[]'::jsonb))
  || CASE WHEN health IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('health', health::jsonb) END
  || jsonb_build_object('receivedAt',
       to_char(to_timestamp(received_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

const driver = lazyRequire<typeof import('pg')>('pg');

/** Key of the advisory lock instances hold while migrating (several registries may share a database). */
const MIGRATION_LOCK = 0x6b696f736b; // "kiosk"

/**
 * The registry in PostgreSQL, for a nation's fleet and for several registry instances (one MQTT
 * shared-subscription group) writing one database. Same schema as SQLite; each batch is one
 * transaction committed (synchronous_commit as the server sets it) before the broker is acked.
 */
export class PostgresRegistryStore implements RegistryStore {
  readonly kind = 'postgres';

  constructor(private readonly pool: pg.Pool) {}

  /** A pool for `url` (postgres://user@host:port/db); BIGINT and COUNT come back as numbers. */
  static open(url: string): PostgresRegistryStore {
    const types = {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 || oid === 1700
          ? (v: string) => Number(v)
          : driver().types.getTypeParser(oid, format as 'text'),
    };
    const pool = new (driver().Pool)({ connectionString: url, max: 4, types: types as pg.CustomTypesConfig });
    // an idle client's error (server restarted) must not kill the registry; the next query reconnects
    pool.on('error', () => undefined);
    return new PostgresRegistryStore(pool);
  }

  async init(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        module TEXT NOT NULL, version INTEGER NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (module, version))`);
      const { rows } = await c.query<{ v: number }>(
        "SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations WHERE module = 'fleet-registry'",
      );
      for (let version = (rows[0]?.v ?? 0) + 1; version <= REGISTRY_MIGRATIONS.length; version++) {
        await c.query('BEGIN');
        try {
          await c.query((REGISTRY_MIGRATIONS[version - 1] as (typeof REGISTRY_MIGRATIONS)[number])(POSTGRES));
          await c.query("INSERT INTO schema_migrations (module, version) VALUES ('fleet-registry', $1)", [
            version,
          ]);
          await c.query('COMMIT');
        } catch (err) {
          await c.query('ROLLBACK');
          throw err;
        }
      }
      // rows stored before the search column: fold their id, name and groups once
      const old = await c.query<{ device: string; status: string; groups: string }>(
        "SELECT device, status, groups FROM registry_devices WHERE search = ''",
      );
      for (const r of old.rows)
        await c.query('UPDATE registry_devices SET search = $1 WHERE device = $2', [
          searchText(
            r.device,
            (JSON.parse(r.status) as { name?: unknown }).name,
            JSON.parse(r.groups) as string[],
          ),
          r.device,
        ]);
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      c.release();
    }
  }

  async write(batch: RegistryBatch): Promise<number> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      for (const s of batch.statuses) {
        const v = statusColumns(s);
        await c.query(UPSERT_STATUS, [
          v.device,
          v.state,
          v.ts,
          v.receivedAt,
          v.app,
          v.catalog,
          v.channel,
          v.groups,
          v.problems,
          v.status,
          v.live,
          v.search,
        ]);
      }
      let fresh = 0;
      for (const { input, receivedAt } of batch.envelopes) {
        if (input.kind === 'telemetry') {
          await c.query('UPDATE registry_devices SET health = $1 WHERE device = $2', [
            JSON.stringify(input.data),
            input.device,
          ]);
          continue;
        }
        const r = await c.query(
          'INSERT INTO registry_records (id, device, type, kind, ts, data, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING',
          [input.id, input.device, input.type, input.kind, input.ts, JSON.stringify(input.data), receivedAt],
        );
        fresh += r.rowCount ?? 0;
      }
      await c.query('COMMIT');
      return fresh;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async devices(q: DeviceQuery = {}): Promise<{ devices: RegistryDevice[]; total: number }> {
    const { rows, total } = await this.deviceRows(q);
    return { devices: rows.map(toDevice), total };
  }

  async devicesJson(q: DeviceQuery = {}): Promise<string> {
    return pageJson(await this.deviceRows(q));
  }

  async statusesJson(q: DeviceQuery = {}): Promise<{ items: string[]; total: number }> {
    const { clause, args } = this.filter(q);
    const page = [...args];
    const [total, rows] = await Promise.all([
      this.count(clause, args),
      this.pool.query<{ j: string }>(
        `SELECT (${POSTGRES_STATUS_ITEM})::text AS j FROM registry_devices ${clause}
          ORDER BY device COLLATE "C" LIMIT $${page.push(q.limit ?? null)} OFFSET $${page.push(q.offset ?? 0)}`,
        page,
      ),
    ]);
    return { items: rows.rows.map((r) => r.j), total };
  }

  private async deviceRows(q: DeviceQuery): Promise<{ rows: DeviceRow[]; total: number }> {
    const { clause, args } = this.filter(q);
    const total = await this.count(clause, args);
    const page = [...args];
    const rows = (
      await this.pool.query<DeviceRow>(
        `SELECT * FROM registry_devices ${clause} ORDER BY device COLLATE "C" LIMIT $${page.push(q.limit ?? null)} OFFSET $${page.push(q.offset ?? 0)}`,
        page,
      )
    ).rows;
    return { rows, total };
  }

  private async count(clause: string, args: unknown[]): Promise<number> {
    const r = await this.pool.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM registry_devices ${clause}`,
      args,
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  /** The WHERE clause of a device query and its positional arguments. */
  private filter(q: DeviceQuery): { clause: string; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    if (q.offline) where.push("state <> 'online'");
    if (q.online) where.push("state = 'online'");
    if (q.ids) where.push(`device = ANY(${arg(q.ids.slice(0, 1000))})`);
    if (q.channel) where.push(`channel = ${arg(q.channel)}`);
    if (q.group) where.push(`groups::jsonb ? ${arg(q.group)}`);
    if (q.version) {
      const v = arg(q.version);
      where.push(`(app_version = ${v} OR catalog_version = ${v})`);
    }
    if (q.problem === 'any') where.push("problems <> ''");
    else if (q.problem) where.push(`(',' || problems || ',') LIKE ${arg(`%,${q.problem},%`)}`);
    if (q.search) where.push(`search LIKE ${arg(searchPattern(q.search))} ESCAPE '\\'`);
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
  }

  async counts(): Promise<DeviceCounts> {
    const [states, problems, provinces] = await Promise.all([
      this.pool.query<{ k: string; n: number }>(
        'SELECT state AS k, COUNT(*) AS n FROM registry_devices GROUP BY state',
      ),
      this.pool.query<Record<string, unknown>>(`SELECT ${PROBLEM_SUMS} FROM registry_devices`),
      this.pool.query<{ k: string; n: number }>(
        `SELECT g AS k, COUNT(*) AS n FROM registry_devices, jsonb_array_elements_text(groups::jsonb) g
          WHERE strpos(g, '.') = 0 GROUP BY g`,
      ),
    ]);
    return {
      states: Object.fromEntries(states.rows.map((r) => [r.k, r.n])),
      problems: toProblemCounts(problems.rows[0]),
      provinces: Object.fromEntries(provinces.rows.map((r) => [r.k, r.n])),
    };
  }

  async putScreenshot(s: Screenshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO registry_screenshots (device, png, taken_at, stored_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (device) DO UPDATE SET png = excluded.png, taken_at = excluded.taken_at, stored_by = excluded.stored_by`,
      [s.device, s.png, s.takenAt, s.storedBy],
    );
  }

  async screenshot(device: string): Promise<Screenshot | undefined> {
    const r = (
      await this.pool.query<{ device: string; png: Buffer; taken_at: number; stored_by: string }>(
        'SELECT device, png, taken_at, stored_by FROM registry_screenshots WHERE device = $1',
        [device],
      )
    ).rows[0];
    return r && { device: r.device, png: r.png, takenAt: r.taken_at, storedBy: r.stored_by };
  }

  async device(id: string): Promise<RegistryDevice | undefined> {
    const row = (await this.pool.query<DeviceRow>('SELECT * FROM registry_devices WHERE device = $1', [id]))
      .rows[0];
    return row && toDevice(row);
  }

  async summary(): Promise<{ devices: Record<string, number>; records: Record<string, number> }> {
    const count = async (sql: string) =>
      Object.fromEntries((await this.pool.query<{ k: string; n: number }>(sql)).rows.map((r) => [r.k, r.n]));
    return {
      devices: await count('SELECT state AS k, COUNT(*) AS n FROM registry_devices GROUP BY state'),
      records: await count('SELECT type AS k, COUNT(*) AS n FROM registry_records GROUP BY type'),
    };
  }

  async ratings(): Promise<RatingRow[]> {
    const { rows } = await this.pool.query<RatingRow>(
      `SELECT * FROM (SELECT COALESCE((SELECT g FROM jsonb_array_elements_text(d.groups::jsonb) g WHERE g LIKE '%.%' LIMIT 1),
                       (SELECT g FROM jsonb_array_elements_text(d.groups::jsonb) g LIMIT 1), '-') AS "group",
              CASE WHEN jsonb_typeof(r.data::jsonb -> 'counter') = 'number'
                   THEN (r.data::jsonb ->> 'counter')::numeric END AS counter,
              COUNT(*) AS count,
              ROUND(AVG((r.data::jsonb ->> 'score')::numeric), 2) AS mean
         FROM registry_records r LEFT JOIN registry_devices d ON d.device = r.device
        WHERE r.type = 'rating' AND jsonb_typeof(r.data::jsonb -> 'score') = 'number'
          AND (r.data::jsonb ->> 'score') ~ '^-?[0-9]+$'
        GROUP BY 1, 2) t ORDER BY "group" COLLATE "C", counter`,
    );
    return rows;
  }

  async addUser(name: string, password: string, now = Date.now()): Promise<void> {
    const { salt, hash } = hashPassword(name, password);
    await this.pool.query(
      'INSERT INTO registry_users (name, salt, hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO UPDATE SET salt = excluded.salt, hash = excluded.hash',
      [name, salt, hash, now],
    );
  }

  async checkPassword(name: string, password: string): Promise<boolean> {
    const row = (
      await this.pool.query<{ salt: string; hash: string }>(
        'SELECT salt, hash FROM registry_users WHERE name = $1',
        [name],
      )
    ).rows[0];
    return passwordMatches(row, password);
  }

  async userCount(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM registry_users')).rows[0]?.n ?? 0;
  }

  async ticketRecords(device: string, serviceDay: string): Promise<Record<string, unknown>[]> {
    const { rows } = await this.pool.query<{ data: string }>(
      `SELECT data FROM registry_records
        WHERE type = 'ticket-issued' AND device = $1
          AND data::jsonb ->> 'serviceDay' IN ($2,
            (SELECT MAX(data::jsonb ->> 'serviceDay') FROM registry_records
              WHERE type = 'ticket-issued' AND device = $1))`,
      [device, serviceDay],
    );
    return rows.map((r) => parseData(r.data));
  }

  async records(device: string, limit: number): Promise<RecordRow[]> {
    const { rows } = await this.pool.query<{
      id: string;
      type: string;
      kind: string;
      ts: string;
      data: string;
      received_at: number;
    }>(
      'SELECT id, type, kind, ts, data, received_at FROM registry_records WHERE device = $1 ORDER BY received_at DESC LIMIT $2',
      [device, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      kind: r.kind,
      ts: r.ts,
      data: parseData(r.data),
      receivedAt: r.received_at,
    }));
  }

  async channelDevices(channel: string): Promise<ChannelDevice[]> {
    const { rows } = await this.pool.query<{
      device: string;
      state: string;
      groups: string;
      catalog_version: string | null;
    }>('SELECT device, state, groups, catalog_version FROM registry_devices WHERE channel = $1', [channel]);
    return rows.map((r) => ({
      device: r.device,
      state: r.state,
      groups: JSON.parse(r.groups) as string[],
      catalogVersion: r.catalog_version,
    }));
  }

  async catalogEvents(since: number): Promise<CatalogEventRow[]> {
    const { rows } = await this.pool.query<{
      device: string;
      type: string;
      data: string;
      received_at: number;
    }>(
      `SELECT device, type, data, received_at FROM registry_records
        WHERE type = ANY($1) AND received_at >= $2 ORDER BY received_at`,
      [CATALOG_EVENT_TYPES, since],
    );
    return rows.map((r) => ({
      device: r.device,
      type: r.type,
      data: parseData(r.data),
      receivedAt: r.received_at,
    }));
  }

  async addRollout(r: RolloutRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO registry_rollouts (id, created_at, created_by, channel, version, plan, state, wave,
         published_wave, wave_started_at, reason, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        r.id,
        r.createdAt,
        r.createdBy,
        r.channel,
        r.version,
        r.plan,
        r.state,
        r.wave,
        r.publishedWave,
        r.waveStartedAt,
        r.reason,
        r.updatedAt,
      ],
    );
  }

  async rollouts(): Promise<RolloutRow[]> {
    return (
      await this.pool.query<RolloutDbRow>('SELECT * FROM registry_rollouts ORDER BY created_at DESC')
    ).rows.map(toRollout);
  }

  async rollout(id: string): Promise<RolloutRow | undefined> {
    const row = (await this.pool.query<RolloutDbRow>('SELECT * FROM registry_rollouts WHERE id = $1', [id]))
      .rows[0];
    return row && toRollout(row);
  }

  async updateRollout(
    id: string,
    from: { state: RolloutState; wave: number },
    to: Parameters<RegistryStore['updateRollout']>[2],
    now = Date.now(),
  ): Promise<boolean> {
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const sets = Object.entries(to).map(
      ([k, v]) => `${ROLLOUT_COLUMNS[k as keyof typeof ROLLOUT_COLUMNS]} = ${arg(v)}`,
    );
    const r = await this.pool.query(
      `UPDATE registry_rollouts SET ${[...sets, `updated_at = ${arg(now)}`].join(', ')}
        WHERE id = ${arg(id)} AND state = ${arg(from.state)} AND wave = ${arg(from.wave)}`,
      args,
    );
    return r.rowCount === 1;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
