import { checkReport } from '../../../runtime/check-result.js';
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetCatalogPath } from '../../../domain/fleet/catalog-store.js';
import type { DeviceActions } from '../../../domain/fleet/device-actions.js';
import { publishAsync, sendCommand, signCommand } from '../../../domain/fleet/fleet-client.js';
import {
  FleetFeature,
  type FleetFeatureFactory,
  type StatusDetail,
} from '../../../domain/fleet/fleet-feature.js';
import { FleetService } from '../../../domain/fleet/fleet-service.js';
import { fleetTopics } from '../../../domain/fleet/topics.js';
import { Outbox } from '../../../domain/telemetry/outbox.js';
import { OutboxRecorder } from '../../../domain/telemetry/event-recorder.js';
import { systemClock } from '../../../runtime/clock.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { openDatabase, type Db } from '../../../runtime/storage/database.js';
import { fleetKeys, manager, waitFor } from '../../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto.js';
import { tempDir } from '../../helpers/sim-process.js';

const topics = fleetTopics('kiosk/v1');
const log = pino({ level: 'silent' });
const DEVICE = 'unit-fleet';

const actions: DeviceActions = {
  peripherals: async () => ({ printer: { online: true } }),
  counters: () => ({ ticketsIssued: 0 }),
  services: () => [],
  condition: () => ({ storage: { state: 'ok', degraded: false } }),
  setVolume: async () => undefined,
  announce: async () => undefined,
  screenshot: async () => Buffer.alloc(0),
  restart: () => undefined,
  reloadConfig: async () => ({}),
  selftest: async () => checkReport([], { deviceId: null, startedAt: new Date(0), durationMs: 0 }),
};

/** A feature as another engineer would add one: its own topic, its own status fields. */
class EchoFeature extends FleetFeature {
  readonly name = 'echo';
  received: string[] = [];
  async start(): Promise<void> {
    await this.ctx.subscribe(this, [`${topics.prefix}/devices/${DEVICE}/echo/+`], (topic, payload) => {
      this.received.push(`${topic.slice(topic.lastIndexOf('/') + 1)}=${payload.toString()}`);
      this.ctx.refreshStatus();
    });
  }
  override statusFields(detail: StatusDetail): Record<string, unknown> {
    return detail === 'full' ? { echo: { received: this.received.length } } : {};
  }
}

class BrokenFeature extends FleetFeature {
  readonly name = 'broken';
  async start(): Promise<void> {
    throw new Error('cannot open its store');
  }
}

/** The device side of the fleet for the unit's device, its data in `dir` and `db`, with `features`. */
function deviceFleet(
  dir: string,
  db: Db,
  fleet: Record<string, unknown>,
  features: readonly FleetFeatureFactory[],
): FleetService {
  const bus = new EventBus<KioskEvents>(log);
  const outbox = new Outbox(db, 1000);
  return new FleetService({
    config: validateConfig({ fleet }).fleet,
    deviceId: DEVICE,
    groups: ['unit'],
    dataDir: dir,
    catalogPath: fleetCatalogPath(dir),
    db,
    outbox,
    recorder: new OutboxRecorder(outbox, bus, systemClock),
    bus,
    clock: systemClock,
    log,
    actions,
    features,
  });
}

describe('Fleet: the controller hands messages to features (real Mosquitto)', () => {
  let broker: Mosquitto;
  let db: Db;
  let fleet: FleetService;
  let echo: EchoFeature | undefined;
  const dir = tempDir();
  const keys = fleetKeys();

  beforeAll(async () => {
    broker = await startMosquitto();
    db = openDatabase(join(dir, 'kiosk.db'));
    fleet = deviceFleet(
      dir,
      db,
      { enabled: true, broker: broker.url, fleetPublicKey: keys.publicFile, reconnectMinMs: 100 },
      [(ctx) => new BrokenFeature(ctx), (ctx) => (echo = new EchoFeature(ctx))],
    );
    await fleet.start({ signal: new AbortController().signal, fail: () => undefined });
    await waitFor(() => fleet.connected, 10_000, 'fleet connected');
  });
  afterAll(async () => {
    await fleet?.stop();
    db?.close();
    await broker?.dispose();
    rmSync(dir, { recursive: true, force: true });
    rmSync(keys.dir, { recursive: true, force: true });
  });

  it('routes a feature its topics, shows its status fields, and a broken feature stops nobody', async () => {
    const mgr = await manager(broker.url);
    try {
      await publishAsync(mgr.client, `${topics.prefix}/devices/${DEVICE}/echo/a`, 'một', { qos: 1 });
      await waitFor(() => echo?.received.length === 1, 5000, 'echo routed');
      expect(echo?.received).toEqual(['a=một']);
      await mgr.client.subscribeAsync(topics.status(DEVICE));
      const status = await waitFor(
        () => mgr.json(topics.status(DEVICE)).find((s) => (s.echo as { received?: number })?.received === 1),
        5000,
        'status with the feature field',
      );
      expect(status).toMatchObject({ state: 'online', device: DEVICE, catalogVersion: null });
      // the built-in commands feature still answers, though the broken one failed to start
      const cmd = signCommand({ name: 'ping', target: { device: DEVICE }, key: keys.key });
      const [r] = await sendCommand(
        mgr.client,
        topics,
        topics.deviceCommand(DEVICE, 'ping'),
        JSON.stringify(cmd),
        {
          timeoutMs: 5000,
          expect: 1,
        },
      );
      expect(r).toMatchObject({ ok: true, device: DEVICE });
    } finally {
      mgr.client.end(true);
    }
  });

  it('stop() removes every route: a restarted service makes fresh features', async () => {
    const before = echo;
    await fleet.stop();
    await fleet.start({ signal: new AbortController().signal, fail: () => undefined });
    await waitFor(() => fleet.connected, 10_000, 'fleet connected again');
    expect(echo).not.toBe(before);
    const mgr = await manager(broker.url);
    try {
      await publishAsync(mgr.client, `${topics.prefix}/devices/${DEVICE}/echo/b`, 'hai', { qos: 1 });
      await waitFor(() => echo?.received.length === 1, 5000, 'echo routed after restart');
      expect(before?.received).toEqual(['a=một']);
    } finally {
      mgr.client.end(true);
    }
  });
});

describe('Fleet: a service stopped while its features start', () => {
  it('never connects afterwards (no link left reconnecting with nobody to stop it)', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'kiosk.db'));
    const accepted: Socket[] = [];
    const server = createServer((s) => accepted.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    let release: (() => void) | undefined;
    const slow = new (class extends FleetFeature {
      readonly name = 'slow';
      start = () => new Promise<void>((r) => (release = r));
    })(undefined as never);
    try {
      const fleet = deviceFleet(dir, db, { enabled: true, broker: `mqtt://127.0.0.1:${port}` }, [() => slow]);
      const started = fleet.start({ signal: new AbortController().signal, fail: () => undefined });
      await waitFor(() => release !== undefined, 5000, 'the slow feature starting');
      await fleet.stop();
      release?.();
      await started;
      await new Promise((r) => setTimeout(r, 300));
      expect(accepted).toHaveLength(0);
    } finally {
      server.close();
      for (const s of accepted) s.destroy();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
