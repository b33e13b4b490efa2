import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

function makeRoot(level: LevelWithSilent | string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { app: 'smart-kiosk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

let root: Logger = makeRoot(process.env.KIOSK_LOG_LEVEL ?? 'info');
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
  root = makeRoot(options.level ?? root.level, options.destination ?? process.stdout);
  generation++;
}

/** A namespaced logger, e.g. `createLogger('printer')`. Every line carries `ns`. */
export function createLogger(ns: string): Logger {
  let bound = root.child({ ns });
  let boundAt = generation;
  const current = (): Logger => {
    if (boundAt !== generation) {
      bound = root.child({ ns });
      boundAt = generation;
    }
    return bound;
  };
  return new Proxy(bound, {
    get(_target, prop) {
      const logger = current();
      const value: unknown = Reflect.get(logger, prop, logger);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(logger) : value;
    },
    set(_target, prop, value) {
      return Reflect.set(current(), prop, value);
    },
  });
}
