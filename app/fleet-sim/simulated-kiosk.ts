import { mkdirSync, linkSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fleetCatalogPath } from '../../domain/fleet/catalog-store.js';
import type { FleetConfig } from '../../domain/fleet/fleet-config.js';
import { FleetService } from '../../domain/fleet/fleet-service.js';
import type { MachineReadings } from '../../domain/fleet/health.js';
import { Outbox } from '../../domain/telemetry/outbox.js';
import { OutboxRecorder } from '../../domain/telemetry/event-recorder.js';
import type { KioskEvents } from '../../domain/events.js';
import type { Clock } from '../../runtime/clock.js';
import { EventBus } from '../../runtime/event-bus.js';
import type { Logger } from '../../runtime/logger.js';
import { openDatabase, openDatabaseImage, type Db } from '../../runtime/storage/database.js';
import { simulatedActions, type SimulatedHardware } from './simulated-actions.js';

/** The catalog every simulated kiosk starts with (compact JSON, as kiosks store it). */
export interface SeedCatalog {
  file: string;
  version: string;
  sha256: string;
}

export interface SimulatedKioskDeps {
  deviceId: string;
  groups: string[];
  config: FleetConfig;
  /** This kiosk's own directory (catalog, staging, database when `persistent`). */
  dir: string;
  /** SQLite file in `dir` (kill -9 safe) instead of an in-memory database. */
  persistent: boolean;
  /** A migrated empty kiosk database (serialized) copied for an in-memory one. */
  dbImage?: Buffer;
  /** The machine's readings, shared by the kiosks of one simulator. */
  machine?: MachineReadings;
  seed?: SeedCatalog;
  hardware: SimulatedHardware;
  clock: Clock;
  log: Logger;
  /** Called with true/false as the kiosk's broker connection comes and goes. */
  onConnection(deviceId: string, up: boolean): void;
}

/**
 * One simulated kiosk: the kiosk's own device-side fleet code (FleetService with presence, health
 * samples, the SQLite outbox, signed commands and the catalog updater) over simulated hardware,
 * without screen, voice or citizen flows.
 */
export class SimulatedKiosk {
  private db: Db | undefined;
  private outbox: Outbox | undefined;
  private bus: EventBus<KioskEvents> | undefined;
  private recorder: OutboxRecorder | undefined;
  private fleet: FleetService | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  readonly counters: Record<string, number> = { ticketsIssued: 0, ratings: 0 };
  connected = false;

  constructor(private readonly d: SimulatedKioskDeps) {}

  get deviceId(): string {
    return this.d.deviceId;
  }

  get hardware(): SimulatedHardware {
    return this.d.hardware;
  }

  async start(): Promise<void> {
    const d = this.d;
    if (!this.db) {
      // created when something is written there (a database file, a catalog): 10,000 empty
      // directories took longer to remove at stop than the kiosks took to start
      if (d.persistent) mkdirSync(d.dir, { recursive: true });
      this.db = d.persistent
        ? openDatabase(join(d.dir, 'kiosk.db'))
        : d.dbImage
          ? openDatabaseImage(d.dbImage)
          : openDatabase(':memory:');
      this.outbox = new Outbox(this.db, d.config.outboxLimit);
      this.bus = new EventBus<KioskEvents>(d.log);
      this.recorder = new OutboxRecorder(this.outbox, this.bus, d.clock);
      if (d.seed) seedCatalog(fleetCatalogPath(d.dir), d.seed);
    }
    const outbox = this.outbox as Outbox;
    const bus = this.bus as EventBus<KioskEvents>;
    const recorder = this.recorder as OutboxRecorder;
    const fleet = new FleetService({
      config: d.config,
      deviceId: d.deviceId,
      groups: d.groups,
      dataDir: d.dir,
      catalogPath: fleetCatalogPath(d.dir),
      db: this.db,
      outbox,
      recorder,
      bus,
      clock: d.clock,
      log: d.log,
      ...(d.machine ? { machine: d.machine } : {}),
      actions: simulatedActions({
        deviceId: d.deviceId,
        hardware: d.hardware,
        counters: this.counters,
        restart: (delayMs) => this.restart(delayMs),
      }),
    });
    this.fleet = fleet;
    fleet.onConnectionChange((up) => {
      if (this.fleet !== fleet) return;
      this.connected = up;
      d.onConnection(d.deviceId, up);
    });
    await fleet.start({
      signal: new AbortController().signal,
      fail: (err) => d.log.error({ err, device: d.deviceId }, 'simulated kiosk fleet service failed'),
    });
  }

  /** A citizen rates the service: the rating record goes through the outbox like a kiosk's. */
  rate(score: number, counter: number): void {
    this.record('records/rating', {
      id: crypto.randomUUID(),
      score,
      levels: 5,
      counter,
      dossierNumber: null,
      ticketNumber: null,
      createdAt: new Date(this.d.clock.now()).toISOString(),
    });
    this.counters.ratings = (this.counters.ratings ?? 0) + 1;
  }

  /** A citizen takes a number: the `ticket-issued` record, as the queue writes it. */
  issueTicket(group: string, number: string): void {
    const now = new Date(this.d.clock.now()).toISOString();
    this.record('events/ticket-issued', {
      number,
      group,
      serviceDay: now.slice(0, 10),
      peopleAhead: 0,
      issuedAt: now,
    });
    this.counters.ticketsIssued = (this.counters.ticketsIssued ?? 0) + 1;
  }

  /** Outbox depth (messages not yet acknowledged by the broker). */
  pending(): number {
    return this.outbox?.count() ?? 0;
  }

  /** Citizen records (ratings, tickets) not yet acknowledged by the broker. */
  pendingRecords(): number {
    return this.outbox?.depth().record ?? 0;
  }

  private record(topic: string, payload: Record<string, unknown>): void {
    if (!this.recorder) throw new Error(`${this.d.deviceId} is not started`);
    this.recorder.committed(this.recorder.record(topic, payload, this.d.clock.now()));
  }

  private restart(delayMs: number): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      void this.stopFleet()
        .then(() => this.start())
        .catch((err: unknown) => this.d.log.error({ err, device: this.d.deviceId }, 'restart failed'));
    }, delayMs);
  }

  private async stopFleet(): Promise<void> {
    const fleet = this.fleet;
    this.fleet = undefined;
    if (this.connected) {
      this.connected = false;
      this.d.onConnection(this.d.deviceId, false);
    }
    await fleet?.stop();
  }

  /** Clean stop: the offline status goes out, the database closes. */
  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    await this.stopFleet();
    this.db?.close();
    this.db = undefined;
  }
}

/** Gives a kiosk the seed catalog as if the fleet had installed it (a hard link, no copy). */
function seedCatalog(path: string, seed: SeedCatalog): void {
  mkdirSync(join(path, '..'), { recursive: true });
  try {
    linkSync(seed.file, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    copyFileSync(seed.file, path);
  }
  writeFileSync(
    `${path}.state.json`,
    `${JSON.stringify({ version: seed.version, sha256: seed.sha256, appliedAt: null, previous: null, blocked: [] })}\n`,
  );
}
