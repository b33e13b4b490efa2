import { ConfigError } from '../runtime/errors.js';

/** Thrown by a factory when config names a driver this build does not have. */
export function unavailableDriver(path: string, driver: string, choices: readonly string[]): never {
  throw new ConfigError(undefined, [
    `${path}: driver "${driver}" is not available in this build; use ${choices.map((c) => `"${c}"`).join(', ')}`,
  ]);
}
