import { extname } from 'node:path';
import { ConfigError, errorMessage } from '../errors.js';
import { lazyRequire } from '../lazy-require.js';

/**
 * A config file's text to the object it holds, before any schema (runtime/config/load.ts
 * validates it): what `kiosk run` needs to find its checked config (checked-config.ts) without
 * loading zod.
 */

const yaml = lazyRequire<typeof import('yaml')>('yaml');

/** Parses JSON or YAML text (chosen by file extension; YAML is a superset of JSON). */
export function parseConfigText(textContent: string, file: string): unknown {
  try {
    if (extname(file).toLowerCase() === '.json') return JSON.parse(textContent) as unknown;
    return yaml().parse(textContent) as unknown;
  } catch (err) {
    throw new ConfigError(file, [
      `(file): not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${errorMessage(err)}`,
    ]);
  }
}

/** Sets a nested key in a raw config object, creating parents: setPath(raw, 'sim.port', 9000). */
export function setPath(raw: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = raw;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}
