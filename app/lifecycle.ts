import type { Kiosk } from './compose.js';

/** What starting and stopping needs of a composed kiosk. */
export type KioskLifecycle = Pick<Kiosk, 'services' | 'db' | 'log'>;
import { errorMessage } from '../runtime/errors.js';

/** Starts every service; on failure to start, stops what did start and rethrows. */
export async function startKiosk(kiosk: KioskLifecycle): Promise<void> {
  try {
    await kiosk.services.startAll();
  } catch (err) {
    await stopKiosk(kiosk);
    throw err;
  }
}

/** Stops services in reverse dependency order and closes the database (flushing the WAL). */
export async function stopKiosk(kiosk: KioskLifecycle, budgetMs = 2500): Promise<void> {
  const perService = Math.max(200, Math.floor(budgetMs / Math.max(1, kiosk.services.status().length)));
  await kiosk.services.stopAll(perService);
  if (kiosk.db.open) {
    kiosk.db.pragma('wal_checkpoint(TRUNCATE)');
    kiosk.db.close();
  }
}

/**
 * Stops cleanly on SIGTERM/SIGINT within the systemd budget (3 s): a second signal or the
 * deadline forces exit.
 */
export function installSignalHandlers(
  kiosk: KioskLifecycle,
  extraStop: () => Promise<void> = async () => undefined,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    kiosk.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      kiosk.log.error('shutdown took longer than 3 s; exiting anyway');
      process.exit(1);
    }, 2900);
    deadline.unref();
    extraStop()
      .then(() => stopKiosk(kiosk))
      .then(() => {
        kiosk.log.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        kiosk.log.error({ err }, `shutdown failed: ${errorMessage(err)}`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
