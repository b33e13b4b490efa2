import { closeSync, fsyncSync, openSync } from 'node:fs';
import { link, mkdir, open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomically } from '../../runtime/atomic-file.js';
import { runInSlices, sha256Steps } from '../../runtime/steps.js';
import {
  chainFrom,
  decodeDeltaLog,
  encodeDeltaRecord,
  materializeSteps,
  type DeltaRecord,
} from '../catalog/catalog-deltas.js';
import { deltaLogPath } from '../catalog/catalog-file.js';
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

/** The delta log is folded into the catalog file (compacted) past this size or this many records. */
export const COMPACT_BYTES = 512 * 1024;
export const COMPACT_RECORDS = 16;

/** The delta log as it stands over the current base file. */
interface LogView {
  /** sha256 of the base file (catalog.json), undefined when there is none. */
  baseSha256: string | undefined;
  /** The records that follow on from the base, in order, and where each ends in the log. */
  records: DeltaRecord[];
  ends: number[];
  /** The log file's size (bytes past the chained records are a torn tail or an old base's). */
  size: number;
}

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
 * of an update wait (so a download resumes after a drop or a restart). A full catalog replaces
 * the file by rename; a delta is appended to the delta log beside it (`catalog.json.deltas`, one
 * checksummed line each, see catalog-deltas.ts) so an update writes only what changed. The
 * catalog is the file plus the deltas that follow on from it: a reader sees the old catalog or
 * the new one, never a mix. The log is folded into the file again (compact) past a size.
 */
export class CatalogStore {
  readonly previousPath: string;
  readonly statePath: string;
  readonly stagingDir: string;
  readonly deltasPath: string;
  /** sha256 of the base file, by its inode, size and mtime (a 15 MB file is ~30 ms to hash). */
  private baseHash: { key: string; sha256: string } | undefined;

  constructor(readonly path: string) {
    this.previousPath = `${path}.previous`;
    this.statePath = `${path}.state.json`;
    this.stagingDir = join(dirname(path), `.${basename(path)}.staging`);
    this.deltasPath = deltaLogPath(path);
  }

  /**
   * What is installed: the state file, with the version and sha256 of what the files hold (the
   * last delta that follows on from the base file, else the base file itself; a power cut between
   * a rename and the state file's write is read as what the file is).
   */
  async state(): Promise<CatalogState> {
    const saved = await this.savedState();
    const view = await this.logView();
    const last = view.records.at(-1);
    if (last) {
      const before = view.records.at(-2);
      return {
        ...saved,
        version: last.version,
        sha256: last.sha256,
        appliedAt: last.appliedAt,
        previous: before
          ? { version: before.version, sha256: before.sha256 }
          : { version: last.baseVersion, sha256: last.baseSha256 },
      };
    }
    if (view.baseSha256 && saved.sha256 !== view.baseSha256) {
      const head = HEAD_VERSION.exec((await readHead(this.path)).toString('utf8'));
      return { ...saved, version: head?.[1] ?? saved.version, sha256: view.baseSha256 };
    }
    return saved;
  }

  private async savedState(): Promise<CatalogState> {
    try {
      return { ...EMPTY, ...(JSON.parse(await readFile(this.statePath, 'utf8')) as Partial<CatalogState>) };
    } catch {
      return { ...EMPTY };
    }
  }

  async saveState(state: CatalogState): Promise<void> {
    await writeFileAtomic(this.statePath, `${JSON.stringify(state, null, 2)}\n`);
  }

  /** sha256 of the base file (cached while the file is the same inode, size and mtime). */
  private async baseSha256(): Promise<string | undefined> {
    const s = await stat(this.path).catch(() => undefined);
    if (!s) return undefined;
    const key = `${s.ino}:${s.size}:${s.mtimeMs}`;
    if (this.baseHash?.key === key) return this.baseHash.sha256;
    const bytes = await readFile(this.path).catch(() => undefined);
    if (!bytes) return undefined;
    const sha256 = await hashOf(bytes);
    this.baseHash = { key, sha256 };
    return sha256;
  }

  private async logView(): Promise<LogView> {
    // the base is hashed once per file (cached), even with no log: an update then needs no hash
    const baseSha256 = await this.baseSha256();
    const log = await readFile(this.deltasPath).catch(() => undefined);
    if (!log || log.length === 0) return { baseSha256, records: [], ends: [], size: 0 };
    const { records, ends } = decodeDeltaLog(log);
    const chained = baseSha256 ? chainFrom(baseSha256, records) : [];
    return { baseSha256, records: chained, ends: ends.slice(0, chained.length), size: log.length };
  }

  /**
   * The bytes of the catalog installed (the base file with its deltas applied; not hashed again:
   * what is made from them is checked against a signed sha256, and loading checks them).
   */
  async readCurrent(): Promise<Buffer | undefined> {
    const base = await readFile(this.path).catch(() => undefined);
    if (!base) return undefined;
    const { records } = await this.logView();
    if (records.length === 0) return base;
    return (await runInSlices(materializeSteps(base, records, true))).bytes;
  }

  /**
   * Installs a delta whose result was checked against the signed manifest: one line appended to
   * the delta log and synced (the catalog file is not rewritten). A torn tail left by a power cut
   * is cut off first. Returns false (nothing written) when the installed catalog is not the
   * record's base: the caller then installs the whole file.
   */
  async appendDelta(record: DeltaRecord): Promise<boolean> {
    const view = await this.logView();
    const current = view.records.at(-1)?.sha256 ?? (await this.baseSha256());
    if (current !== record.baseSha256) return false;
    const keep = view.ends.at(-1) ?? 0;
    const file = await open(this.deltasPath, 'a', 0o644);
    try {
      if (view.size !== keep) await file.truncate(keep);
      await file.write(encodeDeltaRecord(record));
      await file.sync();
    } finally {
      await file.close();
    }
    if (view.size === 0) syncDir(dirname(this.path));
    return true;
  }

  /** True when deltas are logged over the catalog file. */
  async hasDeltas(): Promise<boolean> {
    return (await this.logView()).records.length > 0;
  }

  /** True when the delta log is past the size or the count it is folded into the file at. */
  async needsCompaction(): Promise<boolean> {
    const view = await this.logView();
    return view.size > COMPACT_BYTES || view.records.length >= COMPACT_RECORDS;
  }

  /**
   * Folds the delta log into the catalog file: the catalog before the last delta becomes
   * `.previous`, the state file says what comes, the catalog is written whole and renamed over the
   * base (the log then no longer follows on from it), the log is removed. Every step leaves the
   * same catalog installed.
   */
  async compact(): Promise<void> {
    const base = await readFile(this.path).catch(() => undefined);
    const view = await this.logView();
    if (!base || view.records.length === 0) {
      if (view.size > 0) await this.removeLog();
      return;
    }
    const made = await runInSlices(materializeSteps(base, view.records));
    const last = made.applied.at(-1);
    if (!last || !made.before) return this.removeLog();
    await writeFileAtomic(this.previousPath, made.before.bytes);
    const saved = await this.savedState();
    await this.saveState({
      ...saved,
      version: last.version,
      sha256: made.sha256,
      appliedAt: last.appliedAt,
      previous: { version: last.baseVersion, sha256: made.before.sha256 },
    });
    await writeFileAtomic(this.path, made.bytes);
    await this.removeLog();
  }

  private async removeLog(): Promise<void> {
    await rm(this.deltasPath, { force: true });
    syncDir(dirname(this.path));
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

  /** The content from its staged chunks (and `last`, one not staged). */
  async assemble(
    version: string,
    contentSha: string,
    count: number,
    last?: { index: number; data: Buffer },
  ): Promise<Buffer> {
    const dir = this.chunkDir(version, contentSha);
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++)
      parts.push(i === last?.index ? last.data : await readFile(join(dir, `chunk-${i}`)));
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
   * Installs `data` as the current catalog: the old one becomes `.previous` (a hard link of the
   * file, or the file with its deltas applied, written whole) and the new one is renamed into
   * place; the delta log, which no longer follows on from it, is removed. At every instant the
   * path holds a whole file.
   */
  async install(data: Buffer, version: string): Promise<CatalogState> {
    const before = await this.state();
    const tmp = `${this.path}.incoming`;
    await writeFileAtomic(tmp, data);
    let previous: CatalogState['previous'] = before.previous;
    const logged = (await this.logView()).records.length > 0;
    const current = await this.readCurrent();
    if (current && !current.equals(data)) {
      if (logged) await writeFileAtomic(this.previousPath, current);
      else {
        const keep = `${this.previousPath}.tmp`;
        await rm(keep, { force: true });
        await link(this.path, keep);
        await rename(keep, this.previousPath);
      }
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
    if (await exists(this.deltasPath)) await this.removeLog();
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
    const view = await this.logView();
    const last = view.records.at(-1);
    if (last) {
      // the last delta is taken off the log: the catalog is the one it applied to
      const saved = await this.savedState();
      await this.saveState({ ...saved, blocked: [...new Set([...saved.blocked, last.version])] });
      const keep = view.ends.at(-2) ?? 0;
      if (keep === 0) await this.removeLog();
      else {
        const file = await open(this.deltasPath, 'r+');
        try {
          await file.truncate(keep);
          await file.sync();
        } finally {
          await file.close();
        }
      }
      return { from: last.version, to: last.baseVersion, state: await this.state() };
    }
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
    const s = await this.savedState();
    if (!s.blocked.includes(version)) await this.saveState({ ...s, blocked: [...s.blocked, version] });
  }
}

/** sha256 of a whole catalog file, in slices (a 15 MB file is ~30 ms of hashing). */
function hashOf(bytes: Buffer): Promise<string> {
  return runInSlices(sha256Steps(bytes));
}

/** The first bytes of a file (where a compact catalog names its version). */
async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(200);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** A catalog's version near the start of its file (compact or indented). */
const HEAD_VERSION = /^\{\s*"format"\s*:\s*"smart-kiosk-catalog"\s*,\s*"version"\s*:\s*"([0-9.-]{1,40})"/;

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
