import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { parseCatalogSteps } from '../catalog/catalog-parse.js';
import { runInSlices, sha256Steps } from '../../runtime/steps.js';
import { parseCatalog } from '../catalog/catalog-file.js';
import { compareCatalogVersions } from '../catalog/catalog-version.js';
import type { CatalogFile } from '../catalog/procedure.js';
import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import {
  applyDelta,
  manifestSchema,
  sha256,
  type CatalogDelta,
  type CatalogManifest,
} from './catalog-manifest.js';
import type { CatalogStore } from './catalog-store.js';
import { applyDeltaSteps, type RunningCatalog } from './delta-apply.js';
import type { DeltaRecord } from '../catalog/catalog-deltas.js';
import { formatZod } from './command-schema.js';
import { inAudience } from './rollout-audience.js';
import { verifyDocument } from './signing.js';
import type { FleetTopics } from './topics.js';
import { untrustedText } from '../../runtime/text/untrusted-text.js';

const gunzipAsync = promisify(gunzip);

/** A catalog version as manifests carry it (2026.11.25-1). */
const VERSION = /^\d{4}\.\d{2}\.\d{2}-\d{1,6}$/;

export interface CatalogUpdaterDeps {
  store: CatalogStore;
  /** This kiosk's id and groups: a staged rollout's manifest names who may apply it. */
  deviceId: string;
  groups: readonly string[];
  topics: FleetTopics;
  channel: string;
  keys: ReadonlyMap<string, KeyObject> | undefined;
  log: Logger;
  subscribe(topics: string[]): Promise<void>;
  unsubscribe(topics: string[]): Promise<void>;
  /** Reports an event to the fleet (catalog-applied, catalog-refused, catalog-rolled-back...). */
  report(type: string, data: Record<string, unknown>): void;
  /**
   * Makes the running kiosk use the new file (bus event + catalog reload). A throw rolls the file
   * back to the previous version.
   */
  activate(
    path: string,
    version: string,
    previousVersion: string | null,
    installed?: InstalledCatalog,
  ): Promise<void>;
  /**
   * The catalog the kiosk runs now: a delta whose base it is keeps its procedures as they are
   * (only the ones the delta brings are read and indexed).
   */
  running?: () => RunningCatalog | undefined;
  /**
   * How long a download may go without a good chunk before `catalog-refused` (code `stalled`)
   * is reported; the kiosk keeps waiting for good copies afterwards. Default 10 minutes.
   */
  stallMs?: number;
  /** Milliseconds since the epoch (for `since` in the status). */
  now?: () => number;
  /** How long after the last delta its log is folded into the catalog file. Default 2 minutes. */
  compactAfterMs?: number;
}

/** The catalog just installed, validated, as the running kiosk should use it (no re-read). */
export interface InstalledCatalog {
  catalog: CatalogFile;
  /** sha256 of the installed file. */
  sha256: string;
}

/** Refusals remembered to report each once; the oldest are forgotten past this many. */
const MAX_REMEMBERED_REFUSALS = 256;
/** Default for CatalogUpdaterDeps.compactAfterMs. */
export const DEFAULT_COMPACT_AFTER_MS = 2 * 60_000;
/** Default for CatalogUpdaterDeps.stallMs. */
export const DEFAULT_STALL_MS = 10 * 60_000;

/** Largest catalog (file or compressed content) a kiosk accepts; the shipped one is ~2 MB. */
export const MAX_CATALOG_BYTES = 64 * 1024 * 1024;

interface Download {
  manifest: CatalogManifest;
  have: Set<number>;
  /** Chunks that were already on disk when this download (re)started. */
  resumedFrom: number;
  subscribed: string[];
  /** When the download started (ms since the epoch). */
  since: number;
  /** Chunks that arrived with the wrong hash. */
  badChunks: number;
  stallTimer: NodeJS.Timeout | undefined;
  stallReported: boolean;
}

/**
 * Device side of catalog rollouts: follows the channel's retained manifest, fetches missing
 * chunks (each chunk is its own retained topic, so a resume asks only for what is missing),
 * verifies signature and hashes, installs atomically, and rolls back on failure or command.
 */
export class CatalogUpdater {
  private download: Download | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly refused = new Set<string>();
  private currentVersion: string | null = null;
  private compactTimer: NodeJS.Timeout | undefined;
  /**
   * The outcome of the last manifest acted on, in the status (`catalog.last`): set before the
   * event is reported, as the report re-publishes the status and a fleet tool that missed the
   * event reads the outcome from there. `code` is the refusal's code, `rolled-back`, or
   * `load-failed` (the first catalog would not load and nothing was there to go back to).
   */
  lastResult: { version: string; ok: boolean; code?: string; reason?: string; at: string } | null = null;

  constructor(private readonly d: CatalogUpdaterDeps) {}

  get version(): string | null {
    return this.currentVersion;
  }

  /** The download in progress, as the status shows it: `{version, have, need, since}`. */
  get progress(): { version: string; have: number; need: number; since: string; badChunks: number } | null {
    const dl = this.download;
    return dl
      ? {
          version: dl.manifest.version,
          have: dl.have.size,
          need: dl.manifest.content.chunks.length,
          since: new Date(dl.since).toISOString(),
          badChunks: dl.badChunks,
        }
      : null;
  }

  private now(): number {
    return this.d.now?.() ?? Date.now();
  }

  /** (Re)arms the stall timer: no good chunk for stallMs reports `stalled` once per download. */
  private armStall(dl: Download): void {
    clearTimeout(dl.stallTimer);
    dl.stallTimer = setTimeout(() => {
      if (this.download !== dl || dl.stallReported) return;
      dl.stallReported = true;
      const need = dl.manifest.content.chunks.length;
      this.refuse(
        dl.manifest,
        `download of ${dl.manifest.version} stalled: ${dl.have.size} of ${need} chunks after ${Math.round((this.now() - dl.since) / 1000)} s, ${dl.badChunks} arrived with a wrong hash; still waiting for good copies`,
        'stalled',
        { have: dl.have.size, need, badChunks: dl.badChunks },
      );
    }, this.d.stallMs ?? DEFAULT_STALL_MS);
    dl.stallTimer.unref?.();
  }

  async init(): Promise<void> {
    this.currentVersion = (await this.d.store.state()).version;
    this.compactLater();
  }

  /**
   * Folds the delta log into the catalog file once no update has come for compactAfterMs (at
   * once when the log is past its size): in slices and asynchronous writes, so the screen keeps
   * taking input, and off the update's own path. A failure leaves the log, which serves.
   */
  private compactLater(): void {
    clearTimeout(this.compactTimer);
    const compact = () =>
      this.run(async () => {
        if (!(await this.d.store.hasDeltas())) return;
        await this.d.store
          .compact()
          .catch((err: unknown) =>
            this.d.log.warn(
              { err: errorMessage(err) },
              `catalog delta log not compacted: ${errorMessage(err)}`,
            ),
          );
      });
    void this.run(async () => {
      if (await this.d.store.needsCompaction()) void compact();
      else if (await this.d.store.hasDeltas()) {
        this.compactTimer = setTimeout(
          () => void compact(),
          this.d.compactAfterMs ?? DEFAULT_COMPACT_AFTER_MS,
        );
        this.compactTimer.unref?.();
      }
    });
  }

  /** Queues work so manifests, chunks and rollbacks never interleave. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  onManifest(payload: Buffer): Promise<void> {
    return this.run(() => this.handleManifest(payload));
  }

  onChunk(index: number, version: string, payload: Buffer): Promise<void> {
    return this.run(() => this.handleChunk(index, version, payload));
  }

  /** After a reconnect: ask again for what is still missing. */
  onReconnect(): Promise<void> {
    return this.run(async () => {
      if (this.download) await this.requestMissing(this.download);
    });
  }

  rollback(): Promise<Record<string, unknown>> {
    return this.run(async () => {
      await this.abandonDownload();
      const { from, to, state } = await this.d.store.rollback();
      this.currentVersion = state.version;
      await this.d.activate(this.d.store.path, to, from);
      this.d.report('catalog-rolled-back', { from, to, reason: 'command' });
      return { from, to };
    });
  }

  /**
   * Reports a refusal once per version, content and code. `manifest` may be unverified (a
   * malformed or badly signed one): its version goes into the event only when it is a well-formed
   * version, and the reason is bounded and stripped of control characters.
   */
  private refuse(manifest: unknown, reason: string, code: string, extra: Record<string, unknown> = {}): void {
    const m = (typeof manifest === 'object' && manifest !== null ? manifest : {}) as {
      version?: unknown;
      content?: { sha256?: unknown } | null;
    };
    const version = typeof m.version === 'string' && VERSION.test(m.version) ? m.version : null;
    const content =
      typeof m.content?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.content.sha256)
        ? m.content.sha256
        : '?';
    const key = `${version ?? '?'}:${content}:${code}`;
    if (this.refused.has(key)) return;
    this.refused.add(key);
    if (this.refused.size > MAX_REMEMBERED_REFUSALS)
      this.refused.delete(this.refused.values().next().value as string);
    const why = untrustedText(reason, 500);
    this.d.log.warn({ version, code }, `catalog refused: ${why}`);
    this.lastResult = { version: version ?? '?', ok: false, code, reason: why, at: new Date().toISOString() };
    this.d.report('catalog-refused', { version, code, reason: why, ...extra });
  }

  private async handleManifest(payload: Buffer): Promise<void> {
    if (payload.length === 0) return; // retained manifest cleared
    let raw: unknown;
    try {
      raw = JSON.parse(payload.toString('utf8'));
    } catch (err) {
      return this.refuse(undefined, `manifest is not JSON: ${errorMessage(err)}`, 'malformed');
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) return this.refuse(raw, `manifest: ${formatZod(parsed.error)}`, 'malformed');
    const m = parsed.data;
    if (!this.d.keys || this.d.keys.size === 0)
      return this.refuse(m, 'no fleet public key configured (fleet.fleetPublicKey)', 'no-fleet-key');
    const verdict = verifyDocument(raw as Record<string, unknown>, this.d.keys);
    if (!verdict.ok) return this.refuse(m, verdict.message, verdict.code);
    if (m.size > MAX_CATALOG_BYTES || m.content.size > MAX_CATALOG_BYTES)
      return this.refuse(
        m,
        `catalog of ${m.size} bytes (${m.content.size} compressed) is over the ${MAX_CATALOG_BYTES}-byte limit`,
        'oversized',
      );
    if (m.channel !== this.d.channel)
      return this.refuse(
        m,
        `manifest is for channel ${m.channel}, kiosk follows ${this.d.channel}`,
        'wrong-channel',
      );
    if (m.audience && !inAudience(m.audience, this.d.deviceId, this.d.groups)) {
      // not (or no longer: an aborted wave) this kiosk's turn: keep what it has, stop a download
      if (this.download?.manifest.version === m.version) await this.abandonDownload();
      this.d.log.debug({ version: m.version, rollout: m.audience.rollout }, 'catalog not for this kiosk yet');
      return;
    }
    const state = await this.d.store.state();
    if (state.version === m.version && state.sha256 === m.sha256) return;
    if (state.blocked.includes(m.version))
      return this.refuse(
        m,
        `version ${m.version} was rolled back or failed here; publish a newer version`,
        'blocked',
      );
    if (state.version && !isNewer(m.version, state.version))
      return this.refuse(m, `version ${m.version} is not newer than the installed ${state.version}`, 'older');
    if (m.delta && m.delta.baseVersion !== state.version)
      return this.refuse(
        m,
        `delta applies to ${m.delta.baseVersion} but the kiosk has ${state.version ?? 'no fleet catalog'}; publish a full catalog`,
        'delta-base-mismatch',
      );
    const dl = this.download;
    if (dl && dl.manifest.version === m.version && dl.manifest.content.sha256 === m.content.sha256) {
      await this.requestMissing(dl);
      return;
    }
    await this.abandonDownload();
    await this.d.store.clearStaging({ version: m.version, contentSha: m.content.sha256 });
    const have = await this.d.store.stagedChunks(m.version, m.content.sha256, m.content.chunks);
    const next: Download = {
      manifest: m,
      have,
      resumedFrom: have.size,
      subscribed: [],
      since: this.now(),
      badChunks: 0,
      stallTimer: undefined,
      stallReported: false,
    };
    this.download = next;
    this.armStall(next);
    this.d.log.info(
      { version: m.version, chunks: m.content.chunks.length, staged: have.size, kind: m.content.kind },
      `catalog ${m.version} offered; downloading ${m.content.chunks.length - have.size} chunk(s)`,
    );
    if (have.size === m.content.chunks.length) return this.finish(next);
    await this.requestMissing(next);
  }

  private async requestMissing(dl: Download): Promise<void> {
    const missing = dl.manifest.content.chunks
      .map((_, i) => i)
      .filter((i) => !dl.have.has(i))
      .map((i) => this.d.topics.catalogChunk(this.d.channel, dl.manifest.version, i));
    if (dl.subscribed.length > 0) await this.d.unsubscribe(dl.subscribed).catch(() => undefined);
    dl.subscribed = missing;
    for (let i = 0; i < missing.length; i += 100) await this.d.subscribe(missing.slice(i, i + 100));
  }

  private async abandonDownload(): Promise<void> {
    const dl = this.download;
    this.download = undefined;
    clearTimeout(dl?.stallTimer);
    if (dl && dl.subscribed.length > 0) await this.d.unsubscribe(dl.subscribed).catch(() => undefined);
  }

  private async handleChunk(index: number, version: string, payload: Buffer): Promise<void> {
    const dl = this.download;
    if (!dl || dl.manifest.version !== version || dl.have.has(index) || payload.length === 0) return;
    const expected = dl.manifest.content.chunks[index];
    if (!expected)
      return this.d.log.warn({ index, version }, 'catalog chunk index outside the manifest; ignored');
    if (sha256(payload) !== expected.sha256) {
      dl.badChunks++;
      this.d.log.warn({ index, version }, 'catalog chunk hash mismatch; waiting for a good copy');
      return;
    }
    // The chunk that completes the download is not staged: it is used at once (a cut before the
    // install only means fetching it again from its retained topic).
    if (dl.have.size + 1 === dl.manifest.content.chunks.length) {
      dl.have.add(index);
      return this.finish(dl, { index, data: payload });
    }
    await this.d.store.stageChunk(version, dl.manifest.content.sha256, index, payload);
    dl.have.add(index);
    this.armStall(dl);
  }

  private async finish(dl: Download, last?: { index: number; data: Buffer }): Promise<void> {
    const m = dl.manifest;
    await this.abandonDownload();
    let target: Buffer;
    let installed: InstalledCatalog | undefined;
    let record: DeltaRecord | undefined;
    try {
      const content = await this.d.store.assemble(m.version, m.content.sha256, m.content.chunks.length, last);
      // Hashes, unzipping and parsing in slices or in the thread pool: a frame is never held up long.
      if ((await runInSlices(sha256Steps(content))) !== m.content.sha256)
        throw new Error('assembled content hash does not match the manifest');
      const raw = await gunzipAsync(content, { maxOutputLength: MAX_CATALOG_BYTES });
      if (m.content.kind === 'delta') {
        const current = await this.d.store.readCurrent();
        if (!current) throw new Error('delta received but the kiosk has no catalog file to apply it to');
        const delta = JSON.parse(raw.toString('utf8')) as CatalogDelta;
        if (delta.version !== m.version)
          throw new Error(`delta says version ${delta.version}, manifest ${m.version}`);
        const fast = await runInSlices(
          applyDeltaSteps(this.d.running?.(), current, delta, m.delta?.baseSha256, m.sha256),
        );
        if (fast) {
          target = fast.target;
          installed = { catalog: fast.catalog, sha256: m.sha256 };
        } else target = applyWhole(current, delta, m);
        record = {
          version: m.version,
          sha256: m.sha256,
          baseVersion: delta.baseVersion,
          baseSha256: m.delta?.baseSha256 ?? '',
          appliedAt: new Date(this.now()).toISOString(),
          delta,
        };
      } else {
        target = raw;
        if ((await runInSlices(sha256Steps(target))) !== m.sha256)
          throw new Error('catalog hash does not match the signed manifest');
        const catalog = await runInSlices(parseCatalogSteps(target, `catalog ${m.version}`));
        if (catalog.version !== m.version)
          throw new Error(`file says version ${catalog.version}, manifest ${m.version}`);
        installed = { catalog, sha256: m.sha256 };
      }
    } catch (err) {
      await this.d.store.clearStaging();
      await this.d.store.block(m.version);
      return this.refuse(m, `could not verify ${m.version}: ${errorMessage(err)}`, 'verify-failed');
    }
    const before = await this.d.store.state();
    // a delta is appended to the delta log (only what changed is written), else the file is replaced
    if (!record || !(await this.d.store.appendDelta(record))) await this.d.store.install(target, m.version);
    await this.d.store.clearStaging();
    try {
      await this.d.activate(this.d.store.path, m.version, before.version, installed);
    } catch (err) {
      this.d.log.error({ err, version: m.version }, `catalog ${m.version} failed to load; rolling back`);
      if (before.version) {
        await this.d.store.rollback();
        await this.d.activate(this.d.store.path, before.version, m.version).catch(() => undefined);
      } else await this.d.store.block(m.version);
      this.currentVersion = (await this.d.store.state()).version;
      this.lastResult = {
        version: m.version,
        ok: false,
        code: before.version ? 'rolled-back' : 'load-failed',
        reason: errorMessage(err),
        at: new Date().toISOString(),
      };
      if (before.version)
        this.d.report('catalog-rolled-back', {
          from: m.version,
          to: before.version,
          reason: errorMessage(err),
        });
      return;
    }
    this.currentVersion = m.version;
    if (record) this.compactLater();
    this.lastResult = { version: m.version, ok: true, at: new Date().toISOString() };
    this.d.log.info({ version: m.version, resumedFrom: dl.resumedFrom }, `catalog ${m.version} applied`);
    this.d.report('catalog-applied', {
      version: m.version,
      previous: before.version,
      sha256: m.sha256,
      kind: m.content.kind,
      procedures: m.procedures,
      chunks: m.content.chunks.length,
      resumedFromChunks: dl.resumedFrom,
    });
  }
}

/**
 * A delta applied to the whole installed file: its hash proves it is the delta's base (it was
 * validated when it was applied), so only the procedures the delta brings are validated again.
 */
function applyWhole(current: Buffer, delta: CatalogDelta, m: CatalogManifest): Buffer {
  if (sha256(current) !== m.delta?.baseSha256)
    throw new Error(
      `the installed catalog is not the delta's base (${m.delta?.baseVersion}); publish a full catalog or use --base with the file the kiosks have`,
    );
  parseCatalog(JSON.stringify({ ...delta.header, procedures: delta.upsert }), `delta ${m.version}`);
  const target = Buffer.from(
    JSON.stringify(applyDelta(JSON.parse(current.toString('utf8')) as CatalogFile, delta)),
    'utf8',
  );
  if (sha256(target) !== m.sha256) throw new Error('catalog hash does not match the signed manifest');
  return target;
}

/**
 * True when `offered` is newer than `installed`. An installed version that does not parse (a state
 * file written by hand, or "unknown" after a repair) is treated as older than any valid version.
 */
function isNewer(offered: string, installed: string): boolean {
  try {
    return compareCatalogVersions(offered, installed) > 0;
  } catch {
    return true;
  }
}
