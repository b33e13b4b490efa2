import type { Logger, LevelWithSilent } from 'pino';
import { lazyRequire } from './lazy-require.js';

export type { Logger };

/**
 * pino, required when the first line is logged (or a logger's level is read), not at import: a
 * command that logs nothing (`kiosk doctor --json`, `fleet devices`) never loads it, and `kiosk
 * run` loads it behind its first frame unless something logs before (#16).
 */
const pino = lazyRequire<typeof import('pino')>('pino');

interface RootOptions {
  level: LevelWithSilent | string;
  destination?: NodeJS.WritableStream;
}

function makeRoot({ level, destination }: RootOptions): Logger {
  const { pino: make } = pino();
  const options = {
    level,
    base: { app: 'smart-kiosk' },
    timestamp: make.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? make(options, destination) : make(options);
}

/**
 * The root at level 'silent': drops every line without loading pino. Methods are no-ops (a
 * child is itself), `level` is 'silent' and no level is enabled.
 */
const silent: Logger = new Proxy({} as Logger, {
  get(_target, prop) {
    if (prop === 'level') return 'silent';
    if (prop === 'child') return () => silent;
    if (prop === 'isLevelEnabled') return () => false;
    if (prop === 'then' || typeof prop === 'symbol') return undefined;
    return () => undefined;
  },
  set: () => true,
});

let settings: RootOptions = { level: process.env.KIOSK_LOG_LEVEL ?? 'info' };
let made: Logger | undefined;
const root = (): Logger => (made ??= settings.level === 'silent' ? silent : makeRoot(settings));
/** Counts root replacements, so that loggers made before one follow it. */
let generation = 0;

/**
 * Replaces the root logger (level or destination). Loggers made before, such as a module's own
 * `const log = createLogger('printer')` made at import, follow it from their next line: a command that
 * silences logging or sends it to stderr (`kiosk doctor --json`) gets no driver line on stdout.
 */
export function configureLogging(options: {
  level?: LevelWithSilent;
  destination?: NodeJS.WritableStream;
}): void {
  settings = {
    level: options.level ?? settings.level,
    destination: options.destination ?? process.stdout,
  };
  made = undefined;
  generation++;
}

/** A namespaced logger, e.g. `createLogger('printer')`. Every line carries `ns`. */
export function createLogger(ns: string): Logger {
  let bound: Logger | undefined;
  let boundAt = generation;
  const current = (): Logger => {
    if (bound === undefined || boundAt !== generation) {
      bound = root().child({ ns });
      boundAt = generation;
    }
    return bound;
  };
  // the target is only the Proxy's shape: every access goes to the current logger
  return new Proxy({} as Logger, {
    get(_target, prop) {
      const logger = current();
      const value: unknown = Reflect.get(logger, prop, logger);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(logger) : value;
    },
    set(_target, prop, value) {
      return Reflect.set(current(), prop, value);
    },
    has: (_target, prop) => Reflect.has(current(), prop),
    getPrototypeOf: () => Reflect.getPrototypeOf(current()),
  });
}
