import { resolve } from 'node:path';
import type { DeviceFactories } from '../../drivers/device-factories.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { brokerCheck, fontsCheck } from './app-checks.js';
import { deviceChecks } from './device-checks.js';
import { handoffKeyCheck } from './handoff-key-check.js';
import {
  cpuCheck,
  databaseCheck,
  dataDirCheck,
  hostProbe,
  nodeCheck,
  ticketClockCheck,
  timeSyncCheck,
  voiceCheck,
  type SystemProbe,
} from './system-checks.js';
import { voiceInputCheck } from './voice-model-check.js';
import type { DoctorCheck } from './types.js';

/** Checks that need no config: they run even when the config is broken. */
export function baseChecks(probe: SystemProbe = hostProbe): DoctorCheck[] {
  return [nodeCheck(), fontsCheck(), timeSyncCheck(probe), cpuCheck(probe)];
}

/**
 * The kiosk's one list of checks, in the order a technician fixes things: platform, storage,
 * voice, the devices, the counter-handoff key, then the fleet link. `devices` is how the devices are checked: opened
 * through their drivers by `kiosk doctor` (`deviceChecks`), or asked in the running kiosk
 * (`runningDeviceChecks`: its own printer and services, for the maintenance screen and the
 * fleet selftest; app/compose.ts builds that list once).
 */
export function kioskChecks(
  config: KioskConfig,
  devices: readonly DoctorCheck[],
  probe: SystemProbe = hostProbe,
): DoctorCheck[] {
  const dataDir = resolve(config.storage.dataDir);
  return [
    ...baseChecks(probe),
    dataDirCheck(dataDir),
    databaseCheck(dataDir),
    ticketClockCheck(dataDir, probe),
    voiceCheck(config.voice, probe),
    voiceInputCheck(config),
    ...devices,
    handoffKeyCheck(config),
    brokerCheck(config),
  ];
}

/** Everything `kiosk doctor` checks for a valid config: the list with each device opened. */
export function standardChecks(
  config: KioskConfig,
  devices: DeviceFactories,
  probe: SystemProbe = hostProbe,
): DoctorCheck[] {
  return kioskChecks(config, deviceChecks(config, devices), probe);
}

/** Keeps checks by id (`only`) and drops others (`skip`). */
export function selectChecks(checks: DoctorCheck[], only?: string[], skip?: string[]): DoctorCheck[] {
  return checks.filter((c) => (!only || only.includes(c.id)) && !(skip ?? []).includes(c.id));
}
