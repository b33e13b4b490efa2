import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { errorMessage } from '../../runtime/errors.js';
import { signDocument, verifyDocument } from '../fleet/signing.js';
import {
  releaseManifestSchema,
  type ReleaseArch,
  type ReleaseFile,
  type ReleaseLink,
  type ReleaseManifest,
} from './release-manifest.js';

/**
 * A release bundle is one file:
 *
 *     smart-kiosk-release 1\n
 *     <byte length of the manifest>\n
 *     <signed manifest, JSON>\n
 *     <payload: gzip of every file's bytes, concatenated in the manifest's order>
 *
 * Paths, sizes and modes come only from the signed manifest, so unpacking cannot be steered by
 * the archive itself (no tar headers, no `..`, no device files), and a changed byte anywhere in
 * the payload changes its sha256, which is checked before anything is written.
 */
export const BUNDLE_MAGIC = 'smart-kiosk-release 1\n';
/** Largest manifest a kiosk reads (a full app lists ~6,000 files in ~1 MB). */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** Why a bundle was refused: a stable code for the fleet and a sentence for people. */
export class ReleaseError extends Error {
  override readonly name = 'ReleaseError';
  constructor(
    readonly code:
      | 'not-a-bundle'
      | 'malformed'
      | 'unknown-key'
      | 'bad-signature'
      | 'no-fleet-key'
      | 'wrong-arch'
      | 'wrong-abi'
      | 'config-too-new'
      | 'payload-mismatch'
      | 'file-mismatch'
      | 'io',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface BundleInput {
  /** The file's bytes are read from here when the payload is written. */
  source: string;
  file: Omit<ReleaseFile, 'sha256'> & { sha256?: string };
}

export type UnsignedManifest = Omit<ReleaseManifest, 'keyId' | 'signature' | 'payload' | 'files' | 'links'>;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Writes a signed bundle to `out`: hashes every file, writes the gzip payload to a temp file,
 * signs the manifest (payload hash included) and joins header and payload. Returns the manifest.
 */
export async function writeBundle(options: {
  out: string;
  manifest: UnsignedManifest;
  inputs: readonly BundleInput[];
  links: readonly ReleaseLink[];
  key: KeyObject;
}): Promise<ReleaseManifest> {
  const files: ReleaseFile[] = [];
  for (const input of options.inputs)
    files.push({ ...input.file, sha256: input.file.sha256 ?? (await sha256File(input.source)) });
  const payloadTmp = `${options.out}.payload-${process.pid}`;
  const hash = createHash('sha256');
  let size = 0;
  try {
    const gzip = createGzip({ level: 9 });
    const written = pipeline(
      gzip,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(payloadTmp),
    );
    for (const input of options.inputs) {
      for await (const chunk of createReadStream(input.source) as AsyncIterable<Buffer>)
        if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
    }
    gzip.end();
    await written;
    const manifest = signDocument(
      {
        ...options.manifest,
        payload: { encoding: 'gzip' as const, size, sha256: hash.digest('hex') },
        files,
        links: [...options.links],
      },
      options.key,
    ) as ReleaseManifest;
    const json = Buffer.from(JSON.stringify(manifest), 'utf8');
    const tmp = `${options.out}.tmp-${process.pid}`;
    const head = Buffer.from(`${BUNDLE_MAGIC}${json.length}\n`, 'utf8');
    const out = createWriteStream(tmp);
    await pipeline(async function* () {
      yield head;
      yield json;
      yield Buffer.from('\n');
      for await (const chunk of createReadStream(payloadTmp) as AsyncIterable<Buffer>) yield chunk;
    }, out);
    await rename(tmp, options.out);
    return manifest;
  } finally {
    await rm(payloadTmp, { force: true });
  }
}

export interface BundleHeader {
  /** The manifest as parsed JSON (verify it before trusting anything in it). */
  raw: Record<string, unknown>;
  manifest: ReleaseManifest;
  /** Where the payload starts in the file. */
  payloadOffset: number;
  fileSize: number;
}

/** Reads and parses the header of a bundle file. Throws ReleaseError (not-a-bundle, malformed, io). */
export async function readBundleHeader(file: string): Promise<BundleHeader> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new ReleaseError('io', `cannot open ${file}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    const fileSize = (await handle.stat()).size;
    const first = Buffer.alloc(Math.min(64, fileSize));
    await handle.read(first, 0, first.length, 0);
    const text = first.toString('latin1');
    if (!text.startsWith(BUNDLE_MAGIC))
      throw new ReleaseError(
        'not-a-bundle',
        `${file} is not a smart-kiosk release bundle (no "${BUNDLE_MAGIC.trim()}" header)`,
      );
    const m = /^(\d{1,9})\n/.exec(text.slice(BUNDLE_MAGIC.length));
    if (!m) throw new ReleaseError('malformed', `${file}: the manifest length line is missing`);
    const length = Number(m[1]);
    const start = BUNDLE_MAGIC.length + m[0].length;
    if (length > MAX_MANIFEST_BYTES)
      throw new ReleaseError(
        'malformed',
        `${file}: manifest of ${length} bytes is over the ${MAX_MANIFEST_BYTES}-byte limit`,
      );
    if (start + length + 1 > fileSize)
      throw new ReleaseError(
        'malformed',
        `${file} is cut short (the manifest ends past the end of the file)`,
      );
    const json = Buffer.alloc(length + 1);
    await handle.read(json, 0, length + 1, start);
    if (json[length] !== 0x0a) throw new ReleaseError('malformed', `${file}: no newline after the manifest`);
    let raw: unknown;
    try {
      raw = JSON.parse(json.subarray(0, length).toString('utf8'));
    } catch (err) {
      throw new ReleaseError('malformed', `${file}: the manifest is not JSON (${errorMessage(err)})`);
    }
    const parsed = releaseManifestSchema.safeParse(raw);
    if (!parsed.success)
      throw new ReleaseError(
        'malformed',
        `${file}: manifest ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; ')}`,
      );
    return {
      raw: raw as Record<string, unknown>,
      manifest: parsed.data,
      payloadOffset: start + length + 1,
      fileSize,
    };
  } finally {
    await handle.close();
  }
}

export interface Expectations {
  keys: ReadonlyMap<string, KeyObject> | undefined;
  /** The architecture of the kiosk that will run it (undefined: not checked). */
  arch?: ReleaseArch;
  /** `process.versions.modules` of the Node that will run it (undefined: not checked). */
  abi?: number;
  /** The config format version the kiosk's config is written for (undefined: not checked). */
  configVersion?: number;
}

/**
 * Checks a bundle without unpacking it: header, signature against the fleet keys, that it is for
 * this arch, Node ABI and config, and the payload's size and sha256 (streamed, in the libuv
 * thread pool's pace: the event loop only sees 64 KiB reads). Throws ReleaseError.
 */
export async function verifyBundle(file: string, expect: Expectations): Promise<BundleHeader> {
  const header = await readBundleHeader(file);
  const m = header.manifest;
  if (!expect.keys || expect.keys.size === 0)
    throw new ReleaseError(
      'no-fleet-key',
      'no fleet public key to check the release against (fleet.fleetPublicKey)',
    );
  const verdict = verifyDocument(header.raw, expect.keys);
  if (!verdict.ok) throw new ReleaseError(verdict.code, `release ${m.version}: ${verdict.message}`);
  if (expect.arch && m.arch !== expect.arch)
    throw new ReleaseError(
      'wrong-arch',
      `release ${m.version} is built for ${m.arch}; this kiosk is ${expect.arch}`,
    );
  if (expect.abi !== undefined && (expect.abi < m.node.abi.min || expect.abi > m.node.abi.max))
    throw new ReleaseError(
      'wrong-abi',
      `release ${m.version} has native modules for Node ABI ${m.node.abi.min}-${m.node.abi.max} (built with Node ${m.node.builtWith}); this kiosk's Node has ABI ${expect.abi}`,
    );
  if (expect.configVersion !== undefined && m.minConfigVersion > expect.configVersion)
    throw new ReleaseError(
      'config-too-new',
      `release ${m.version} needs config version ${m.minConfigVersion}; this kiosk's config is version ${expect.configVersion} (re-provision or upgrade in steps)`,
    );
  const payloadSize = header.fileSize - header.payloadOffset;
  if (payloadSize !== m.payload.size)
    throw new ReleaseError(
      'payload-mismatch',
      `release ${m.version}: payload is ${payloadSize} bytes, the signed manifest says ${m.payload.size}`,
    );
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { start: header.payloadOffset, highWaterMark: 64 * 1024 }), hash);
  if (hash.digest('hex') !== m.payload.sha256)
    throw new ReleaseError(
      'payload-mismatch',
      `release ${m.version}: payload sha256 does not match the signed manifest (tampered or damaged)`,
    );
  return header;
}

/** Where a link's target lands, relative to the release root; undefined when it leaves the tree. */
function linkInside(link: ReleaseLink): string | undefined {
  if (link.target.startsWith('/')) return undefined;
  const resolved = posix.normalize(posix.join(posix.dirname(link.path), link.target));
  return resolved === '..' || resolved.startsWith('../') ? undefined : resolved;
}

/**
 * Unpacks a verified bundle into `dir` (which must not exist yet): each file is written with the
 * manifest's path and mode, hashed as it streams, and synced; a file whose bytes do not match
 * its signed hash stops the unpack (the caller removes `dir`). Awaited writes keep memory flat.
 */
export async function unpackBundle(file: string, header: BundleHeader, dir: string): Promise<void> {
  const m = header.manifest;
  for (const link of m.links)
    if (!linkInside(link))
      throw new ReleaseError(
        'malformed',
        `release ${m.version}: link ${link.path} points outside the release`,
      );
  await mkdir(dir, { recursive: false });
  const gunzip = createGunzip();
  const source = createReadStream(file, { start: header.payloadOffset, highWaterMark: 64 * 1024 });
  source.pipe(gunzip);
  source.on('error', (err) => gunzip.destroy(err));
  let index = -1;
  let left = 0;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let hash = createHash('sha256');
  const made = new Set<string>();
  const next = async (): Promise<void> => {
    for (;;) {
      if (handle) {
        await handle.close();
        handle = undefined;
        const f = m.files[index] as ReleaseFile;
        if (hash.digest('hex') !== f.sha256)
          throw new ReleaseError(
            'file-mismatch',
            `release ${m.version}: ${f.path} does not match its signed sha256`,
          );
      }
      index++;
      const f = m.files[index];
      if (!f) return;
      const target = join(dir, f.path);
      const parent = dirname(target);
      if (!made.has(parent)) {
        await mkdir(parent, { recursive: true });
        made.add(parent);
      }
      handle = await open(target, 'wx', f.mode);
      hash = createHash('sha256');
      left = f.size;
      if (left > 0) return;
    }
  };
  try {
    await next();
    for await (const data of gunzip as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < data.length) {
        if (!handle)
          throw new ReleaseError(
            'file-mismatch',
            `release ${m.version}: the payload is longer than its files`,
          );
        const piece = data.subarray(at, at + left);
        await handle.write(piece);
        hash.update(piece);
        at += piece.length;
        left -= piece.length;
        if (left === 0) await next();
      }
    }
    if (handle || index < m.files.length)
      throw new ReleaseError(
        'file-mismatch',
        `release ${m.version}: the payload ends before ${m.files[index]?.path ?? 'the last file'}`,
      );
  } catch (err) {
    await handle?.close().catch(() => undefined);
    source.destroy();
    if (err instanceof ReleaseError) throw err;
    throw new ReleaseError('io', `unpacking release ${m.version} failed: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  for (const link of m.links) {
    const at = join(dir, link.path);
    await mkdir(dirname(at), { recursive: true });
    made.add(dirname(at));
    await symlink(link.target, at);
  }
  // Durable before the caller renames the release into place: every file, then every folder.
  // Many fsyncs in flight at once let the filesystem commit them in a few journal transactions;
  // one after each file cost ~4 ms apiece (20 s for the 4,700 files of the real app).
  await syncAll(
    m.files.map((f) => join(dir, f.path)),
    SYNC_CONCURRENCY,
  );
  const folders = new Set([dir]);
  for (let f of made) for (; f.length > dir.length && !folders.has(f); f = dirname(f)) folders.add(f);
  await syncAll([...folders], SYNC_CONCURRENCY);
}

/** fsyncs in flight at once while a release is made durable. */
const SYNC_CONCURRENCY = 32;

/** fsync(2) of each path (a file or a folder), at most `concurrency` at a time. */
async function syncAll(paths: readonly string[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const fd = await open(paths[next++] as string, 'r');
      await fd.sync().finally(() => fd.close());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
}

/** Re-hashes an unpacked release against its manifest; returns the paths that differ. */
export async function checkUnpacked(dir: string, manifest: ReleaseManifest): Promise<string[]> {
  const bad: string[] = [];
  for (const f of manifest.files) {
    const at = join(dir, f.path);
    const st = await stat(at).catch(() => undefined);
    if (!st || st.size !== f.size || (await sha256File(at)) !== f.sha256) bad.push(f.path);
  }
  for (const link of manifest.links)
    if ((await readlink(join(dir, link.path)).catch(() => undefined)) !== link.target) bad.push(link.path);
  return bad;
}
