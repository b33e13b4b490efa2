import { readFileSync, rmSync } from 'node:fs';
import type { MqttClient } from 'mqtt';
import { connectFleet, subscribeAsync } from '../../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../../domain/fleet/topics.js';
import { fleetKeys, waitFor } from '../../helpers/fleet.js';
import { startMosquitto, type Mosquitto, type MosquittoOptions } from '../../helpers/mosquitto.js';
import { tempDir } from '../../helpers/sim-process.js';
import { spawnKiosk, type KioskProc } from './kiosk-proc.js';

export const topics = fleetTopics('kiosk/v1');

/** A simulated kiosk process on its own Mosquitto, a fleet key, and a manager client that records. */
export interface FleetKiosk {
  broker: Mosquitto;
  keys: ReturnType<typeof fleetKeys>;
  kiosk: KioskProc;
  deviceId: string;
  dataDir: string;
  mgr: MqttClient;
  /** Every message the manager received (device events, responses, status). */
  received: { topic: string; payload: Buffer }[];
  json(topic: string): Record<string, unknown>[];
  /** Resident memory of the kiosk process (MB), from /proc. */
  rssMb(): number;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

export async function startFleetKiosk(
  options: {
    deviceId?: string;
    broker?: MosquittoOptions;
    config?: Record<string, Record<string, unknown>>;
    /** Runs on the empty data dir before the kiosk first starts (e.g. to put a damaged database there). */
    prepare?: (dataDir: string) => void;
  } = {},
): Promise<FleetKiosk> {
  const deviceId = options.deviceId ?? 'kiosk-rel';
  const broker = await startMosquitto({ persistence: true, ...options.broker });
  const keys = fleetKeys();
  const dataDir = tempDir('kiosk-rel-');
  options.prepare?.(dataDir);
  const received: { topic: string; payload: Buffer }[] = [];
  const mgr = await connectFleet({
    url: broker.url,
    clientId: `mgr-${deviceId}`,
    sessionExpirySeconds: 3600,
  });
  mgr.on('message', (topic, payload) => received.push({ topic, payload }));
  await subscribeAsync(mgr, [`kiosk/v1/devices/${deviceId}/#`]);
  const spawn = (writeConfig: boolean) =>
    spawnKiosk({
      dataDir,
      deviceId,
      broker: broker.url,
      fleetKey: keys.publicFile,
      writeConfig,
      ...(options.config ? { config: options.config } : {}),
    });
  const json = (topic: string) =>
    received
      .filter((m) => m.topic === topic && m.payload.length > 0)
      .flatMap((m) => {
        try {
          return [JSON.parse(m.payload.toString('utf8')) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  const online = async (k: KioskProc) => {
    await k.ready;
    const before = k.proc.pid;
    await waitFor(
      () => json(topics.status(deviceId)).some((s) => s.state === 'online' && before === k.proc.pid),
      20_000,
      'kiosk online on the fleet broker',
    );
  };
  const fk: FleetKiosk = {
    broker,
    keys,
    kiosk: spawn(true),
    deviceId,
    dataDir,
    mgr,
    received,
    json,
    rssMb: () => rssOf(fk.kiosk.proc.pid),
    async restart() {
      await fk.kiosk.powerCut();
      received.length = 0;
      fk.kiosk = spawn(false);
      await online(fk.kiosk);
    },
    async dispose() {
      mgr.end(true);
      await fk.kiosk.powerCut();
      await broker.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(keys.dir, { recursive: true, force: true });
    },
  };
  try {
    await online(fk.kiosk);
  } catch (err) {
    await fk.dispose();
    throw err;
  }
  return fk;
}
