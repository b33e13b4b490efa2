import { dirname } from 'node:path';
import { validateConfig } from '../../runtime/config/load.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import type { ProvisionAnswers } from './answers.js';
import { buildConfig } from './build-config.js';
import { readRawConfig, writeConfigAtomic, writeFileAtomic } from './write-config.js';

export interface ProvisionResult {
  file: string;
  config: KioskConfig;
  previous?: string;
  /** PEM files written from inline text. */
  written: string[];
}

/**
 * Applies answers on top of the current config file and writes it (validated, atomically, the old
 * one kept as `.prev`). Inline PEM files are written only after the config validated.
 */
export async function provision(answers: ProvisionAnswers, configFile: string): Promise<ProvisionResult> {
  const base = await readRawConfig(configFile);
  const { raw, pemFiles } = buildConfig(answers, base, dirname(configFile));
  // Validate first: writing the config validates again, but PEM files must not be left behind
  // for a config that is then rejected.
  validateConfig(raw, configFile);
  for (const pem of pemFiles) await writeFileAtomic(pem.path, pem.content, pem.mode);
  const result = await writeConfigAtomic(configFile, raw);
  return { file: configFile, ...result, written: pemFiles.map((p) => p.path) };
}

/** Lines for the technician: what the kiosk will be, without secrets. */
export function summarize(config: KioskConfig): string[] {
  const f = config.fleet;
  const p = config.printer;
  const printer =
    p.driver === 'tcp'
      ? `tcp ${p.host}:${p.port}`
      : p.driver === 'none' || p.driver === 'mock'
        ? p.driver
        : `${p.driver} ${p.path}`;
  return [
    `device id      ${config.device.id}`,
    `centre         ${config.device.agency} — ${config.device.centre}`,
    `fleet groups   ${config.device.groups.join(', ')}`,
    `service groups ${config.queue.groups.map((g) => `${g.prefix} ${g.name} (counter ${g.counters.join(', ')})`).join('; ')}`,
    `fleet          ${f.enabled ? `${f.broker}${f.ca || f.cert ? ' (TLS files set)' : ''}${f.fleetPublicKey ? ', signed commands' : ''}` : 'off'}`,
    `display        ${config.display.driver} ${config.display.driver === 'fbdev' ? config.display.device : ''} ${config.display.width}x${config.display.height} rotation ${config.display.rotation}`,
    `buttons        ${config.input.buttons.driver}${
      Object.keys(config.input.buttons.pins).length
        ? ` pins ${Object.entries(config.input.buttons.pins)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}`
        : ''
    }`,
    `touch          ${config.input.touch.driver}${config.input.touch.driver === 'evdev' ? ` ${config.input.touch.device}` : ''}`,
    `printer        ${printer}, ${p.paperWidth} mm`,
    `scanner        ${config.scanner.driver}${config.scanner.driver === 'serial' ? ` ${config.scanner.path}` : ''}`,
    `audio          ${config.audio.driver}${config.audio.driver === 'alsa' ? ` ${config.audio.playbackDevice}` : ''}, volume ${config.voice.volume}`,
    `voice          ${config.voice.enabled ? `${config.voice.tts} (${config.voice.voice})` : 'off'}`,
    `data dir       ${config.storage.dataDir}`,
    `maintenance    ${config.maintenance.pinHash ? 'PIN set' : 'no PIN (maintenance screen disabled)'}`,
  ];
}
