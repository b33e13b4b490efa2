import { createHash, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { parseCatalog } from '../catalog/catalog-file.js';
import type { CatalogFile, Procedure } from '../catalog/procedure.js';
import { signDocument, type Signed } from './signing.js';

export const DEFAULT_CHUNK_SIZE = 256 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a sha256 in hex' });

/** A signed description of one catalog version on a channel. Published retained. */
export const manifestSchema = z.strictObject({
  format: z.literal('smart-kiosk-catalog-manifest'),
  channel: z.string().min(1),
  version: z.string().regex(/^\d{4}\.\d{2}\.\d{2}-\d+$/, { error: 'must look like "2026.11.25-1"' }),
  createdAt: z.string(),
  /** The catalog file the kiosk ends up with (uncompressed JSON). */
  sha256: hex64,
  size: z.number().int().positive(),
  procedures: z.number().int().min(0),
  /** What travels in the chunks: gzip of the full file, or gzip of a delta document. */
  content: z.strictObject({
    kind: z.enum(['full', 'delta']),
    encoding: z.literal('gzip'),
    sha256: hex64,
    size: z.number().int().positive(),
    chunkSize: z.number().int().positive(),
    chunks: z.array(z.strictObject({ sha256: hex64, size: z.number().int().positive() })).min(1),
  }),
  /** For deltas: the version (and file hash) the delta applies to. */
  delta: z.strictObject({ baseVersion: z.string(), baseSha256: hex64 }).optional(),
  keyId: z.string(),
  signature: z.string(),
});
export type CatalogManifest = z.infer<typeof manifestSchema>;

/** Changes between two catalog versions: procedures replaced or added, and codes removed. */
export interface CatalogDelta {
  format: 'smart-kiosk-catalog-delta';
  baseVersion: string;
  version: string;
  createdAt: string;
  upsert: Procedure[];
  remove: string[];
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Orders versions like "2026.11.25-2" numerically, part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/\D+/).map(Number);
  const pb = b.split(/\D+/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The bytes a kiosk stores for a catalog assembled from a delta. */
export function serializeCatalog(catalog: CatalogFile): Buffer {
  return Buffer.from(JSON.stringify(catalog), 'utf8');
}

export function diffCatalogs(base: CatalogFile, next: CatalogFile): CatalogDelta {
  const old = new Map(base.procedures.map((p) => [p.code, JSON.stringify(p)]));
  const fresh = new Set(next.procedures.map((p) => p.code));
  return {
    format: 'smart-kiosk-catalog-delta',
    baseVersion: base.version,
    version: next.version,
    createdAt: next.createdAt,
    upsert: next.procedures.filter((p) => old.get(p.code) !== JSON.stringify(p)),
    remove: base.procedures.filter((p) => !fresh.has(p.code)).map((p) => p.code),
  };
}

/** Applies a delta: removed codes go, changed ones are replaced in place, new ones are appended. */
export function applyDelta(base: CatalogFile, delta: CatalogDelta): CatalogFile {
  if (delta.format !== 'smart-kiosk-catalog-delta')
    throw new TypeError('delta: not a smart-kiosk-catalog-delta');
  if (delta.baseVersion !== base.version)
    throw new TypeError(`delta: applies to version ${delta.baseVersion}, the kiosk has ${base.version}`);
  const removed = new Set(delta.remove);
  const upserts = new Map(delta.upsert.map((p) => [p.code, p]));
  const procedures: Procedure[] = [];
  for (const p of base.procedures) {
    if (removed.has(p.code)) continue;
    const replacement = upserts.get(p.code);
    procedures.push(replacement ?? p);
    upserts.delete(p.code);
  }
  procedures.push(...upserts.values());
  return { ...base, version: delta.version, createdAt: delta.createdAt, procedures };
}

export interface Rollout {
  manifest: CatalogManifest;
  chunks: Buffer[];
  /** The catalog file kiosks will hold. */
  target: Buffer;
}

/**
 * Builds a signed rollout for `channel` from catalog file bytes (JSON text). With `base`, the
 * content is a delta against it; the target is then the delta applied to the base.
 */
export function buildRollout(options: {
  catalog: Buffer;
  channel: string;
  key: KeyObject;
  base?: Buffer;
  chunkSize?: number;
  now?: Date;
}): Rollout {
  const next = parseCatalog(options.catalog.toString('utf8'), 'catalog');
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  let target = options.catalog;
  let raw: Buffer = options.catalog;
  let delta: CatalogManifest['delta'];
  if (options.base) {
    const base = parseCatalog(options.base.toString('utf8'), 'base catalog');
    if (compareVersions(next.version, base.version) <= 0)
      throw new TypeError(`catalog version ${next.version} must be newer than the base ${base.version}`);
    const d = diffCatalogs(base, next);
    target = serializeCatalog(applyDelta(base, d));
    raw = Buffer.from(JSON.stringify(d), 'utf8');
    delta = { baseVersion: base.version, baseSha256: sha256(options.base) };
  }
  const content = gzipSync(raw, { level: 9 });
  const chunks: Buffer[] = [];
  for (let at = 0; at < content.length; at += chunkSize) chunks.push(content.subarray(at, at + chunkSize));
  const unsigned = {
    format: 'smart-kiosk-catalog-manifest' as const,
    channel: options.channel,
    version: next.version,
    createdAt: (options.now ?? new Date()).toISOString(),
    sha256: sha256(target),
    size: target.length,
    procedures: next.procedures.length,
    content: {
      kind: delta ? ('delta' as const) : ('full' as const),
      encoding: 'gzip' as const,
      sha256: sha256(content),
      size: content.length,
      chunkSize,
      chunks: chunks.map((c) => ({ sha256: sha256(c), size: c.length })),
    },
    ...(delta ? { delta } : {}),
  };
  return { manifest: signDocument(unsigned, options.key) as CatalogManifest & Signed, chunks, target };
}
