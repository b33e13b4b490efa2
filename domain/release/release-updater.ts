import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import { untrustedText } from '../../runtime/text/untrusted-text.js';
import { verifyDocument } from '../fleet/signing.js';
import type { FleetTopics } from '../fleet/topics.js';
import { ReleaseError, type Expectations } from './release-bundle.js';
import { DISK_RESERVE_BYTES, freeBytes, installBundle } from './release-installer.js';
import type { ReleaseLayout } from './release-layout.js';
import {
  compareReleaseVersions,
  summarizeRelease,
  type ReleaseArch,
  type ReleaseSummary,
} from './release-manifest.js';
import { offerSchema, type ReleaseOffer } from './release-offer.js';
import { switchRelease } from './release-switch.js';

/** Where the update stands, as the status shows it. */
export type UpdateState =
  | { state: 'idle' }
  | { state: 'downloading'; version: string; have: number; need: number }
  | { state: 'installing'; version: string }
  | { state: 'waiting-for-idle'; version: string; reason?: string }
  | { state: 'switching'; version: string }
  | { state: 'health-check'; version: string }
  | { state: 'committed'; version: string }
  | { state: 'rolled-back'; version: string; reason: string }
  | { state: 'refused'; version: string | null; code: string; reason: string };

export interface ReleaseUpdaterDeps {
  layout: ReleaseLayout;
  topics: FleetTopics;
  channel: string;
  arch: ReleaseArch;
  deviceId: string;
  groups: readonly string[];
  keys: ReadonlyMap<string, KeyObject> | undefined;
  abi: number;
  configVersion: number;
  log: Logger;
  subscribe(filters: string[]): Promise<void>;
  unsubscribe(filters: string[]): Promise<void>;
  report(type: string, data: Record<string, unknown>): void;
  /**
   * Why the kiosk may not switch now (a session open, the busy hours, used too recently), or
   * undefined when nobody uses it (domain/release/switch-window.ts).
   */
  whyNotNow(): string | undefined;
  /**
   * Shown on screen and spoken just before the switch, for whoever stands there; resolves once
   * the notice is on the panel (it stays there while the kiosk restarts).
   */
  notice(version: string, from: string | null): Promise<void>;
  /** Backs up the database when the release brings migrations; returns the backup path or null. */
  backupDatabase(release: ReleaseSummary): Promise<string | null>;
  /**
   * Verifies and unpacks a downloaded bundle as `releases/<version>/` (default: installBundle in
   * this process; the kiosk runs it in a low-priority child process so the UI keeps its frames).
   * Throws ReleaseError.
   */
  install?(file: string, expect: Expectations): Promise<ReleaseSummary>;
  /**
   * The ids of the doctor's checks failing now, before the switch: the new release's health
   * check does not hold them against it (a printer out of paper is not the release's fault).
   */
  failingChecks?(): Promise<string[]>;
  /** Ends the process cleanly; systemd starts `current` (the new release). */
  exit(): void;
  /** How often idleness is checked while a release waits (default 30 s). */
  idleCheckMs?: number;
}

interface Download {
  offer: ReleaseOffer;
  file: string;
  have: Set<number>;
  subscribed: string[];
}

/**
 * Device side of app releases over MQTT: follows the signed offer of its channel and arch,
 * downloads the bundle chunk by chunk into one staging file (each chunk hash-checked and synced at
 * its offset, so a restart resumes with what is on disk), checks free space before the first
 * byte, verifies and unpacks the bundle off the input path (streams), waits for the kiosk to be
 * idle, then switches and exits so systemd starts the new release on trial.
 */
export class ReleaseUpdater {
  private chain: Promise<void> = Promise.resolve();
  private download: Download | undefined;
  private waiting: { version: string; release: ReleaseSummary } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private refused = new Set<string>();
  private current: UpdateState = { state: 'idle' };

  constructor(private readonly d: ReleaseUpdaterDeps) {}

  get update(): UpdateState {
    return this.current;
  }

  /** Reads where the last update ended (health check running, committed, rolled back). */
  async init(): Promise<void> {
    const s = await this.d.layout.state();
    if (s.phase === 'trial' && s.trial) this.current = { state: 'health-check', version: s.trial.version };
    else if (s.last?.outcome === 'committed') this.current = { state: 'committed', version: s.last.version };
    else if (s.last?.outcome === 'rolled-back')
      this.current = { state: 'rolled-back', version: s.last.version, reason: s.last.reason ?? 'unknown' };
  }

  stop(): void {
    clearInterval(this.idleTimer);
    this.idleTimer = undefined;
  }

  private run(task: () => Promise<void>): Promise<void> {
    const result = this.chain.then(task);
    this.chain = result.catch((err: unknown) =>
      this.d.log.error({ err }, `release update step failed: ${errorMessage(err)}`),
    );
    return this.chain;
  }

  onOffer(payload: Buffer): Promise<void> {
    return this.run(() => this.handleOffer(payload));
  }

  onChunk(index: number, version: string, payload: Buffer): Promise<void> {
    return this.run(() => this.handleChunk(index, version, payload));
  }

  onReconnect(): Promise<void> {
    return this.run(async () => {
      if (this.download) await this.requestMissing(this.download);
    });
  }

  private refuse(version: string | null, code: string, reason: string): void {
    const key = `${version}:${code}`;
    this.current = { state: 'refused', version, code, reason };
    if (this.refused.has(key)) return;
    this.refused.add(key);
    const why = untrustedText(reason, 500);
    this.d.log.warn({ version, code }, `release refused: ${why}`);
    this.d.report('app-refused', { version, code, reason: why });
  }

  private async handleOffer(payload: Buffer): Promise<void> {
    if (payload.length === 0) return;
    let raw: unknown;
    try {
      raw = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.refuse(null, 'malformed', 'release offer is not JSON');
    }
    const parsed = offerSchema.safeParse(raw);
    if (!parsed.success) return this.refuse(null, 'malformed', 'release offer does not match the schema');
    const offer = parsed.data;
    if (!this.d.keys || this.d.keys.size === 0)
      return this.refuse(
        offer.version,
        'no-fleet-key',
        'no fleet public key configured (fleet.fleetPublicKey)',
      );
    const verdict = verifyDocument(raw as Record<string, unknown>, this.d.keys);
    if (!verdict.ok) return this.refuse(offer.version, verdict.code, verdict.message);
    if (offer.channel !== this.d.channel || offer.arch !== this.d.arch)
      return this.refuse(
        offer.version,
        'wrong-target',
        `offer is for ${offer.channel}/${offer.arch}, kiosk is ${this.d.channel}/${this.d.arch}`,
      );
    if (offer.group && !this.d.groups.includes(offer.group)) return; // for another group: not ours to act on
    const state = await this.d.layout.state();
    const running = (await this.d.layout.pointsAt('current')) ?? state.committed;
    if (state.phase !== 'committed') return; // a switch or health check is under way
    if (running && compareReleaseVersions(offer.version, running) <= 0) return;
    if (state.blocked.includes(offer.version))
      return this.refuse(
        offer.version,
        'blocked',
        `release ${offer.version} was rolled back here; publish a newer version`,
      );
    const installed = await this.d.layout.manifest(offer.version);
    if (installed) return this.waitForIdle(summarizeRelease(installed));
    const dl = this.download;
    if (dl && dl.offer.version === offer.version && dl.offer.bundle.sha256 === offer.bundle.sha256)
      return this.requestMissing(dl);
    await this.abandon();
    const free = await freeBytes(this.d.layout.releasesDir).catch(() => 0);
    const need = offer.bundle.size + offer.unpackedSize + DISK_RESERVE_BYTES;
    if (free < need)
      return this.refuse(
        offer.version,
        'disk-full',
        `release ${offer.version} needs ${Math.round(need / 1048576)} MB, ${Math.round(free / 1048576)} MB free in ${this.d.layout.releasesDir}`,
      );
    await this.d.layout.clearIncoming();
    const file = join(
      this.d.layout.releasesDir,
      `.download-${offer.version}-${offer.bundle.sha256.slice(0, 16)}.skr`,
    );
    for (const name of await readdir(this.d.layout.releasesDir))
      if (name.startsWith('.download-') && join(this.d.layout.releasesDir, name) !== file)
        await rm(join(this.d.layout.releasesDir, name), { force: true });
    const next: Download = { offer, file, have: await this.staged(file, offer), subscribed: [] };
    this.download = next;
    this.progress(next);
    this.d.log.info(
      { version: offer.version, chunks: offer.bundle.chunks.length, staged: next.have.size },
      `release ${offer.version} offered; downloading ${offer.bundle.chunks.length - next.have.size} chunk(s)`,
    );
    if (next.have.size === offer.bundle.chunks.length) return this.finish(next);
    await this.requestMissing(next);
  }

  private progress(dl: Download): void {
    this.current = {
      state: 'downloading',
      version: dl.offer.version,
      have: dl.have.size,
      need: dl.offer.bundle.chunks.length,
    };
  }

  /** Chunks already in the staging file with the right hash (read back, so a power cut loses none). */
  private async staged(file: string, offer: ReleaseOffer): Promise<Set<number>> {
    const have = new Set<number>();
    const st = await stat(file).catch(() => undefined);
    if (!st) {
      const fd = await open(file, 'w');
      await fd.truncate(offer.bundle.size);
      await fd.close();
      return have;
    }
    const fd = await open(file, 'r');
    try {
      for (let i = 0; i < offer.bundle.chunks.length; i++) {
        const c = offer.bundle.chunks[i] as { sha256: string; size: number };
        const buf = Buffer.alloc(c.size);
        await fd.read(buf, 0, c.size, i * offer.bundle.chunkSize);
        if (createHash('sha256').update(buf).digest('hex') === c.sha256) have.add(i);
      }
    } finally {
      await fd.close();
    }
    return have;
  }

  private async requestMissing(dl: Download): Promise<void> {
    const missing = dl.offer.bundle.chunks
      .map((_, i) => i)
      .filter((i) => !dl.have.has(i))
      .map((i) => this.d.topics.releaseChunk(this.d.channel, this.d.arch, dl.offer.version, i));
    if (dl.subscribed.length > 0) await this.d.unsubscribe(dl.subscribed).catch(() => undefined);
    dl.subscribed = missing;
    for (let i = 0; i < missing.length; i += 100) await this.d.subscribe(missing.slice(i, i + 100));
  }

  private async abandon(): Promise<void> {
    const dl = this.download;
    this.download = undefined;
    if (dl && dl.subscribed.length > 0) await this.d.unsubscribe(dl.subscribed).catch(() => undefined);
  }

  private async handleChunk(index: number, version: string, payload: Buffer): Promise<void> {
    const dl = this.download;
    if (!dl || dl.offer.version !== version || dl.have.has(index) || payload.length === 0) return;
    const expected = dl.offer.bundle.chunks[index];
    if (!expected || payload.length !== expected.size) return;
    if (createHash('sha256').update(payload).digest('hex') !== expected.sha256) {
      this.d.log.warn({ index, version }, 'release chunk hash mismatch; waiting for a good copy');
      return;
    }
    const fd = await open(dl.file, 'r+');
    try {
      await fd.write(payload, 0, payload.length, index * dl.offer.bundle.chunkSize);
      await fd.sync();
    } finally {
      await fd.close();
    }
    dl.have.add(index);
    this.progress(dl);
    if (dl.have.size === dl.offer.bundle.chunks.length) await this.finish(dl);
  }

  private async finish(dl: Download): Promise<void> {
    await this.abandon();
    const v = dl.offer.version;
    this.current = { state: 'installing', version: v };
    const hash = createHash('sha256');
    await pipeline(createReadStream(dl.file, { highWaterMark: 64 * 1024 }), hash);
    if (hash.digest('hex') !== dl.offer.bundle.sha256) {
      await rm(dl.file, { force: true });
      return this.refuse(
        v,
        'payload-mismatch',
        `release ${v}: the downloaded bundle does not match the signed offer`,
      );
    }
    let release: ReleaseSummary;
    try {
      const expect: Expectations = {
        keys: this.d.keys,
        arch: this.d.arch,
        abi: this.d.abi,
        configVersion: this.d.configVersion,
      };
      release = this.d.install
        ? await this.d.install(dl.file, expect)
        : summarizeRelease(await installBundle(this.d.layout, dl.file, expect));
    } catch (err) {
      const code = err instanceof ReleaseError ? err.code : 'io';
      return this.refuse(v, code, errorMessage(err));
    } finally {
      await rm(dl.file, { force: true });
    }
    if (release.version !== v)
      return this.refuse(v, 'malformed', `the bundle holds ${release.version}, the offer says ${v}`);
    this.d.report('app-downloaded', {
      version: v,
      files: release.files,
      bytes: dl.offer.bundle.size,
    });
    await this.waitForIdle(release);
  }

  private async waitForIdle(release: ReleaseSummary): Promise<void> {
    this.waiting = { version: release.version, release };
    this.current = { state: 'waiting-for-idle', version: release.version };
    clearInterval(this.idleTimer);
    const check = () => {
      if (!this.waiting) return;
      const why = this.d.whyNotNow();
      if (why !== undefined) {
        this.current = { state: 'waiting-for-idle', version: this.waiting.version, reason: why };
        return;
      }
      const w = this.waiting;
      this.waiting = undefined;
      clearInterval(this.idleTimer);
      void this.run(() => this.switchNow(w.release));
    };
    this.idleTimer = setInterval(check, this.d.idleCheckMs ?? 30_000);
    this.idleTimer.unref?.();
    check();
  }

  private async switchNow(release: ReleaseSummary): Promise<void> {
    const v = release.version;
    this.current = { state: 'switching', version: v };
    const from = await this.d.layout.pointsAt('current');
    // what already fails is not the new release's doing (undefined: nobody could look)
    const failingBefore = await this.d.failingChecks?.().catch(() => undefined);
    await this.d.notice(v, from);
    const backup = await this.d.backupDatabase(release);
    await switchRelease(this.d.layout, v, backup, { failingBefore });
    this.d.log.info({ version: v, from, backup }, `switching to release ${v}; restarting into it`);
    this.d.report('app-switching', { version: v, from, migrations: backup !== null });
    this.d.exit();
  }
}
