import { closeSync, fsyncSync, openSync } from 'node:fs';
import { link, mkdir, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomically } from '../../runtime/atomic-file.js';
import { runInSlices, sha256Steps } from '../../runtime/steps.js';
import { sha256 } from './catalog-manifest.js';

/** What the kiosk knows about its fleet-delivered catalog; kept next to the file. */
export interface CatalogState {
  version: string | null;
  sha256: string | null;
  appliedAt: string | null;
  previous: { version: string; sha256: string } | null;
  /** Versions that were rolled back or failed to apply: never applied again automatically. */
  blocked: string[];
}

const EMPTY: CatalogState = { version: null, sha256: null, appliedAt: null, previous: null, blocked: [] };

/** Writes a file so that it is either complete or absent: temp file, fsync, rename, fsync dir (asynchronous). */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await writeFileAtomically(path, data);
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The catalog file on disk, its previous version for rollback, and the staging area where chunks
 * of an update wait (so a download resumes after a drop or a restart). The current file is only
 * ever replaced by rename, so readers see the old catalog or the new one, never a mix.
 */
export class CatalogStore {
  readonly previousPath: string;
  readonly statePath: string;
  readonly stagingDir: string;

  constructor(readonly path: string) {
    this.previousPath = `${path}.previous`;
    this.statePath = `${path}.state.json`;
    this.stagingDir = join(dirname(path), `.${basename(path)}.staging`);
  }

  async state(): Promise<CatalogState> {
    try {
      return { ...EMPTY, ...(JSON.parse(await readFile(this.statePath, 'utf8')) as Partial<CatalogState>) };
    } catch {
      return { ...EMPTY };
    }
  }

  async saveState(state: CatalogState): Promise<void> {
    await writeFileAtomic(this.statePath, `${JSON.stringify(state, null, 2)}\n`);
  }

  async readCurrent(): Promise<Buffer | undefined> {
    return readFile(this.path).catch(() => undefined);
  }

  private chunkDir(version: string, contentSha: string): string {
    return join(this.stagingDir, `${version}-${contentSha.slice(0, 16)}`);
  }

  /** Indexes of chunks already staged and intact for this content. */
  async stagedChunks(
    version: string,
    contentSha: string,
    expected: readonly { sha256: string }[],
  ): Promise<Set<number>> {
    const dir = this.chunkDir(version, contentSha);
    const have = new Set<number>();
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const m = /^chunk-(\d+)$/.exec(name);
      if (!m) continue;
      const index = Number(m[1]);
      const bytes = await readFile(join(dir, name));
      if (expected[index] && sha256(bytes) === expected[index].sha256) have.add(index);
      else await unlink(join(dir, name)).catch(() => undefined);
    }
    return have;
  }

  async stageChunk(version: string, contentSha: string, index: number, data: Buffer): Promise<void> {
    const dir = this.chunkDir(version, contentSha);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, `chunk-${index}`), data);
  }

  async assemble(version: string, contentSha: string, count: number): Promise<Buffer> {
    const dir = this.chunkDir(version, contentSha);
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++) parts.push(await readFile(join(dir, `chunk-${i}`)));
    return Buffer.concat(parts);
  }

  /** Drops staged downloads except the one for `keep`. */
  async clearStaging(keep?: { version: string; contentSha: string }): Promise<void> {
    if (!keep) return rm(this.stagingDir, { recursive: true, force: true });
    const keepName = basename(this.chunkDir(keep.version, keep.contentSha));
    for (const name of await readdir(this.stagingDir).catch(() => [] as string[]))
      if (name !== keepName) await rm(join(this.stagingDir, name), { recursive: true, force: true });
  }

  /**
   * Installs `data` as the current catalog: the old file becomes `.previous` (hard link, then
   * rename) and the new one is renamed into place. At every instant the path holds a whole file.
   */
  async install(data: Buffer, version: string): Promise<CatalogState> {
    const before = await this.state();
    const tmp = `${this.path}.incoming`;
    await writeFileAtomic(tmp, data);
    let previous: CatalogState['previous'] = before.previous;
    const current = await readFile(this.path).catch(() => undefined);
    if (current && !current.equals(data)) {
      const keep = `${this.previousPath}.tmp`;
      await rm(keep, { force: true });
      await link(this.path, keep);
      await rename(keep, this.previousPath);
      previous = {
        version: versionIn(current) ?? before.version ?? 'unknown',
        sha256: await hashOf(current),
      };
    } else if (current && (await exists(this.previousPath))) {
      // A power cut after the new file was renamed into place but before the state was saved:
      // the file already is `data` and `.previous` already holds the catalog it replaced.
      const old = await readFile(this.previousPath);
      previous = { version: versionIn(old) ?? before.version ?? 'unknown', sha256: await hashOf(old) };
    }
    await rename(tmp, this.path);
    syncDir(dirname(this.path));
    const state: CatalogState = {
      ...before,
      version,
      sha256: await hashOf(data),
      appliedAt: new Date().toISOString(),
      previous,
      blocked: before.blocked.filter((v) => v !== version),
    };
    await this.saveState(state);
    return state;
  }

  /**
   * Swaps the previous catalog back into place; the version rolled back from is blocked so the
   * retained manifest does not re-apply it. Throws when there is nothing to roll back to.
   */
  async rollback(): Promise<{ from: string | null; to: string; state: CatalogState }> {
    const before = await this.state();
    if (!before.previous || !(await exists(this.previousPath)))
      throw new Error('no previous catalog to roll back to');
    const swap = `${this.path}.swap`;
    await rm(swap, { force: true });
    const hadCurrent = await exists(this.path);
    if (hadCurrent) await link(this.path, swap);
    await rename(this.previousPath, this.path);
    if (hadCurrent) await rename(swap, this.previousPath);
    syncDir(dirname(this.path));
    const state: CatalogState = {
      version: before.previous.version,
      sha256: before.previous.sha256,
      appliedAt: new Date().toISOString(),
      previous:
        hadCurrent && before.version && before.sha256
          ? { version: before.version, sha256: before.sha256 }
          : null,
      blocked: before.version ? [...new Set([...before.blocked, before.version])] : before.blocked,
    };
    await this.saveState(state);
    return { from: before.version, to: before.previous.version, state };
  }

  async block(version: string): Promise<void> {
    const s = await this.state();
    if (!s.blocked.includes(version)) await this.saveState({ ...s, blocked: [...s.blocked, version] });
  }
}

/** sha256 of a whole catalog file, in slices (a 15 MB file is ~30 ms of hashing). */
function hashOf(bytes: Buffer): Promise<string> {
  return runInSlices(sha256Steps(bytes));
}

/** How compact catalog files begin (the kiosk's own, written by JSON.stringify): the version is read from there. */
const COMPACT_HEAD = /^\{"format":"smart-kiosk-catalog","version":"([0-9.-]{1,40})"/;

/** The `version` field of catalog file bytes, or undefined when they do not parse. */
function versionIn(bytes: Buffer): string | undefined {
  const head = COMPACT_HEAD.exec(bytes.toString('latin1', 0, Math.min(bytes.length, 120)));
  if (head) return head[1];
  try {
    const version = (JSON.parse(bytes.toString('utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Where fleet-delivered catalogs live: `<dataDir>/catalog/catalog.json` (the catalog service loads it when present). */
export function fleetCatalogPath(dataDir: string): string {
  return join(dataDir, 'catalog', 'catalog.json');
}

/**
 * Where a catalog's saved search index lives: next to a fleet-installed catalog
 * (`catalog.json.search-index`), in `<dataDir>/catalog/` for the shipped or configured one (the
 * program folder may be read-only and is replaced by app releases).
 */
export function catalogIndexPath(dataDir: string, path: string, source: string): string {
  return source === 'fleet' || source === 'previous'
    ? `${path}.search-index`
    : join(dataDir, 'catalog', `${source}.search-index`);
}
