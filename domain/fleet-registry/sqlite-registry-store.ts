import { migrate, type Db } from '../../runtime/storage/database.js';
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
  REGISTRY_MIGRATIONS,
  SQLITE,
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
    VALUES (@device, @state, @ts, @receivedAt, @app, @catalog, @channel, @groups, @problems, @status, @search)
    ON CONFLICT (device) DO UPDATE SET state = excluded.state, ts = excluded.ts,
      received_at = excluded.received_at, app_version = excluded.app_version,
      catalog_version = excluded.catalog_version, channel = COALESCE(excluded.channel, registry_devices.channel),
      groups = CASE WHEN excluded.groups = '[]' THEN registry_devices.groups ELSE excluded.groups END,
      search = CASE WHEN excluded.groups = '[]' THEN registry_devices.search ELSE excluded.search END,
      problems = excluded.problems, status = excluded.status
    WHERE @live = 1 OR excluded.ts > registry_devices.ts`;

/**
 * A device's last status as `kiosk fleet devices --json` prints it (statusesJson), made by SQLite
 * from the stored JSON: the status with the registry's columns over it (device, state, ts,
 * catalogVersion, groups and problems; appVersion only when it is text, channel when known), then
 * the last telemetry's health when there is one and receivedAt. Two steps, so the status is not
 * written out twice in the statement: SQLITE_STATUS_BASE in a subquery as `j`, then
 * SQLITE_STATUS_ITEM over it. (JSON.parse, the spread and JSON.stringify of 10,000 devices cost
 * the CLI ~0.25 s of CPU; here ~0.06 s, and the CLI copies the bytes.)
 */
const SQLITE_STATUS_BASE = `json_patch(
    json_set(CASE WHEN app_version IS NULL THEN json_remove(status, '$.appVersion') ELSE status END,
      '$.device', device, '$.state', state, '$.ts', ts, '$.catalogVersion', catalog_version),
    CASE WHEN channel IS NULL THEN '{}' ELSE json_object('channel', channel) END)`;
/** problems (`paper,clock`, fixed names) as a JSON array. */
const SQLITE_PROBLEMS = `CASE WHEN problems = '' THEN '[]' ELSE '["' || replace(problems, ',', '","') || '"]' END`;
const SQLITE_STATUS_ITEM = `json_set(
    CASE WHEN health IS NULL THEN json_set(j, '$.groups', json(groups), '$.problems', json(${SQLITE_PROBLEMS}))
      ELSE json_set(j, '$.groups', json(groups), '$.problems', json(${SQLITE_PROBLEMS}), '$.health', json(health)) END,
    '$.receivedAt', strftime('%Y-%m-%dT%H:%M:%fZ', received_at / 1000.0, 'unixepoch'))`;

/** The registry in one SQLite file (WAL): a centre's or a province's fleet. */
export class SqliteRegistryStore implements RegistryStore {
  readonly kind = 'sqlite';

  constructor(private readonly db: Db) {}

  init(): Promise<void> {
    migrate(
      this.db,
      'fleet-registry',
      REGISTRY_MIGRATIONS.map((m) => m(SQLITE)),
    );
    // rows stored before the search column: fold their id, name and groups once
    const old = this.db
      .prepare("SELECT device, status, groups FROM registry_devices WHERE search = ''")
      .all() as { device: string; status: string; groups: string }[];
    const fill = this.db.prepare('UPDATE registry_devices SET search = ? WHERE device = ?');
    this.db.transaction(() => {
      for (const r of old)
        fill.run(
          searchText(
            r.device,
            (JSON.parse(r.status) as { name?: unknown }).name,
            JSON.parse(r.groups) as string[],
          ),
          r.device,
        );
    })();
    return Promise.resolve();
  }

  /** The write path's statements and transaction, prepared once (a profile of the ingest showed
   * preparing them per message costing as much as the commit itself). */
  private writer: ((batch: RegistryBatch) => number) | undefined;

  private makeWriter(): (batch: RegistryBatch) => number {
    const upsert = this.db.prepare(UPSERT_STATUS);
    const record = this.db.prepare(
      'INSERT INTO registry_records (id, device, type, kind, ts, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    );
    const health = this.db.prepare('UPDATE registry_devices SET health = ? WHERE device = ?');
    const tx = this.db.transaction((batch: RegistryBatch) => {
      for (const s of batch.statuses) upsert.run(statusColumns(s));
      let fresh = 0;
      for (const { input, receivedAt } of batch.envelopes) {
        if (input.kind === 'telemetry') {
          health.run(JSON.stringify(input.data), input.device);
          continue;
        }
        fresh += record.run(
          input.id,
          input.device,
          input.type,
          input.kind,
          input.ts,
          JSON.stringify(input.data),
          receivedAt,
        ).changes;
      }
      return fresh;
    });
    return (batch) => tx.immediate(batch);
  }

  write(batch: RegistryBatch): Promise<number> {
    this.writer ??= this.makeWriter();
    return Promise.resolve(this.writer(batch));
  }

  devices(q: DeviceQuery = {}): Promise<{ devices: RegistryDevice[]; total: number }> {
    const { rows, total } = this.deviceRows(q);
    return Promise.resolve({ devices: rows.map(toDevice), total });
  }

  devicesJson(q: DeviceQuery = {}): Promise<string> {
    return Promise.resolve(pageJson(this.deviceRows(q)));
  }

  statusesJson(q: DeviceQuery = {}): Promise<{ items: string[]; total: number }> {
    const { clause, args } = this.filter(q);
    const total = this.count(clause, args);
    const items = this.db
      .prepare(
        `SELECT ${SQLITE_STATUS_ITEM} FROM (SELECT device, groups, problems, health, received_at, ${SQLITE_STATUS_BASE} AS j
           FROM registry_devices ${clause} ORDER BY device LIMIT @limit OFFSET @offset) ORDER BY device`,
      )
      .pluck()
      .all({ ...args, limit: q.limit ?? -1, offset: q.offset ?? 0 }) as string[];
    return Promise.resolve({ items, total });
  }

  private deviceRows(q: DeviceQuery): { rows: DeviceRow[]; total: number } {
    const { clause, args } = this.filter(q);
    const total = this.count(clause, args);
    const rows = this.db
      .prepare(`SELECT * FROM registry_devices ${clause} ORDER BY device LIMIT @limit OFFSET @offset`)
      .all({ ...args, limit: q.limit ?? -1, offset: q.offset ?? 0 }) as DeviceRow[];
    return { rows, total };
  }

  private count(clause: string, args: Record<string, unknown>): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM registry_devices ${clause}`).get(args) as { n: number }
    ).n;
  }

  /** The WHERE clause of a device query and its named arguments. */
  private filter(q: DeviceQuery): { clause: string; args: Record<string, unknown> } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (q.offline) where.push("state <> 'online'");
    if (q.online) where.push("state = 'online'");
    if (q.ids) {
      where.push('device IN (SELECT value FROM json_each(@ids))');
      args.ids = JSON.stringify(q.ids.slice(0, 1000));
    }
    if (q.channel) {
      where.push('channel = @channel');
      args.channel = q.channel;
    }
    if (q.group) {
      where.push('EXISTS (SELECT 1 FROM json_each(groups) WHERE value = @group)');
      args.group = q.group;
    }
    if (q.version) {
      where.push('(app_version = @version OR catalog_version = @version)');
      args.version = q.version;
    }
    if (q.problem === 'any') where.push("problems <> ''");
    else if (q.problem) {
      where.push("(',' || problems || ',') LIKE @problem");
      args.problem = `%,${q.problem},%`;
    }
    if (q.search) {
      where.push("search LIKE @search ESCAPE '\\'");
      args.search = searchPattern(q.search);
    }
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
  }

  counts(): Promise<DeviceCounts> {
    const states = this.db
      .prepare('SELECT state AS k, COUNT(*) AS n FROM registry_devices GROUP BY state')
      .all() as { k: string; n: number }[];
    const problems = this.db.prepare(`SELECT ${PROBLEM_SUMS} FROM registry_devices`).get() as
      Record<string, unknown> | undefined;
    const provinces = this.db
      .prepare(
        `SELECT j.value AS k, COUNT(*) AS n FROM registry_devices d, json_each(d.groups) j
          WHERE instr(j.value, '.') = 0 GROUP BY j.value`,
      )
      .all() as { k: string; n: number }[];
    return Promise.resolve({
      states: Object.fromEntries(states.map((r) => [r.k, r.n])),
      problems: toProblemCounts(problems),
      provinces: Object.fromEntries(provinces.map((r) => [r.k, r.n])),
    });
  }

  putScreenshot(s: Screenshot): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO registry_screenshots (device, png, taken_at, stored_by) VALUES (@device, @png, @takenAt, @storedBy)
         ON CONFLICT (device) DO UPDATE SET png = excluded.png, taken_at = excluded.taken_at, stored_by = excluded.stored_by`,
      )
      .run(s);
    return Promise.resolve();
  }

  screenshot(device: string): Promise<Screenshot | undefined> {
    const r = this.db
      .prepare('SELECT device, png, taken_at, stored_by FROM registry_screenshots WHERE device = ?')
      .get(device) as { device: string; png: Buffer; taken_at: number; stored_by: string } | undefined;
    return Promise.resolve(r && { device: r.device, png: r.png, takenAt: r.taken_at, storedBy: r.stored_by });
  }

  device(id: string): Promise<RegistryDevice | undefined> {
    const row = this.db.prepare('SELECT * FROM registry_devices WHERE device = ?').get(id) as
      DeviceRow | undefined;
    return Promise.resolve(row && toDevice(row));
  }

  summary(): Promise<{ devices: Record<string, number>; records: Record<string, number> }> {
    const count = (sql: string) =>
      Object.fromEntries((this.db.prepare(sql).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
    return Promise.resolve({
      devices: count('SELECT state AS k, COUNT(*) AS n FROM registry_devices GROUP BY state'),
      records: count('SELECT type AS k, COUNT(*) AS n FROM registry_records GROUP BY type'),
    });
  }

  ratings(): Promise<RatingRow[]> {
    return Promise.resolve(
      this.db
        .prepare(
          `SELECT COALESCE((SELECT value FROM json_each(d.groups) WHERE value LIKE '%.%' LIMIT 1),
                           (SELECT value FROM json_each(d.groups) LIMIT 1), '-') AS "group",
                  json_extract(r.data, '$.counter') AS counter, COUNT(*) AS count,
                  ROUND(AVG(json_extract(r.data, '$.score')), 2) AS mean
             FROM registry_records r LEFT JOIN registry_devices d ON d.device = r.device
            WHERE r.type = 'rating' AND typeof(json_extract(r.data, '$.score')) = 'integer'
            GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all() as RatingRow[],
    );
  }

  addUser(name: string, password: string, now = Date.now()): Promise<void> {
    const { salt, hash } = hashPassword(name, password);
    this.db
      .prepare(
        'INSERT INTO registry_users (name, salt, hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET salt = excluded.salt, hash = excluded.hash',
      )
      .run(name, salt, hash, now);
    return Promise.resolve();
  }

  checkPassword(name: string, password: string): Promise<boolean> {
    const row = this.db.prepare('SELECT salt, hash FROM registry_users WHERE name = ?').get(name) as
      { salt: string; hash: string } | undefined;
    return Promise.resolve(passwordMatches(row, password));
  }

  userCount(): Promise<number> {
    return Promise.resolve(
      (this.db.prepare('SELECT COUNT(*) AS n FROM registry_users').get() as { n: number }).n,
    );
  }

  ticketRecords(device: string, serviceDay: string): Promise<Record<string, unknown>[]> {
    const rows = this.db
      .prepare(
        `SELECT data FROM registry_records
          WHERE type = 'ticket-issued' AND device = @device
            AND json_extract(data, '$.serviceDay') IN (@day,
              (SELECT MAX(json_extract(data, '$.serviceDay')) FROM registry_records
                WHERE type = 'ticket-issued' AND device = @device))`,
      )
      .all({ device, day: serviceDay }) as { data: string }[];
    return Promise.resolve(rows.map((r) => parseData(r.data)));
  }

  records(device: string, limit: number): Promise<RecordRow[]> {
    const rows = this.db
      .prepare(
        'SELECT id, type, kind, ts, data, received_at FROM registry_records WHERE device = ? ORDER BY received_at DESC LIMIT ?',
      )
      .all(device, limit) as {
      id: string;
      type: string;
      kind: string;
      ts: string;
      data: string;
      received_at: number;
    }[];
    return Promise.resolve(
      rows.map((r) => ({
        id: r.id,
        type: r.type,
        kind: r.kind,
        ts: r.ts,
        data: parseData(r.data),
        receivedAt: r.received_at,
      })),
    );
  }

  channelDevices(channel: string): Promise<ChannelDevice[]> {
    const rows = this.db
      .prepare('SELECT device, state, groups, catalog_version FROM registry_devices WHERE channel = ?')
      .all(channel) as { device: string; state: string; groups: string; catalog_version: string | null }[];
    return Promise.resolve(
      rows.map((r) => ({
        device: r.device,
        state: r.state,
        groups: JSON.parse(r.groups) as string[],
        catalogVersion: r.catalog_version,
      })),
    );
  }

  catalogEvents(since: number): Promise<CatalogEventRow[]> {
    const rows = this.db
      .prepare(
        `SELECT device, type, data, received_at FROM registry_records
          WHERE type IN (${CATALOG_EVENT_TYPES.map(() => '?').join(', ')}) AND received_at >= ?
          ORDER BY received_at`,
      )
      .all(...CATALOG_EVENT_TYPES, since) as {
      device: string;
      type: string;
      data: string;
      received_at: number;
    }[];
    return Promise.resolve(
      rows.map((r) => ({
        device: r.device,
        type: r.type,
        data: parseData(r.data),
        receivedAt: r.received_at,
      })),
    );
  }

  addRollout(r: RolloutRow): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO registry_rollouts (id, created_at, created_by, channel, version, plan, state, wave,
           published_wave, wave_started_at, reason, updated_at)
         VALUES (@id, @createdAt, @createdBy, @channel, @version, @plan, @state, @wave, @publishedWave,
           @waveStartedAt, @reason, @updatedAt)`,
      )
      .run(r);
    return Promise.resolve();
  }

  rollouts(): Promise<RolloutRow[]> {
    const rows = this.db
      .prepare('SELECT * FROM registry_rollouts ORDER BY created_at DESC')
      .all() as RolloutDbRow[];
    return Promise.resolve(rows.map(toRollout));
  }

  rollout(id: string): Promise<RolloutRow | undefined> {
    const row = this.db.prepare('SELECT * FROM registry_rollouts WHERE id = ?').get(id) as
      RolloutDbRow | undefined;
    return Promise.resolve(row && toRollout(row));
  }

  updateRollout(
    id: string,
    from: { state: RolloutState; wave: number },
    to: Parameters<RegistryStore['updateRollout']>[2],
    now = Date.now(),
  ): Promise<boolean> {
    const sets = Object.keys(to).map((k) => `${ROLLOUT_COLUMNS[k as keyof typeof ROLLOUT_COLUMNS]} = @${k}`);
    const changes = this.db
      .prepare(
        `UPDATE registry_rollouts SET ${[...sets, 'updated_at = @now'].join(', ')}
          WHERE id = @id AND state = @fromState AND wave = @fromWave`,
      )
      .run({ ...to, now, id, fromState: from.state, fromWave: from.wave }).changes;
    return Promise.resolve(changes === 1);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
