import { closeSync, fsyncSync, openSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Db } from '../../runtime/storage/database.js';
import type { ReleaseLayout, ReleaseState } from './release-layout.js';
import type { ReleaseManifest } from './release-manifest.js';

/** The kiosk database in a data directory. */
export const DB_FILE = 'kiosk.db';

/** The highest migration applied per module in a database. */
export function schemaOf(db: Db): Record<string, number> {
  const rows = db
    .prepare('SELECT module, MAX(version) AS v FROM schema_migrations GROUP BY module')
    .all() as {
    module: string;
    v: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.module, r.v]));
}

/** The modules whose migrations `manifest` would run on a database at `schema`. */
export function pendingMigrations(
  manifest: Pick<ReleaseManifest, 'migrations'>,
  schema: Record<string, number>,
): string[] {
  return Object.entries(manifest.migrations)
    .filter(([module, version]) => version > (schema[module] ?? 0))
    .map(([module, version]) => `${module} ${schema[module] ?? 0}→${version}`);
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the live database (SQLite online backup: consistent while the kiosk runs) to
 * `<dataDir>/release/kiosk.db.before-<version>`, synced. Returns its path.
 */
export async function backupDatabase(db: Db, dataDir: string, version: string): Promise<string> {
  const file = join(dataDir, 'release', `${DB_FILE}.before-${version}`);
  const tmp = `${file}.tmp`;
  await rm(tmp, { force: true });
  await mkdir(dirname(file), { recursive: true });
  await db.backup(tmp);
  syncPath(tmp);
  await rename(tmp, file);
  syncPath(dirname(file));
  return file;
}

/**
 * Puts a backup back as the kiosk database (the kiosk is stopped: the guard runs after it
 * exited). The WAL of the migrated database goes first so SQLite cannot replay it onto the
 * restored file; each step can be repeated after a power cut.
 */
export async function restoreDatabase(backup: string, dataDir: string): Promise<void> {
  await stat(backup);
  const file = join(dataDir, DB_FILE);
  const tmp = `${file}.restoring`;
  await copyFile(backup, tmp);
  syncPath(tmp);
  await rm(`${file}-wal`, { force: true });
  await rm(`${file}-shm`, { force: true });
  await rename(tmp, file);
  syncPath(dataDir);
}

/**
 * Switches to an installed release: records `switching`, points `previous` at the running
 * (committed) release and `current` at the new one, then records `trial`. The caller then ends
 * the process and systemd starts `current`. A power cut anywhere leaves symlinks to whole
 * releases, and the guard finishes a `switching` it finds.
 */
export async function switchRelease(
  layout: ReleaseLayout,
  version: string,
  backup: string | null,
  options: { failingBefore?: readonly string[] | undefined; now?: Date } = {},
): Promise<ReleaseState> {
  const now = options.now ?? new Date();
  const state = await layout.state();
  const from = (await layout.pointsAt('current')) ?? state.committed;
  if (!from) throw new Error('no current release to switch from');
  if (from === version) throw new Error(`release ${version} is already current`);
  if (!(await layout.manifest(version))) throw new Error(`release ${version} is not installed`);
  const trial = {
    version,
    from,
    starts: 0,
    startedAt: now.toISOString(),
    backup,
    ...(options.failingBefore ? { failingBefore: [...options.failingBefore] } : {}),
  };
  await layout.saveState({ ...state, phase: 'switching', committed: from, trial });
  await layout.point('previous', from);
  await layout.point('current', version);
  const next: ReleaseState = { ...state, phase: 'trial', committed: from, trial };
  await layout.saveState(next);
  return next;
}

/** The new release passed its health check: it becomes the committed one; old releases are pruned. */
export async function commitRelease(
  layout: ReleaseLayout,
  version: string,
  now: Date = new Date(),
): Promise<ReleaseState> {
  const state = await layout.state();
  if (state.phase !== 'trial' || state.trial?.version !== version)
    throw new Error(`release ${version} is not on trial (phase ${state.phase})`);
  const next: ReleaseState = {
    phase: 'committed',
    committed: version,
    last: { version, outcome: 'committed', from: state.trial.from, at: now.toISOString(), reported: false },
    blocked: state.blocked.filter((v) => v !== version),
  };
  await layout.saveState(next);
  if (state.trial.backup) await rm(state.trial.backup, { force: true });
  await layout.prune();
  return next;
}

/** The new release failed its own health check: the guard rolls back once the process exits. */
export async function failRelease(layout: ReleaseLayout, version: string, reason: string): Promise<void> {
  const state = await layout.state();
  if (state.phase !== 'trial' || state.trial?.version !== version) return;
  await layout.saveState({ ...state, phase: 'failed', trial: { ...state.trial, reason } });
}
