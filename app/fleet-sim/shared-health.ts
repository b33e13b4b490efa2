import { ownMachine, type MachineReadings } from '../../domain/fleet/health.js';

/**
 * The machine's readings for every simulated kiosk on it: they run on one machine and their
 * directories sit on one disk, so one reading (load, memory, temperature, the disk of `root`)
 * serves all of them for `maxAgeMs`, instead of 10,000 kiosks each reading /proc and /sys.
 */
export function sharedMachine(root: string, maxAgeMs = 1000): MachineReadings {
  const cached = <T>(read: () => Promise<T>): (() => Promise<T>) => {
    let last: { at: number; value: Promise<T> } | undefined;
    return () => {
      const now = Date.now();
      if (!last || now - last.at >= maxAgeMs) last = { at: now, value: read() };
      return last.value;
    };
  };
  const system = cached(() => ownMachine.systemHealth(root));
  const status = cached(() => ownMachine.statusHealth(root));
  return {
    systemHealth: () => system(),
    statusHealth: async (dataDir) => {
      const { rssMb, diskFreeMb } = await status();
      return dataDir ? { rssMb, diskFreeMb: diskFreeMb ?? null } : { rssMb };
    },
  };
}
