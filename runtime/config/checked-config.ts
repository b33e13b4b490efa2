import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../atomic-file.js';
import { parseConfigText } from './read.js';
import type { KioskConfig } from './schema.js';

/**
 * The effective config (defaults filled in) `kiosk run` last validated for a config file, kept in
 * the data folder (config.checked.json) under the sha256 of the file's bytes and the command
 * line's overrides. The next start with the same file draws its first frame from it before
 * loading the schema (zod, ~25-35 ms here) and validates the file right behind that frame (#16);
 * the schema stays the one judge of a config: a file that changed is validated before drawing, and
 * one that no longer validates still stops the kiosk.
 */
export interface CheckedConfig {
  /** The config validated last time for these bytes and overrides, if any. */
  readonly config: KioskConfig | undefined;
  /** Keeps `config` (just validated) for the next start; nowhere to keep it is not an error. */
  save(config: KioskConfig): Promise<void>;
}

const FILE = 'config.checked.json';

/**
 * Looks up the checked config of `file` with `overrides` (dotted paths, as loadConfig's caller
 * sets them; `storage.dataDir` names the data folder, else the file's own storage.dataDir). A
 * missing, unreadable or damaged record is no record.
 */
export async function readCheckedConfig(
  file: string,
  overrides: Record<string, unknown>,
): Promise<CheckedConfig> {
  const none: CheckedConfig = { config: undefined, save: async () => undefined };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return none; // loadConfig says why
  }
  const dataDir = overrides['storage.dataDir'] ?? ownDataDir(bytes, file);
  if (typeof dataDir !== 'string' || dataDir === '') return none;
  const key = createHash('sha256')
    .update(bytes)
    .update(JSON.stringify(Object.entries(overrides).filter(([, v]) => v !== undefined)))
    .digest('hex');
  const path = join(dataDir, FILE);
  let config: KioskConfig | undefined;
  try {
    const kept = JSON.parse(await readFile(path, 'utf8')) as { key?: unknown; config?: unknown };
    if (kept.key === key && typeof kept.config === 'object' && kept.config !== null)
      config = kept.config as KioskConfig;
  } catch {
    config = undefined;
  }
  return {
    config,
    // the config may hold the broker password (the file itself is 0640): readable by the kiosk only
    save: (checked) => writeFileAtomically(path, `${JSON.stringify({ key, config: checked })}\n`, 0o600),
  };
}

/** The file's storage.dataDir as written, if it says one (read before any validation). */
function ownDataDir(bytes: Buffer, file: string): unknown {
  try {
    const raw = parseConfigText(bytes.toString('utf8'), file) as { storage?: { dataDir?: unknown } };
    return raw?.storage?.dataDir;
  } catch {
    return undefined;
  }
}
