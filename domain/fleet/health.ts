import { readFile, readdir, statfs } from 'node:fs/promises';
import { freemem, loadavg, totalmem, uptime } from 'node:os';
import { join } from 'node:path';

const THERMAL = '/sys/class/thermal';

/** CPU temperature in °C from the first CPU-like thermal zone, or null when there is none. */
export async function cpuTemperature(root = THERMAL): Promise<number | null> {
  const zones = (await readdir(root).catch(() => [] as string[]))
    .filter((z) => z.startsWith('thermal_zone'))
    .sort();
  let fallback: number | null = null;
  for (const zone of zones) {
    const milli = Number((await readFile(join(root, zone, 'temp'), 'utf8').catch(() => '')).trim());
    if (!Number.isFinite(milli) || milli === 0) continue;
    const type = (await readFile(join(root, zone, 'type'), 'utf8').catch(() => '')).trim().toLowerCase();
    const celsius = Math.round(milli / 100) / 10;
    if (/cpu|soc|x86_pkg|core/.test(type)) return celsius;
    fallback ??= celsius;
  }
  return fallback;
}

export async function diskUsage(dir: string): Promise<{ totalMb: number; freeMb: number } | null> {
  try {
    const s = await statfs(dir);
    return {
      totalMb: Math.round((s.blocks * s.bsize) / 1048576),
      freeMb: Math.round((s.bavail * s.bsize) / 1048576),
    };
  } catch {
    return null;
  }
}

/** Operating-system and process health, the base of every telemetry sample. */
export async function systemHealth(dataDir: string): Promise<Record<string, unknown>> {
  const mem = process.memoryUsage();
  return {
    uptimeSeconds: Math.round(process.uptime()),
    systemUptimeSeconds: Math.round(uptime()),
    load: loadavg().map((l) => Math.round(l * 100) / 100),
    memory: { totalMb: Math.round(totalmem() / 1048576), freeMb: Math.round(freemem() / 1048576) },
    rssMb: Math.round((mem.rss / 1048576) * 10) / 10,
    heapMb: Math.round((mem.heapUsed / 1048576) * 10) / 10,
    cpuTempC: await cpuTemperature(),
    disk: await diskUsage(dataDir),
  };
}

/** What the fleet code reads of the machine it runs on (one machine for a simulator's kiosks). */
export interface MachineReadings {
  /** The base of every telemetry sample (systemHealth). */
  systemHealth(dataDir: string): Promise<Record<string, unknown>>;
  /** The status document's process memory and the free space of `dataDir` (when given). */
  statusHealth(dataDir: string | undefined): Promise<{ rssMb: number; diskFreeMb?: number | null }>;
}

/** The readings of the machine this process runs on, read afresh each time. */
export const ownMachine: MachineReadings = {
  systemHealth,
  async statusHealth(dataDir) {
    return {
      rssMb: Math.round(process.memoryUsage.rss() / 1048576),
      ...(dataDir ? { diskFreeMb: (await diskUsage(dataDir))?.freeMb ?? null } : {}),
    };
  },
};
