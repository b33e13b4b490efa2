import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { signDocument } from '../fleet/signing.js';
import { readBundleHeader } from './release-bundle.js';
import { RELEASE_ARCHES, RELEASE_VERSION } from './release-manifest.js';

export const DEFAULT_RELEASE_CHUNK_SIZE = 1024 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a sha256 in hex' });

/**
 * A signed offer of one release bundle on a channel, for one architecture (retained): the
 * bundle's hash and chunk hashes, so a kiosk checks every chunk as it arrives and the whole file
 * before it unpacks; the bundle inside is signed again (its manifest). `group` narrows it to the
 * kiosks of one group.
 */
export const offerSchema = z.strictObject({
  format: z.literal('smart-kiosk-release-offer'),
  channel: z.string().min(1),
  arch: z.enum(RELEASE_ARCHES),
  version: z.string().regex(RELEASE_VERSION),
  group: z.string().min(1).optional(),
  createdAt: z.string(),
  /** Bytes the unpacked release needs on disk. */
  unpackedSize: z.number().int().positive(),
  bundle: z.strictObject({
    sha256: hex64,
    size: z.number().int().positive(),
    chunkSize: z.number().int().positive(),
    chunks: z.array(z.strictObject({ sha256: hex64, size: z.number().int().positive() })).min(1),
  }),
  keyId: z.string(),
  signature: z.string(),
});
export type ReleaseOffer = z.infer<typeof offerSchema>;

/** Builds the signed offer of a bundle file (hashes streamed; chunks are read by `readChunk`). */
export async function buildOffer(options: {
  file: string;
  channel: string;
  group?: string;
  key: KeyObject;
  chunkSize?: number;
  now?: Date;
}): Promise<ReleaseOffer> {
  const header = await readBundleHeader(options.file);
  const chunkSize = options.chunkSize ?? DEFAULT_RELEASE_CHUNK_SIZE;
  const whole = createHash('sha256');
  const chunks: { sha256: string; size: number }[] = [];
  let part = createHash('sha256');
  let partSize = 0;
  for await (const data of createReadStream(options.file, {
    highWaterMark: 64 * 1024,
  }) as AsyncIterable<Buffer>) {
    whole.update(data);
    let at = 0;
    while (at < data.length) {
      const piece = data.subarray(at, at + chunkSize - partSize);
      part.update(piece);
      partSize += piece.length;
      at += piece.length;
      if (partSize === chunkSize) {
        chunks.push({ sha256: part.digest('hex'), size: partSize });
        part = createHash('sha256');
        partSize = 0;
      }
    }
  }
  if (partSize > 0) chunks.push({ sha256: part.digest('hex'), size: partSize });
  const m = header.manifest;
  return signDocument(
    {
      format: 'smart-kiosk-release-offer' as const,
      channel: options.channel,
      arch: m.arch,
      version: m.version,
      ...(options.group ? { group: options.group } : {}),
      createdAt: (options.now ?? new Date()).toISOString(),
      unpackedSize: m.files.reduce((n, f) => n + f.size, 0),
      bundle: { sha256: whole.digest('hex'), size: header.fileSize, chunkSize, chunks },
    },
    options.key,
  ) as ReleaseOffer;
}

/** Chunk `index` of a bundle file. */
export async function readChunk(file: string, offer: ReleaseOffer, index: number): Promise<Buffer> {
  const fd = await open(file, 'r');
  try {
    const size = offer.bundle.chunks[index]?.size ?? 0;
    const buf = Buffer.alloc(size);
    await fd.read(buf, 0, size, index * offer.bundle.chunkSize);
    return buf;
  } finally {
    await fd.close();
  }
}
