import { resolve } from 'node:path';

/** The checkout's build: fake releases use its real notifier, trial and guard. */
export const DIST = resolve('dist');

/**
 * The `dist/bin/kiosk.js` body of a fake release, for fakeApp({ body }). Every mode hands
 * `release ...` to the real CLI (so the guard from `previous` is the real one) and, for `run`:
 * - good: READY=1, watchdog pings, passes its trial (real runTrial) and keeps running;
 * - crash: exits 3 at once, before READY (a crash on start);
 * - unhealthy: READY=1 and pings, runs a migration on kiosk.db, fails its trial (broker unreachable);
 * - hang: READY=1, then never pings the watchdog again.
 * SIGTERM ends it with 0, as the real kiosk does.
 */
export function releaseBody(mode: 'good' | 'crash' | 'unhealthy' | 'hang'): string {
  return `
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
const DIST = ${JSON.stringify(DIST)};
const here = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const version = here.split('/').at(-1);
if (process.argv[2] === 'release') {
  await import(DIST + '/bin/kiosk.js');
} else if (process.argv[2] === 'run') {
  process.on('SIGTERM', () => process.exit(0));
  const mode = ${JSON.stringify(mode)};
  if (mode === 'crash') { console.error('crash on start: Cannot find module ./missing.js'); process.exit(3); }
  const { SdNotifier } = await import(DIST + '/technician/systemd/sd-notify.js');
  const { ReleaseLayout } = await import(DIST + '/domain/release/release-layout.js');
  const { runTrial } = await import(DIST + '/domain/release/release-trial.js');
  const quiet = { warn() {}, error() {}, info() {} };
  const notifier = SdNotifier.fromEnv(process.env, quiet);
  await notifier.ready('serving ' + version);
  console.log('running ' + version);
  setInterval(() => undefined, 1 << 30);
  if (mode === 'hang') {
    // the event loop is alive but the watchdog is never pinged (a deadlocked service)
  } else {
    notifier.startWatchdog();
    const layout = ReleaseLayout.of(here);
    if (mode === 'unhealthy') {
      const Database = (await import(${JSON.stringify(resolve('node_modules/better-sqlite3/lib/index.js'))})).default;
      const db = new Database(process.env.KIOSK_TEST_DATA + '/kiosk.db');
      db.exec("ALTER TABLE tickets ADD COLUMN migrated_by_new TEXT; INSERT INTO schema_migrations (module, version) VALUES ('tickets', 4)");
      db.close();
    }
    const checks = [
      { name: 'first frame', passed: async () => undefined },
      { name: 'broker', passed: async () => { if (mode === 'unhealthy') throw new Error('cannot reach mqtt://127.0.0.1:1 (ECONNREFUSED)'); } },
    ];
    if (layout) {
      const r = await runTrial({ layout, version, checks, deadlineMs: 5000, log: (l) => console.log(l) });
      if (r.outcome === 'failed') { console.error(r.reason); process.exit(1); }
    }
  }
}
`;
}
