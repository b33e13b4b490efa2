import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactCatalog, sha256 } from '../../domain/fleet/catalog-manifest.js';
import type { FleetConfig } from '../../domain/fleet/fleet-config.js';
import type { MachineReadings } from '../../domain/fleet/health.js';
import { CommandStore } from '../../domain/fleet/command-store.js';
import { checkSegment } from '../../domain/fleet/topics.js';
import { Outbox } from '../../domain/telemetry/outbox.js';
import { openDatabase } from '../../runtime/storage/database.js';
import { systemClock, type Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { SimulatedHardware } from './simulated-actions.js';
import { sharedMachine } from './shared-health.js';
import { SimulatedKiosk, type SeedCatalog } from './simulated-kiosk.js';

/** The 34 provinces and cities (2025), as group names: kiosks are grouped by province and commune. */
export const PROVINCES = [
  'ha-noi',
  'hue',
  'lai-chau',
  'dien-bien',
  'son-la',
  'lang-son',
  'quang-ninh',
  'thanh-hoa',
  'nghe-an',
  'ha-tinh',
  'cao-bang',
  'tuyen-quang',
  'lao-cai',
  'thai-nguyen',
  'phu-tho',
  'bac-ninh',
  'hung-yen',
  'hai-phong',
  'ninh-binh',
  'quang-tri',
  'da-nang',
  'quang-ngai',
  'gia-lai',
  'khanh-hoa',
  'lam-dong',
  'dak-lak',
  'ho-chi-minh',
  'dong-nai',
  'tay-ninh',
  'can-tho',
  'vinh-long',
  'dong-thap',
  'ca-mau',
  'an-giang',
] as const;

/** Problems the simulator can give a kiosk (what `kiosk fleet devices --problem` finds). */
export const SIMULATED_PROBLEMS = ['paper', 'printer', 'clock'] as const;
export type SimulatedProblem = (typeof SIMULATED_PROBLEMS)[number];

export interface FleetSimulatorOptions {
  count: number;
  /** Device ids are `{idPrefix}-00001`... */
  idPrefix: string;
  /** Kiosks per commune (groups: province, province.xa-N). */
  perCommune: number;
  fleet: FleetConfig;
  /** Catalog file every kiosk starts with (compact JSON bytes are written once, hard-linked per kiosk). */
  catalog?: Buffer;
  /** Where each kiosk's directory goes; a temporary directory (removed at stop) when absent. */
  dataDir?: string;
  /** SQLite files instead of in-memory databases. */
  persistent: boolean;
  /** New connections per second while starting (a broker sees a fleet come back at this rate). */
  connectPerSecond: number;
  /** Fraction 0-1 of kiosks given one problem (chosen by a stable hash of the device id). */
  problems: number;
  /** Kiosk with a problem `clock` run this far ahead. */
  clockSkewMs: number;
  clock?: Clock;
  log: Logger;
}

/** Stable number in [0, 1) from a string (sha256), so the same device always gets the same fate. */
export function stableFraction(value: string, salt = ''): number {
  return createHash('sha256').update(`${salt}:${value}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The problem a simulated kiosk is given when `share` of the fleet has one (stable per device id). */
export function simulatedProblem(deviceId: string, share: number): SimulatedProblem | undefined {
  if (stableFraction(deviceId, 'problem') >= share) return undefined;
  return SIMULATED_PROBLEMS[Math.floor(stableFraction(deviceId, 'which') * SIMULATED_PROBLEMS.length)];
}

/** The id and groups of simulated kiosk `index` (0-based). */
export function simulatedIdentity(
  index: number,
  idPrefix: string,
  perCommune: number,
): { deviceId: string; groups: string[] } {
  const province = PROVINCES[index % PROVINCES.length] as string;
  const commune = Math.floor(Math.floor(index / PROVINCES.length) / perCommune) + 1;
  return {
    deviceId: checkSegment('device id', `${idPrefix}-${String(index + 1).padStart(5, '0')}`),
    groups: [province, `${province}.xa-${String(commune).padStart(3, '0')}`],
  };
}

/**
 * N kiosks' device-side fleet code in one process, for tests and benchmarks: each is a
 * SimulatedKiosk with its own MQTT connection, outbox and catalog, started at a bounded
 * connection rate. What is the same for all is done once: the machine's health is sampled once a
 * second for every kiosk, and in-memory kiosk databases are copies of one migrated image.
 */
export class FleetSimulator {
  readonly kiosks: SimulatedKiosk[] = [];
  private online = new Set<string>();
  private tempDir: string | undefined;
  private dbImage: Buffer | undefined;
  private machine: MachineReadings | undefined;
  private stopped = false;
  private readonly onlineListeners = new Set<(online: number) => void>();

  constructor(private readonly o: FleetSimulatorOptions) {}

  get onlineCount(): number {
    return this.online.size;
  }

  /** Called whenever the number of connected kiosks changes. */
  onOnline(listener: (online: number) => void): () => void {
    this.onlineListeners.add(listener);
    return () => this.onlineListeners.delete(listener);
  }

  /** Creates and starts every kiosk at `connectPerSecond`; resolves when all were started (not yet online). */
  async start(): Promise<void> {
    const o = this.o;
    const root = o.dataDir ?? (this.tempDir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-sim-')));
    const seed = o.catalog ? writeSeed(root, o.catalog) : undefined;
    this.machine = sharedMachine(root);
    if (!o.persistent) this.dbImage = migratedImage(o.fleet.outboxLimit);
    const batch = Math.max(1, Math.round(o.connectPerSecond / 10));
    const began = Date.now();
    for (let i = 0; i < o.count && !this.stopped; i += batch) {
      const kiosks: SimulatedKiosk[] = [];
      for (let j = i; j < Math.min(o.count, i + batch); j++) kiosks.push(this.create(j, root, seed));
      this.kiosks.push(...kiosks);
      await Promise.all(kiosks.map((k) => k.start()));
      // pace the batches: batch n starts no earlier than n × 100 ms after the first
      const due = began + ((i + batch) / batch) * 100 - Date.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
    }
  }

  /** Resolves when at least `count` kiosks are connected, or rejects after `timeoutMs`. */
  waitOnline(count = this.o.count, timeoutMs = 120_000): Promise<void> {
    if (this.online.size >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${this.online.size} of ${count} kiosks online after ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onOnline((n) => {
        if (n < count) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  /**
   * Waits (at most `timeoutMs`) until every kiosk's outbox holds no citizen record, as a fleet
   * catches up; returns how many records are still waiting.
   */
  async drainRecords(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = this.kiosks.reduce((n, k) => n + k.pendingRecords(), 0);
      if (left === 0 || Date.now() > deadline) return left;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.kiosks];
    for (let i = 0; i < all.length; i += 200) await Promise.all(all.slice(i, i + 200).map((k) => k.stop()));
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }

  private create(index: number, root: string, seed: SeedCatalog | undefined): SimulatedKiosk {
    const o = this.o;
    const { deviceId, groups } = simulatedIdentity(index, o.idPrefix, o.perCommune);
    const problem = simulatedProblem(deviceId, o.problems);
    const base = o.clock ?? systemClock;
    const clock: Clock =
      problem === 'clock'
        ? { now: () => base.now() + o.clockSkewMs, sleep: (ms, s) => base.sleep(ms, s) }
        : base;
    const hardware: SimulatedHardware = {
      paper: problem === 'paper' ? 'out' : 'ok',
      printerOnline: problem !== 'printer',
      coverOpen: false,
      volume: 80,
    };
    return new SimulatedKiosk({
      deviceId,
      groups,
      config: o.fleet,
      dir: join(root, deviceId),
      persistent: o.persistent,
      ...(this.dbImage ? { dbImage: this.dbImage } : {}),
      ...(this.machine ? { machine: this.machine } : {}),
      ...(seed ? { seed } : {}),
      hardware,
      clock,
      log: o.log,
      onConnection: (id, up) => {
        const before = this.online.size;
        if (up) this.online.add(id);
        else this.online.delete(id);
        if (this.online.size !== before) for (const l of [...this.onlineListeners]) l(this.online.size);
      },
    });
  }
}

/** An empty kiosk database with the tables a simulated kiosk uses (outbox, fleet commands), serialized. */
function migratedImage(outboxLimit: number): Buffer {
  const db = openDatabase(':memory:');
  try {
    // the kiosk's own classes migrate it, so the image has exactly their schema
    void new Outbox(db, outboxLimit);
    void new CommandStore(db);
    return db.serialize();
  } finally {
    db.close();
  }
}

/** Writes the seed catalog once as compact JSON (how kiosks store it) and says what it is. */
function writeSeed(root: string, catalog: Buffer): SeedCatalog {
  let compact: Buffer;
  try {
    compact = compactCatalog(catalog);
  } catch (err) {
    throw new TypeError(`--catalog: not a JSON catalog (${(err as Error).message})`, { cause: err });
  }
  const doc = JSON.parse(compact.toString('utf8')) as { version?: unknown };
  if (typeof doc.version !== 'string') throw new TypeError('--catalog: the catalog has no "version"');
  const file = join(root, '.seed-catalog.json');
  writeFileSync(file, compact);
  return { file, version: doc.version, sha256: sha256(compact) };
}
