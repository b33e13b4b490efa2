import { closeSync, fsyncSync, openSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../fleet/catalog-store.js';
import {
  releaseManifestSchema,
  compareReleaseVersions,
  RELEASE_VERSION,
  type ReleaseManifest,
} from './release-manifest.js';

/** How many releases stay on disk: current, previous and one more (a download waiting for idle). */
export const KEEP_RELEASES = 3;
/** Where each unpacked release keeps its signed manifest. */
export const RELEASE_MANIFEST_FILE = '.release.json';

/**
 * Where the kiosk is in an update. `switching`: symlinks being moved (a power cut here is finished
 * by the guard); `trial`: the new release runs and must pass its health check; `failed`: it told
 * the guard why it did not; `rolling-back`: the guard is putting the previous one back.
 */
export type ReleasePhase = 'committed' | 'switching' | 'trial' | 'failed' | 'rolling-back';

export interface ReleaseState {
  phase: ReleasePhase;
  /** The last release that passed its health check (the one `previous` points at during a trial). */
  committed: string | null;
  trial?: {
    version: string;
    from: string;
    /** Starts of the new release so far (counted by the guard before each start). */
    starts: number;
    startedAt: string;
    /** The database copy taken before the switch, restored on rollback; null when no migration runs. */
    backup: string | null;
    /**
     * Ids of the doctor's checks that already failed before the switch (the old release saw
     * them); absent when nobody looked (a technician's `kiosk release install --switch`).
     */
    failingBefore?: string[];
    lastExit?: string;
    reason?: string;
  };
  /** The outcome of the last update, until the running release has reported it to the fleet. */
  last?: {
    version: string;
    outcome: 'committed' | 'rolled-back';
    reason?: string;
    from?: string;
    at: string;
    reported: boolean;
  };
  /** Versions that failed here: never installed again automatically. */
  blocked: string[];
}

const EMPTY: ReleaseState = { phase: 'committed', committed: null, blocked: [] };

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The releases on a kiosk: `<dir>/releases/<version>/`, the `current` and `previous` symlinks
 * (relative, replaced by rename so they always point at a whole release), and the update state
 * file. `previous` is always a release that passed its health check: the systemd unit runs the
 * guard from it, so a broken new release can never stop its own rollback.
 */
export class ReleaseLayout {
  readonly releasesDir: string;
  readonly statePath: string;

  constructor(readonly dir: string) {
    this.releasesDir = join(dir, 'releases');
    this.statePath = join(dir, 'release-state.json');
  }

  /** The layout `appDir` belongs to when it is `<dir>/releases/<version>`, else undefined (a checkout). */
  static of(appDir: string): ReleaseLayout | undefined {
    const parent = join(appDir, '..');
    return basename(parent) === 'releases' && RELEASE_VERSION.test(basename(appDir))
      ? new ReleaseLayout(join(parent, '..'))
      : undefined;
  }

  releaseDir(version: string): string {
    return join(this.releasesDir, version);
  }

  async state(): Promise<ReleaseState> {
    try {
      return { ...EMPTY, ...(JSON.parse(await readFile(this.statePath, 'utf8')) as Partial<ReleaseState>) };
    } catch {
      return { ...EMPTY, committed: await this.pointsAt('current') };
    }
  }

  async saveState(state: ReleaseState): Promise<void> {
    await writeFileAtomic(this.statePath, `${JSON.stringify(state, null, 2)}\n`);
  }

  /** The version a symlink (`current`, `previous`) points at, or null. */
  async pointsAt(name: 'current' | 'previous'): Promise<string | null> {
    const target = await readlink(join(this.dir, name)).catch(() => null);
    return target ? basename(target) : null;
  }

  /** Points `name` at `releases/<version>` by renaming a fresh symlink over it. */
  async point(name: 'current' | 'previous', version: string): Promise<void> {
    if ((await this.pointsAt(name)) === version) return;
    const tmp = join(this.dir, `.${name}.tmp-${process.pid}`);
    await rm(tmp, { force: true });
    await symlink(join('releases', version), tmp);
    await rename(tmp, join(this.dir, name));
    syncDir(this.dir);
  }

  /** Installed releases (complete ones: unpacks in progress are dot-folders), oldest first. */
  async releases(): Promise<string[]> {
    const names = await readdir(this.releasesDir).catch(() => [] as string[]);
    return names.filter((n) => RELEASE_VERSION.test(n)).sort(compareReleaseVersions);
  }

  async manifest(version: string): Promise<ReleaseManifest | undefined> {
    try {
      return releaseManifestSchema.parse(
        JSON.parse(await readFile(join(this.releaseDir(version), RELEASE_MANIFEST_FILE), 'utf8')),
      );
    } catch {
      return undefined;
    }
  }

  /** Where a release is unpacked before it is renamed into `releases/` (removed on any failure). */
  incomingDir(version: string): string {
    return join(this.releasesDir, `.incoming-${version}`);
  }

  /** Makes an unpacked folder a release: writes its manifest, renames it into place. */
  async adopt(incoming: string, manifest: ReleaseManifest): Promise<void> {
    await writeFileAtomic(join(incoming, RELEASE_MANIFEST_FILE), `${JSON.stringify(manifest)}\n`);
    const target = this.releaseDir(manifest.version);
    await rm(target, { recursive: true, force: true });
    await rename(incoming, target);
    syncDir(this.releasesDir);
  }

  /** Removes unpacks a power cut left behind. */
  async clearIncoming(): Promise<void> {
    await mkdir(this.releasesDir, { recursive: true });
    for (const name of await readdir(this.releasesDir))
      if (name.startsWith('.incoming-'))
        await rm(join(this.releasesDir, name), { recursive: true, force: true });
  }

  /**
   * Removes releases past KEEP_RELEASES, oldest first, never `current`, `previous` or `keep`;
   * failed (blocked) releases go first. Returns the versions removed.
   */
  async prune(keep?: string): Promise<string[]> {
    const state = await this.state();
    const pinned = new Set(
      [await this.pointsAt('current'), await this.pointsAt('previous'), keep].filter(Boolean),
    );
    const all = await this.releases();
    const candidates = [
      ...all.filter((v) => state.blocked.includes(v)),
      ...all.filter((v) => !state.blocked.includes(v)),
    ].filter((v) => !pinned.has(v));
    const removed: string[] = [];
    let count = all.length;
    for (const v of candidates) {
      if (count <= KEEP_RELEASES && !state.blocked.includes(v)) break;
      await rm(this.releaseDir(v), { recursive: true, force: true });
      removed.push(v);
      count--;
    }
    return removed;
  }

  /** True when `<dir>/current/dist/bin/kiosk.js` is there (the unit can start it). */
  async bootable(name: 'current' | 'previous' = 'current'): Promise<boolean> {
    return lstat(join(this.dir, name, 'dist', 'bin', 'kiosk.js')).then(
      (s) => s.isFile(),
      () => false,
    );
  }
}
