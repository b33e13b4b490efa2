import { resolve } from 'node:path';
import type { DeviceFactories } from '../../drivers/device-factories.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { brokerCheck, fontsCheck } from './app-checks.js';
import { deviceChecks } from './device-checks.js';
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
 * Everything `kiosk doctor` checks for a valid config, in the order a technician fixes things:
 * platform, storage, voice, each device, then the fleet link.
 */
export function standardChecks(
  config: KioskConfig,
  devices: DeviceFactories,
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
    ...deviceChecks(config, devices),
    brokerCheck(config),
  ];
}

/** Keeps checks by id (`only`) and drops others (`skip`). */
export function selectChecks(checks: DoctorCheck[], only?: string[], skip?: string[]): DoctorCheck[] {
  return checks.filter((c) => (!only || only.includes(c.id)) && !(skip ?? []).includes(c.id));
}
