import { createHash, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { parseCatalog } from '../catalog/catalog-file.js';
import { catalogVersionField, compareCatalogVersions } from '../catalog/catalog-version.js';
import type { CatalogDelta } from '../catalog/catalog-deltas.js';
import type { CatalogFile } from '../catalog/procedure.js';
import { audienceSchema, type Audience } from './rollout-audience.js';
import { signDocument, type Signed } from './signing.js';

export const DEFAULT_CHUNK_SIZE = 256 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a sha256 in hex' });

/** A signed description of one catalog version on a channel. Published retained. */
export const manifestSchema = z.strictObject({
  format: z.literal('smart-kiosk-catalog-manifest'),
  channel: z.string().min(1),
  version: catalogVersionField,
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
  /** A staged rollout's wave: only these devices apply it (absent: every kiosk on the channel). */
  audience: audienceSchema.optional(),
  keyId: z.string(),
  signature: z.string(),
});
export type CatalogManifest = z.infer<typeof manifestSchema>;

export type { CatalogDelta } from '../catalog/catalog-deltas.js';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The form kiosks store: the same JSON without whitespace (key order kept). */
export function compactCatalog(text: Buffer | string): Buffer {
  return Buffer.from(JSON.stringify(JSON.parse(text.toString())), 'utf8');
}

/** Delta from `base` to `next` (both parsed with JSON.parse, so key order is the files'). */
export function diffCatalogs(base: CatalogFile, next: CatalogFile): CatalogDelta {
  const old = new Map(base.procedures.map((p) => [p.code, JSON.stringify(p)]));
  const { procedures, ...header } = next;
  return {
    format: 'smart-kiosk-catalog-delta',
    baseVersion: base.version,
    version: next.version,
    header,
    order: procedures.map((p) => p.code),
    upsert: procedures.filter((p) => old.get(p.code) !== JSON.stringify(p)),
  };
}

/** Rebuilds the new catalog from the base and a delta; throws TypeError when they do not fit. */
export function applyDelta(base: CatalogFile, delta: CatalogDelta): CatalogFile {
  if (delta.format !== 'smart-kiosk-catalog-delta')
    throw new TypeError('delta: not a smart-kiosk-catalog-delta');
  if (delta.baseVersion !== base.version)
    throw new TypeError(`delta: applies to version ${delta.baseVersion}, the kiosk has ${base.version}`);
  const have = new Map(base.procedures.map((p) => [p.code, p]));
  for (const p of delta.upsert) have.set(p.code, p);
  const procedures = delta.order.map((code) => {
    const p = have.get(code);
    if (!p) throw new TypeError(`delta: procedure ${code} is neither in the base nor in the delta`);
    return p;
  });
  return { ...(delta.header as Omit<CatalogFile, 'procedures'>), procedures };
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
  /** For a staged rollout's wave: who may apply it. */
  audience?: Audience;
}): Rollout {
  const next = parseCatalog(options.catalog.toString('utf8'), 'catalog');
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const target = compactCatalog(options.catalog);
  let raw: Buffer = target;
  let delta: CatalogManifest['delta'];
  if (options.base) {
    const base = parseCatalog(options.base.toString('utf8'), 'base catalog');
    if (compareCatalogVersions(next.version, base.version) <= 0)
      throw new TypeError(`catalog version ${next.version} must be newer than the base ${base.version}`);
    const baseCompact = compactCatalog(options.base);
    const d = diffCatalogs(
      JSON.parse(baseCompact.toString('utf8')) as CatalogFile,
      JSON.parse(target.toString('utf8')) as CatalogFile,
    );
    if (
      !Buffer.from(
        JSON.stringify(applyDelta(JSON.parse(baseCompact.toString('utf8')) as CatalogFile, d)),
      ).equals(target)
    )
      throw new Error('internal: the delta does not reproduce the catalog');
    raw = Buffer.from(JSON.stringify(d), 'utf8');
    delta = { baseVersion: base.version, baseSha256: sha256(baseCompact) };
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
    ...(options.audience ? { audience: options.audience } : {}),
  };
  return { manifest: signDocument(unsigned, options.key) as CatalogManifest & Signed, chunks, target };
}

/** The same manifest for another wave of a staged rollout: its audience replaced, signed again. */
export function withAudience(m: CatalogManifest, audience: Audience, key: KeyObject): CatalogManifest {
  const unsigned: Record<string, unknown> = { ...m, audience };
  delete unsigned.keyId;
  delete unsigned.signature;
  return signDocument(unsigned, key) as unknown as CatalogManifest;
}
