import type { KioskConfig } from '../runtime/config/schema.js';
import { ConfigError } from '../runtime/errors.js';
import { configureLogging, createLogger } from '../runtime/logger.js';

/**
 * Loads config for a long-running command; prints problems and exits 1 when invalid. The schema
 * (zod) is imported here, on the call: `kiosk run` may draw its first frame before (#16).
 */
export async function loadConfigOrExit(
  file: string | undefined,
  overrides: Record<string, unknown>,
): Promise<KioskConfig> {
  const { configNotices, loadConfig, setPath } = await import('../runtime/config/load.js');
  try {
    const config = await loadConfig(file, (raw) => {
      for (const [path, value] of Object.entries(overrides))
        if (value !== undefined) setPath(raw, path, value);
    });
    configureLogging({
      level: (process.env.KIOSK_LOG_LEVEL as KioskConfig['logLevel'] | undefined) ?? config.logLevel,
    });
    const log = createLogger('config');
    for (const notice of configNotices(config)) log.warn({ file }, `config ${file}: ${notice}`);
    return config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`cannot start: ${err.message}\n`);
    process.exit(1);
  }
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: must be 0-65535, got ${value}`);
  return port;
}
