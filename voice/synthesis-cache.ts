import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TextToSpeech, TtsOptions } from './tts.js';
import { looksLikeWav } from '../runtime/wav.js';

export interface CacheLimits {
  /** Most on-demand (unpinned) entries kept. */
  maxEntries: number;
  /** Most bytes of on-demand entries kept. */
  maxBytes: number;
}

interface Entry {
  size: number;
  used: number;
  pinned: boolean;
}

/** What identifies one synthesis: the same key always gives the same audio. */
export function cacheKey(engine: string, voice: string, rate: number, pitch: number, text: string): string {
  return createHash('sha256')
    .update(JSON.stringify([engine, voice, rate, pitch, text.normalize('NFC')]))
    .digest('hex');
}

/**
 * Synthesised WAVs on disk, one file per key. Fixed prompts are pinned (`<sha256>.wav`, kept across
 * restarts); on-demand phrases (names, numbers: `<sha256>.d.wav`) are evicted least-recently-used
 * beyond the limits, removed by CachedTts when the citizen's session ends, and deleted at open()
 * (left by a crash mid-session), so they never outlive a session. Writes are atomic
 * (temp file + rename) so a power cut leaves either the old state or the new file, never half a WAV;
 * an unreadable file is treated as a miss and removed.
 */
export class SynthesisCache {
  private readonly entries = new Map<string, Entry>();
  private tick = 0;
  /** Temp files written so far (each put has its own name). */
  private writes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly dir: string,
    private readonly limits: CacheLimits,
  ) {
    if (limits.maxEntries < 1 || limits.maxBytes < 1) throw new TypeError('limits: must be positive');
  }

  /** Reads the folder's existing entries (oldest first). Safe to call again. */
  open(): void {
    mkdirSync(this.dir, { recursive: true });
    const found: { key: string; size: number; mtime: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      if (name.endsWith('.tmp')) {
        unlinkSync(path);
        continue;
      }
      const match = /^([0-9a-f]{64})(\.d)?\.wav$/.exec(name);
      if (!match) continue;
      if (match[2] && !this.entries.has(match[1] as string)) {
        unlinkSync(path);
        continue;
      }
      const st = statSync(path);
      if (!match[2]) found.push({ key: match[1] as string, size: st.size, mtime: st.mtimeMs });
    }
    found.sort((a, b) => a.mtime - b.mtime);
    for (const f of found) {
      if (!this.entries.has(f.key))
        this.entries.set(f.key, { size: f.size, used: ++this.tick, pinned: true });
    }
    for (const key of this.evict()) this.unlinkNow(key, false);
  }

  get size(): { entries: number; bytes: number; pinned: number } {
    let bytes = 0;
    let pinned = 0;
    for (const e of this.entries.values()) {
      bytes += e.size;
      if (e.pinned) pinned++;
    }
    return { entries: this.entries.size, bytes, pinned };
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /**
   * The cached WAV, or undefined. `pin` marks it as a fixed prompt that is never evicted. The file
   * is read without blocking (a focus label is spoken while the next frame is drawn).
   */
  async get(key: string, pin = false): Promise<Uint8Array | undefined> {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    entry.used = ++this.tick;
    const path = this.path(key, entry.pinned);
    try {
      const bytes = await readFile(path);
      if (!looksLikeWav(bytes)) throw new Error('damaged cache file');
      if (pin && !entry.pinned) {
        entry.pinned = true;
        await rename(path, this.path(key, true));
      }
      this.hits++;
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      await this.unlink(key, entry.pinned);
      this.misses++;
      return undefined;
    }
  }

  /** Stores a WAV (atomically: temp file, then rename), then evicts beyond the limits. */
  async put(key: string, wav: Uint8Array, pin = false): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const old = this.entries.get(key);
    const pinned = pin || Boolean(old?.pinned);
    // Two syntheses of one phrase may store it at once: each writes its own temp file.
    const tmp = `${this.path(key, pinned)}.${process.pid}-${++this.writes}.tmp`;
    await writeFile(tmp, wav);
    await rename(tmp, this.path(key, pinned));
    if (old && old.pinned !== pinned) await this.unlink(key, old.pinned);
    this.entries.set(key, { size: wav.byteLength, used: ++this.tick, pinned });
    await Promise.all(this.evict().map((k) => this.unlink(k, false)));
  }

  /** Removes an on-demand entry (pinned prompts stay). */
  async remove(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || entry.pinned) return;
    this.entries.delete(key);
    await this.unlink(key, false);
  }

  /** Drops pinned prompts that are no longer in the catalog (a prompt's text or the voice changed). */
  prunePinned(keep: ReadonlySet<string>): number {
    let removed = 0;
    for (const [key, entry] of [...this.entries]) {
      if (!entry.pinned || keep.has(key)) continue;
      this.entries.delete(key);
      this.unlinkNow(key, true);
      removed++;
    }
    return removed;
  }

  private path(key: string, pinned: boolean): string {
    return join(this.dir, pinned ? `${key}.wav` : `${key}.d.wav`);
  }

  private async unlink(key: string, pinned: boolean): Promise<void> {
    await unlink(this.path(key, pinned)).catch(() => undefined); // already gone
  }

  /** At open() and pruning (start-up, not while a citizen waits). */
  private unlinkNow(key: string, pinned: boolean): void {
    try {
      unlinkSync(this.path(key, pinned));
    } catch {
      /* already gone */
    }
  }

  /** Drops the least recently used on-demand entries beyond the limits; their keys (files to delete). */
  private evict(): string[] {
    const unpinned = [...this.entries].filter(([, e]) => !e.pinned).sort((a, b) => a[1].used - b[1].used);
    let bytes = unpinned.reduce((n, [, e]) => n + e.size, 0);
    let count = unpinned.length;
    const dropped: string[] = [];
    for (const [key, entry] of unpinned) {
      if (count <= this.limits.maxEntries && bytes <= this.limits.maxBytes) break;
      this.entries.delete(key);
      dropped.push(key);
      count--;
      bytes -= entry.size;
    }
    return dropped;
  }
}

/** A TTS engine with a disk cache in front: the same text, voice, rate and pitch is synthesised once. */
export class CachedTts implements TextToSpeech {
  readonly kind: string;
  /** On-demand phrases written since the last forgetSession(). */
  private readonly sessionKeys = new Set<string>();

  constructor(
    readonly engine: TextToSpeech,
    readonly cache: SynthesisCache,
  ) {
    this.kind = engine.kind;
  }

  voiceFor(options: TtsOptions): string {
    return this.engine.voiceFor?.(options) ?? options.voice ?? options.lang;
  }

  async check(): Promise<void> {
    await this.engine.check?.();
  }

  keyFor(text: string, options: TtsOptions): string {
    return cacheKey(this.engine.kind, this.voiceFor(options), options.rate, options.pitch ?? 50, text);
  }

  /** Synthesises through the cache. `pin` keeps the result forever (fixed prompts). */
  async synthesize(text: string, options: TtsOptions, pin = false): Promise<Uint8Array | null> {
    const key = this.keyFor(text, options);
    const hit = await this.cache.get(key, pin);
    if (hit) return hit;
    const wav = await this.engine.synthesize(text, options);
    if (wav) {
      await this.cache.put(key, wav, pin);
      if (!pin) this.sessionKeys.add(key);
    }
    return wav;
  }

  /**
   * Deletes the on-demand phrases synthesised since the last call: they may hold a citizen's name
   * or dossier code, so they must not outlive the session (fixed prompts stay).
   */
  async forgetSession(): Promise<void> {
    const keys = [...this.sessionKeys];
    this.sessionKeys.clear();
    await Promise.all(keys.map((key) => this.cache.remove(key)));
  }
}
