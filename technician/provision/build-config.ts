import { join } from 'node:path';
import { setPath } from '../../runtime/config/load.js';
import {
  parseButtonPins,
  parseServiceGroup,
  parseTouchAxes,
  VOICES,
  type PemFile,
  type ProvisionAnswers,
} from './answers.js';
import { hashPin } from './pin.js';

/** Where the systemd unit lets the kiosk write (deploy/smart-kiosk.service). */
export const PRODUCTION_DATA_DIR = '/var/lib/smart-kiosk';

export interface BuiltConfig {
  /** The raw config to write: the base config with the answers applied (defaults stay implicit). */
  raw: Record<string, unknown>;
  /** Inline PEM texts to write next to the config. */
  pemFiles: PemFile[];
}

const isPem = (value: string): boolean => value.trimStart().startsWith('-----BEGIN');

/**
 * Applies provisioning answers to a base config (the current file, or `{}`). Pure except for the
 * PIN hash salt. Validation happens when writing (`writeConfigAtomic`).
 */
export function buildConfig(
  answers: ProvisionAnswers,
  base: Record<string, unknown>,
  configDir: string,
): BuiltConfig {
  const raw = structuredClone(base);
  const pemFiles: PemFile[] = [];
  const set = (path: string, value: unknown): void => {
    if (value !== undefined) setPath(raw, path, value);
  };
  const file = (name: PemFile['name'], value: string | undefined, path: string): void => {
    if (value === undefined || value === '') return;
    if (!isPem(value)) return set(path, value);
    const target = join(configDir, 'tls', `${name}.pem`);
    pemFiles.push({
      name,
      path: target,
      content: value.endsWith('\n') ? value : `${value}\n`,
      mode: name === 'key' ? 0o640 : 0o644,
    });
    set(path, target);
  };

  set('device.id', answers.deviceId);
  set('device.agency', answers.agency?.normalize('NFC'));
  set('device.centre', answers.centre?.normalize('NFC'));
  set('device.groups', answers.fleetGroups);
  set('device.timeZone', answers.timeZone);
  if (answers.serviceGroups) set('queue.groups', answers.serviceGroups.map(parseServiceGroup));
  // A provisioned kiosk keeps its data where the service may write (the schema's default is a
  // relative folder for the simulator).
  const storage = raw.storage as { dataDir?: unknown } | undefined;
  set(
    'storage.dataDir',
    answers.dataDir ?? (storage?.dataDir === undefined ? PRODUCTION_DATA_DIR : undefined),
  );

  if (answers.broker === 'none') set('fleet.enabled', false);
  else if (answers.broker) {
    set('fleet.enabled', true);
    set('fleet.broker', answers.broker);
  }
  set('fleet.username', answers.username || undefined);
  set('fleet.password', answers.password || undefined);
  file('ca', answers.ca, 'fleet.ca');
  file('cert', answers.cert, 'fleet.cert');
  file('key', answers.key, 'fleet.key');
  file('fleet-public-key', answers.fleetPublicKey, 'fleet.fleetPublicKey');

  set('display.driver', answers.display);
  set('display.device', answers.fbDevice);
  set('display.width', answers.width);
  set('display.height', answers.height);
  set('display.rotation', answers.rotation);
  set('input.touch.driver', answers.touch);
  set('input.touch.device', answers.touchDevice);
  if (answers.touchAxes) set('input.touch.calibration', parseTouchAxes(answers.touchAxes));
  set('input.buttons.driver', answers.buttons);
  if (answers.buttonPins) set('input.buttons.pins', parseButtonPins(answers.buttonPins));
  set('input.buttons.port', answers.buttonsPort);

  set('printer.driver', answers.printer);
  if (answers.printerPort) {
    const tcp = /^([^/:]+):(\d+)$/.exec(answers.printerPort);
    if (tcp && (answers.printer ?? (raw.printer as { driver?: string } | undefined)?.driver) === 'tcp') {
      set('printer.host', tcp[1]);
      set('printer.port', Number(tcp[2]));
    } else set('printer.path', answers.printerPort);
  }
  set('printer.paperWidth', answers.paperWidth);
  set('scanner.driver', answers.scanner);
  set('scanner.path', answers.scannerPort);
  set('audio.driver', answers.audio);
  set('audio.playbackDevice', answers.playbackDevice);
  set('audio.captureDevice', answers.captureDevice);
  set('voice.volume', answers.volume);
  set('voice.tts', answers.tts);
  if (answers.voiceRegion) set('voice.voice', VOICES[answers.voiceRegion]);
  if (answers.pin) set('maintenance.pinHash', hashPin(answers.pin));
  for (const [path, value] of Object.entries(answers.set ?? {})) set(path, value);
  return { raw, pemFiles };
}
