import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { DEVICE_PROBLEMS, deviceProblems, type DeviceProblem } from '../fleet/device-problems.js';
import { foldText } from '../search/normalize.js';
import type { DeviceStatusInput, EnvelopeInput } from './registry-input.js';

/**
 * The fleet registry's storage, one interface over two databases (SQLite for a centre or a
 * province, PostgreSQL for a nation; sqlite-registry-store.ts, postgres-registry-store.ts): every
 * device's last status and health, the records and events devices sent (each stored once by its
 * envelope id), and the fleet-manager accounts. Both run the same schema (REGISTRY_MIGRATIONS).
 */
export interface RegistryStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies the schema (migrations not yet applied); call once after opening. */
  init(): Promise<void>;
  /** Stores a batch in one transaction; returns how many envelopes were new (not seen before). */
  write(batch: RegistryBatch): Promise<number>;
  devices(q?: DeviceQuery): Promise<{ devices: RegistryDevice[]; total: number }>;
  /**
   * The same answer as `devices`, as the JSON text the API sends: made from the stored JSON
   * columns without parsing them (the whole fleet's list in a fraction of the time).
   */
  devicesJson(q?: DeviceQuery): Promise<string>;
  /**
   * The devices matching `q` as `kiosk fleet devices --json` prints them, one JSON object each in
   * device order: the last status with the registry's columns over it (as in the snapshot from the
   * broker), the last telemetry's `health` and `receivedAt` (ISO); made by the database from the
   * stored JSON. `total` counts every match (limit and offset aside).
   */
  statusesJson(q?: DeviceQuery): Promise<{ items: string[]; total: number }>;
  /** Fleet-wide counts: devices by state, by problem and by province (a group without a dot). */
  counts(): Promise<DeviceCounts>;
  device(id: string): Promise<RegistryDevice | undefined>;
  /** Keeps `shot` as the device's last screenshot (the one before it is replaced). */
  putScreenshot(shot: Screenshot): Promise<void>;
  screenshot(device: string): Promise<Screenshot | undefined>;
  /** Devices by state, and the records stored by type. */
  summary(): Promise<{ devices: Record<string, number>; records: Record<string, number> }>;
  /** Ratings per commune group and counter: count and mean score. */
  ratings(): Promise<RatingRow[]>;
  addUser(name: string, password: string, now?: number): Promise<void>;
  /** True when `password` is the user's (scrypt, constant-time compare); false for unknown users. */
  checkPassword(name: string, password: string): Promise<boolean>;
  userCount(): Promise<number>;
  /** A device's latest records and events (not telemetry), newest first. */
  records(device: string, limit: number): Promise<RecordRow[]>;
  /**
   * The `ticket-issued` records of `device` for `serviceDay` and for the newest service day
   * stored for it (their `data`): what a recovering kiosk is told (domain/fleet/last-tickets.ts).
   */
  ticketRecords(device: string, serviceDay: string): Promise<Record<string, unknown>[]>;
  /** Every device on `channel`: what a rollout counts. */
  channelDevices(channel: string): Promise<ChannelDevice[]>;
  /** catalog-applied / catalog-refused / catalog-rolled-back events received since `since` (ms). */
  catalogEvents(since: number): Promise<CatalogEventRow[]>;
  addRollout(r: RolloutRow): Promise<void>;
  rollouts(): Promise<RolloutRow[]>;
  rollout(id: string): Promise<RolloutRow | undefined>;
  /**
   * Moves a rollout on when it is still where `from` says (several registry instances may run
   * the same rollout: only one transition wins); true when it did.
   */
  updateRollout(
    id: string,
    from: { state: RolloutState; wave: number },
    to: Partial<Pick<RolloutRow, 'state' | 'wave' | 'publishedWave' | 'waveStartedAt' | 'reason'>>,
    now?: number,
  ): Promise<boolean>;
  close(): Promise<void>;
}

/** A device's last screenshot (`kiosk fleet cmd screenshot --registry`), a checked PNG. */
export interface Screenshot {
  device: string;
  png: Buffer;
  takenAt: number;
  /** The fleet-manager account that stored it. */
  storedBy: string;
}

export interface RecordRow {
  id: string;
  type: string;
  kind: string;
  ts: string;
  data: Record<string, unknown>;
  receivedAt: number;
}

export interface ChannelDevice {
  device: string;
  state: string;
  groups: string[];
  catalogVersion: string | null;
}

export interface CatalogEventRow {
  device: string;
  type: string;
  data: Record<string, unknown>;
  receivedAt: number;
}

export type RolloutState = 'running' | 'paused' | 'aborted' | 'completed';

/** A staged rollout as stored: its signed plan and where it stands. */
export interface RolloutRow {
  id: string;
  createdAt: number;
  createdBy: string;
  channel: string;
  version: string;
  /** JSON: the waves with their signed manifests, the abort manifest, the target and thresholds. */
  plan: string;
  state: RolloutState;
  wave: number;
  publishedWave: number;
  waveStartedAt: number | null;
  reason: string | null;
  updatedAt: number;
}

export interface RolloutDbRow {
  id: string;
  created_at: number | string;
  created_by: string;
  channel: string;
  version: string;
  plan: string;
  state: RolloutState;
  wave: number;
  published_wave: number;
  wave_started_at: number | string | null;
  reason: string | null;
  updated_at: number | string;
}

export function toRollout(r: RolloutDbRow): RolloutRow {
  return {
    id: r.id,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    channel: r.channel,
    version: r.version,
    plan: r.plan,
    state: r.state,
    wave: r.wave,
    publishedWave: r.published_wave,
    waveStartedAt: r.wave_started_at === null ? null : Number(r.wave_started_at),
    reason: r.reason,
    updatedAt: Number(r.updated_at),
  };
}

/** Column names of the fields updateRollout may change. */
export const ROLLOUT_COLUMNS = {
  state: 'state',
  wave: 'wave',
  publishedWave: 'published_wave',
  waveStartedAt: 'wave_started_at',
  reason: 'reason',
} as const;

export const CATALOG_EVENT_TYPES = ['catalog-applied', 'catalog-refused', 'catalog-rolled-back'] as const;

export function parseData(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface RegistryBatch {
  statuses: { input: DeviceStatusInput; receivedAt: number; live: boolean }[];
  envelopes: { input: EnvelopeInput; receivedAt: number }[];
}

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
  /** Only these devices (at most 1,000). */
  ids?: readonly string[];
  offline?: boolean;
  /** Only online devices. */
  online?: boolean;
  channel?: string;
  group?: string;
  version?: string;
  /** One problem, or `any` for devices with at least one. */
  problem?: DeviceProblem | 'any';
  /**
   * Text in the device id, its name or a group, case and diacritics folded (`quay` finds
   * `Quầy`, `HUE` finds `hue.xa-002`).
   */
  search?: string;
  limit?: number;
  offset?: number;
}

export interface DeviceCounts {
  states: Record<string, number>;
  /** Each problem's devices, and `any`: devices with at least one. */
  problems: Record<DeviceProblem | 'any', number>;
  provinces: Record<string, number>;
}

/** SQL summing the devices with each problem (the same text in both databases). */
export const PROBLEM_SUMS = [
  'SUM(CASE WHEN problems <> \'\' THEN 1 ELSE 0 END) AS "any"',
  ...DEVICE_PROBLEMS.map(
    (p) => `SUM(CASE WHEN (',' || problems || ',') LIKE '%,${p},%' THEN 1 ELSE 0 END) AS ${p}`,
  ),
].join(', ');

export function toProblemCounts(row: Record<string, unknown> | undefined): DeviceCounts['problems'] {
  const out = { any: 0 } as DeviceCounts['problems'];
  for (const k of ['any', ...DEVICE_PROBLEMS] as const) out[k] = Number(row?.[k] ?? 0);
  return out;
}

export interface RatingRow {
  group: string;
  counter: number | null;
  count: number;
  mean: number;
}

/** A stored device row, as both databases return it. */
export interface DeviceRow {
  device: string;
  state: string;
  ts: string;
  received_at: number | string;
  app_version: string | null;
  catalog_version: string | null;
  channel: string | null;
  groups: string;
  problems: string;
  status: string;
  health: string | null;
  search?: string;
}

/** Column types that differ between the two databases. */
export interface Dialect {
  /** Milliseconds since the epoch. */
  int64: string;
  /** Bytes. */
  blob: string;
}
export const SQLITE: Dialect = { int64: 'INTEGER', blob: 'BLOB' };
export const POSTGRES: Dialect = { int64: 'BIGINT', blob: 'BYTEA' };

/** The registry schema, one list for both databases (module `fleet-registry`). */
export const REGISTRY_MIGRATIONS: readonly ((d: Dialect) => string)[] = [
  (d) => `CREATE TABLE registry_devices (
     device TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     ts TEXT NOT NULL,
     received_at ${d.int64} NOT NULL,
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
     received_at ${d.int64} NOT NULL
   );
   CREATE INDEX registry_records_type ON registry_records (type, device);
   CREATE TABLE registry_users (
     name TEXT PRIMARY KEY,
     salt TEXT NOT NULL,
     hash TEXT NOT NULL,
     created_at ${d.int64} NOT NULL
   );`,
  (d) => `CREATE TABLE registry_rollouts (
     id TEXT PRIMARY KEY,
     created_at ${d.int64} NOT NULL,
     created_by TEXT NOT NULL,
     channel TEXT NOT NULL,
     version TEXT NOT NULL,
     plan TEXT NOT NULL,
     state TEXT NOT NULL,
     wave INTEGER NOT NULL DEFAULT 0,
     published_wave INTEGER NOT NULL DEFAULT -1,
     wave_started_at ${d.int64},
     reason TEXT,
     updated_at ${d.int64} NOT NULL
   );
   CREATE INDEX registry_records_received ON registry_records (type, received_at);
   CREATE INDEX registry_records_device ON registry_records (device, received_at);`,
  // folded device id, name and groups for the console's search (searchText); filled by
  // init for rows stored before it
  () => `ALTER TABLE registry_devices ADD COLUMN search TEXT NOT NULL DEFAULT ''`,
  (d) => `CREATE TABLE registry_screenshots (
     device TEXT PRIMARY KEY,
     png ${d.blob} NOT NULL,
     taken_at ${d.int64} NOT NULL,
     stored_by TEXT NOT NULL
   )`,
];

/** What the search matches: the device id, its name and groups, folded (foldText), space-joined. */
export function searchText(device: string, name: unknown, groups: readonly string[]): string {
  return ` ${[device, typeof name === 'string' ? name : '', ...groups].map(foldText).join(' ')} `;
}

/**
 * A LIKE pattern over searchText for what a user typed (folded the same way); text of
 * punctuation alone (`%`, `--`) stays as typed, so it matches nothing rather than everything.
 */
export function searchPattern(text: string): string {
  return likePattern(foldText(text) || text);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The columns a status is stored as. */
export function statusColumns(s: RegistryBatch['statuses'][number]) {
  const doc = s.input.doc;
  const groups = Array.isArray(doc.groups) ? doc.groups.filter((g) => typeof g === 'string') : [];
  return {
    device: s.input.device,
    state: s.input.state,
    ts: s.input.ts,
    receivedAt: s.receivedAt,
    app: str(doc.appVersion),
    catalog: str(doc.catalogVersion),
    channel: str(doc.channel),
    groups: JSON.stringify(groups),
    search: searchText(s.input.device, doc.name, groups),
    problems: deviceProblems(doc, { at: s.receivedAt, live: s.live }).join(','),
    status: JSON.stringify(doc),
    live: s.live ? 1 : 0,
  };
}

/** `%text%` for LIKE with `\` as escape. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function toDevice(r: DeviceRow): RegistryDevice {
  return {
    device: r.device,
    state: r.state,
    ts: r.ts,
    receivedAt: Number(r.received_at),
    appVersion: r.app_version,
    catalogVersion: r.catalog_version,
    channel: r.channel,
    groups: JSON.parse(r.groups) as string[],
    problems: (r.problems ? r.problems.split(',') : []) as DeviceProblem[],
    status: JSON.parse(r.status) as Record<string, unknown>,
    health: r.health ? (JSON.parse(r.health) as Record<string, unknown>) : null,
  };
}

/**
 * JSON.stringify(toDevice(r)), written from the columns: status, groups and health are JSON the
 * registry wrote itself (JSON.stringify of bounded input), so they go in as they are.
 */
export function deviceJson(r: DeviceRow): string {
  const s = JSON.stringify;
  return `{"device":${s(r.device)},"state":${s(r.state)},"ts":${s(r.ts)},"receivedAt":${Number(r.received_at)},"appVersion":${s(r.app_version)},"catalogVersion":${s(r.catalog_version)},"channel":${s(r.channel)},"groups":${r.groups},"problems":${s(r.problems ? r.problems.split(',') : [])},"status":${r.status},"health":${r.health || 'null'}}`;
}

/** `{devices, total}` as JSON text (deviceJson per row). */
export function pageJson(p: { rows: readonly DeviceRow[]; total: number }): string {
  return `{"devices":[${p.rows.map(deviceJson).join(',')}],"total":${p.total}}`;
}

/** Checks a new account and returns its salted scrypt hash (base64). */
export function hashPassword(name: string, password: string): { salt: string; hash: string } {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new TypeError('user name: 1-64 letters, digits, . _ -');
  if (password.length < 12) throw new TypeError('password: at least 12 characters');
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, 32);
  return { salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** Compares in constant time; an unknown user (`row` undefined) costs the same and fails. */
export function passwordMatches(row: { salt: string; hash: string } | undefined, password: string): boolean {
  const salt = row ? Buffer.from(row.salt, 'base64') : Buffer.alloc(16);
  const expected = row ? Buffer.from(row.hash, 'base64') : Buffer.alloc(32);
  const actual = scryptSync(password.normalize('NFC'), salt, 32);
  return timingSafeEqual(actual, expected) && row !== undefined;
}
