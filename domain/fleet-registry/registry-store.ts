import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { migrate, type Db } from '../../runtime/storage/database.js';
import { deviceProblems, type DeviceProblem } from '../fleet/device-problems.js';
import type { DeviceStatusInput, EnvelopeInput } from './registry-input.js';

const MIGRATIONS = [
  `CREATE TABLE registry_devices (
     device TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     ts TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     app_version TEXT,
     catalog_version TEXT,
     channel TEXT,
     groups TEXT NOT NULL DEFAULT '[]',
     problems TEXT NOT NULL DEFAULT '',
     status TEXT NOT NULL,
     health TEXT
   );
   CREATE INDEX registry_devices_state ON registry_devices (state);
   CREATE TABLE registry_records (
     id TEXT PRIMARY KEY,
     device TEXT NOT NULL,
     type TEXT NOT NULL,
     kind TEXT NOT NULL,
     ts TEXT NOT NULL,
     data TEXT NOT NULL,
     received_at INTEGER NOT NULL
   );
   CREATE INDEX registry_records_type ON registry_records (type, device);
   CREATE TABLE registry_users (
     name TEXT PRIMARY KEY,
     salt TEXT NOT NULL,
     hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );`,
];

export interface RegistryDevice {
  device: string;
  state: string;
  ts: string;
  receivedAt: number;
  appVersion: string | null;
  catalogVersion: string | null;
  channel: string | null;
  groups: string[];
  problems: DeviceProblem[];
  status: Record<string, unknown>;
  health: Record<string, unknown> | null;
}

export interface DeviceQuery {
  offline?: boolean;
  group?: string;
  version?: string;
  problem?: DeviceProblem;
  /** Text in the device id or a group. */
  search?: string;
  limit?: number;
  offset?: number;
}

interface DeviceRow {
  device: string;
  state: string;
  ts: string;
  received_at: number;
  app_version: string | null;
  catalog_version: string | null;
  channel: string | null;
  groups: string;
  problems: string;
  status: string;
  health: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The fleet registry's SQLite database: every device's last status and health, and the records
 * and events devices sent, each stored once by its envelope id (a redelivery is ignored).
 */
export class RegistryStore {
  constructor(private readonly db: Db) {}

  /** Applies the schema; call once after opening. */
  init(): void {
    migrate(this.db, 'fleet-registry', MIGRATIONS);
  }

  /** Stores a batch in one transaction; returns how many envelopes were new (not seen before). */
  write(batch: {
    statuses: { input: DeviceStatusInput; receivedAt: number; live: boolean }[];
    envelopes: { input: EnvelopeInput; receivedAt: number }[];
  }): number {
    const upsert = this.db.prepare(`INSERT INTO registry_devices
        (device, state, ts, received_at, app_version, catalog_version, channel, groups, problems, status)
        VALUES (@device, @state, @ts, @receivedAt, @app, @catalog, @channel, @groups, @problems, @status)
        ON CONFLICT (device) DO UPDATE SET state = excluded.state, ts = excluded.ts,
          received_at = excluded.received_at, app_version = excluded.app_version,
          catalog_version = excluded.catalog_version, channel = COALESCE(excluded.channel, channel),
          groups = CASE WHEN excluded.groups = '[]' THEN groups ELSE excluded.groups END,
          problems = excluded.problems, status = excluded.status
        WHERE @live = 1 OR excluded.ts > registry_devices.ts`);
    const record = this.db.prepare(
      'INSERT OR IGNORE INTO registry_records (id, device, type, kind, ts, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const health = this.db.prepare('UPDATE registry_devices SET health = ? WHERE device = ?');
    return this.db
      .transaction(() => {
        for (const { input, receivedAt, live } of batch.statuses) {
          const doc = input.doc;
          upsert.run({
            device: input.device,
            state: input.state,
            ts: input.ts,
            receivedAt,
            app: str(doc.appVersion),
            catalog: str(doc.catalogVersion),
            channel: str(doc.channel),
            groups: JSON.stringify(
              Array.isArray(doc.groups) ? doc.groups.filter((g) => typeof g === 'string') : [],
            ),
            problems: deviceProblems(doc, { at: receivedAt, live }).join(','),
            status: JSON.stringify(doc),
            live: live ? 1 : 0,
          });
        }
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
      })
      .immediate();
  }

  devices(q: DeviceQuery = {}): { devices: RegistryDevice[]; total: number } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (q.offline) where.push("state <> 'online'");
    if (q.group) {
      where.push('EXISTS (SELECT 1 FROM json_each(groups) WHERE value = @group)');
      args.group = q.group;
    }
    if (q.version) {
      where.push('(app_version = @version OR catalog_version = @version)');
      args.version = q.version;
    }
    if (q.problem) {
      where.push("(',' || problems || ',') LIKE @problem");
      args.problem = `%,${q.problem},%`;
    }
    if (q.search) {
      where.push("(device LIKE @search ESCAPE '\\' OR groups LIKE @search ESCAPE '\\')");
      args.search = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM registry_devices ${clause}`).get(args) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT * FROM registry_devices ${clause} ORDER BY device LIMIT @limit OFFSET @offset`)
      .all({ ...args, limit: q.limit ?? -1, offset: q.offset ?? 0 }) as DeviceRow[];
    return { devices: rows.map(toDevice), total };
  }

  device(id: string): RegistryDevice | undefined {
    const row = this.db.prepare('SELECT * FROM registry_devices WHERE device = ?').get(id) as
      DeviceRow | undefined;
    return row && toDevice(row);
  }

  /** Devices by state, and the records stored by type. */
  summary(): { devices: Record<string, number>; records: Record<string, number> } {
    const devices: Record<string, number> = {};
    for (const r of this.db
      .prepare('SELECT state, COUNT(*) AS n FROM registry_devices GROUP BY state')
      .all() as {
      state: string;
      n: number;
    }[])
      devices[r.state] = r.n;
    const records: Record<string, number> = {};
    for (const r of this.db
      .prepare('SELECT type, COUNT(*) AS n FROM registry_records GROUP BY type')
      .all() as {
      type: string;
      n: number;
    }[])
      records[r.type] = r.n;
    return { devices, records };
  }

  /** Ratings per commune group and counter: count and mean score. */
  ratings(): { group: string; counter: number | null; count: number; mean: number }[] {
    return this.db
      .prepare(
        `SELECT COALESCE((SELECT value FROM json_each(d.groups) WHERE value LIKE '%.%' LIMIT 1),
                         (SELECT value FROM json_each(d.groups) LIMIT 1), '-') AS "group",
                json_extract(r.data, '$.counter') AS counter, COUNT(*) AS count,
                ROUND(AVG(json_extract(r.data, '$.score')), 2) AS mean
           FROM registry_records r LEFT JOIN registry_devices d ON d.device = r.device
          WHERE r.type = 'rating' AND typeof(json_extract(r.data, '$.score')) = 'integer'
          GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as { group: string; counter: number | null; count: number; mean: number }[];
  }

  addUser(name: string, password: string, now = Date.now()): void {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new TypeError('user name: 1-64 letters, digits, . _ -');
    if (password.length < 12) throw new TypeError('password: at least 12 characters');
    const salt = randomBytes(16);
    const hash = scryptSync(password.normalize('NFC'), salt, 32);
    this.db
      .prepare(
        'INSERT INTO registry_users (name, salt, hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET salt = excluded.salt, hash = excluded.hash',
      )
      .run(name, salt.toString('base64'), hash.toString('base64'), now);
  }

  /** True when `password` is the user's (scrypt, constant-time compare); false for unknown users. */
  checkPassword(name: string, password: string): boolean {
    const row = this.db.prepare('SELECT salt, hash FROM registry_users WHERE name = ?').get(name) as
      { salt: string; hash: string } | undefined;
    const salt = row ? Buffer.from(row.salt, 'base64') : Buffer.alloc(16);
    const expected = row ? Buffer.from(row.hash, 'base64') : Buffer.alloc(32);
    const actual = scryptSync(password.normalize('NFC'), salt, 32);
    return timingSafeEqual(actual, expected) && row !== undefined;
  }

  userCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM registry_users').get() as { n: number }).n;
  }
}

function toDevice(r: DeviceRow): RegistryDevice {
  return {
    device: r.device,
    state: r.state,
    ts: r.ts,
    receivedAt: r.received_at,
    appVersion: r.app_version,
    catalogVersion: r.catalog_version,
    channel: r.channel,
    groups: JSON.parse(r.groups) as string[],
    problems: (r.problems ? r.problems.split(',') : []) as DeviceProblem[],
    status: JSON.parse(r.status) as Record<string, unknown>,
    health: r.health ? (JSON.parse(r.health) as Record<string, unknown>) : null,
  };
}
