import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

let root: Logger = pino({
  level: process.env.KIOSK_LOG_LEVEL ?? 'info',
  base: { app: 'smart-kiosk' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

/** Replaces the root logger (level or destination); existing children keep the old one. */
export function configureLogging(options: {
  level?: LevelWithSilent;
  destination?: NodeJS.WritableStream;
}): void {
  root = pino(
    {
      level: options.level ?? root.level,
      base: { app: 'smart-kiosk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? process.stdout,
  );
}

/** A namespaced logger, e.g. `createLogger('printer')`. Every line carries `ns`. */
export function createLogger(ns: string): Logger {
  return root.child({ ns });
}
