import { z } from 'zod';
import { oneOf } from './schema-helpers.js';
import { deviceSection } from './sections/device.js';
import { displaySection } from './sections/display.js';
import { inputSection } from './sections/input.js';
import { maintenanceSection } from './sections/maintenance.js';
import {
  audioSection,
  documentPrinterSection,
  printerSection,
  scannerSection,
} from './sections/peripherals.js';
import {
  fleetSection,
  queueSection,
  simSection,
  storageSection,
  updatesSection,
  voiceSection,
} from './sections/services.js';
import {
  catalogSection,
  dossierSection,
  formsSection,
  paymentSection,
  ratingSection,
} from './sections/flows.js';

/** Current config file format version. */
export const CONFIG_VERSION = 1;

/** The whole kiosk configuration. Every field has a default, so `{}` is a valid simulator config. */
export const configSchema = z.strictObject({
  version: oneOf([1]).default(1),
  device: deviceSection,
  display: displaySection,
  input: inputSection,
  printer: printerSection,
  documentPrinter: documentPrinterSection,
  scanner: scannerSection,
  audio: audioSection,
  voice: voiceSection,
  queue: queueSection,
  storage: storageSection,
  fleet: fleetSection,
  updates: updatesSection,
  sim: simSection,
  maintenance: maintenanceSection,
  rating: ratingSection,
  dossier: dossierSection,
  catalog: catalogSection,
  payment: paymentSection,
  forms: formsSection,
  logLevel: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type KioskConfig = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Settings that can change at run time (reload-config); everything else needs a restart. */
export const HOT_RELOADABLE = [
  'display.theme',
  'display.idleTimeoutSeconds',
  'display.blankAfterSeconds',
  // The voice service reads these from the shared config object on every utterance; the engine,
  // its voices and push-to-talk (voice.tts, voice.voice, voice.recognition...) need a restart.
  'voice.enabled',
  'voice.rate',
  'voice.pitch',
  'voice.volume',
  'voice.numberStyle',
  'voice.quietHours',
  'voice.quietVolume',
  'queue.hours',
  'updates.busyHours',
  'updates.idleMinutes',
  'logLevel',
] as const;

/** A setting that can change at run time (runtime/config/config-store.ts announces the change). */
export type HotPath = (typeof HOT_RELOADABLE)[number];

export function requiresRestart(path: string): boolean {
  return !HOT_RELOADABLE.some((p) => path === p || path.startsWith(`${p}.`));
}
