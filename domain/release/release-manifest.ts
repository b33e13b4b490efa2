import { z } from 'zod';

/** The architectures a release is built for (Debian's names; Node calls armhf `arm`). */
export const RELEASE_ARCHES = ['arm64', 'armhf', 'x64'] as const;
export type ReleaseArch = (typeof RELEASE_ARCHES)[number];

/** The release architecture of this machine's Node, or undefined for one kiosks do not run on. */
export function hostArch(nodeArch: string = process.arch): ReleaseArch | undefined {
  if (nodeArch === 'arm64' || nodeArch === 'x64') return nodeArch;
  if (nodeArch === 'arm') return 'armhf';
  return undefined;
}

/** Node's name for a release architecture (`process.arch`, package-lock `cpu`, prebuild folders). */
export function nodeArchOf(arch: ReleaseArch): string {
  return arch === 'armhf' ? 'arm' : arch;
}

/** A release version: the app's package.json version (semver), safe as one MQTT topic level. */
export const RELEASE_VERSION = /^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z][0-9A-Za-z.-]{0,63})?$/;

/** Compares two release versions (semver precedence without build metadata); <0, 0, >0. */
export function compareReleaseVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [core, pre] = v.split(/-(.*)/s, 2) as [string, string | undefined];
    return { nums: core.split('.').map(Number), pre };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  const xp = x.pre.split('.');
  const yp = y.pre.split('.');
  for (let i = 0; i < Math.max(xp.length, yp.length); i++) {
    const p = xp[i];
    const q = yp[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a sha256 in hex' });

/**
 * A path inside a release: relative, `/`-separated, no `.`/`..` level, no empty level, no
 * backslash or control character. Only paths of this form are ever written when unpacking.
 */
export const releasePath = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (p) =>
      !p.startsWith('/') &&
      ![...p].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) &&
      p.split('/').every((level) => level !== '' && level !== '.' && level !== '..'),
    { error: 'must be a relative path without "." or ".." levels' },
  );

export const releaseFileSchema = z.strictObject({
  path: releasePath,
  size: z.number().int().min(0),
  sha256: hex64,
  /** Unix permission bits (0o644 or 0o755). */
  mode: z.union([z.literal(0o644), z.literal(0o755)]),
});
export type ReleaseFile = z.infer<typeof releaseFileSchema>;

export const releaseLinkSchema = z.strictObject({ path: releasePath, target: z.string().min(1).max(1024) });
export type ReleaseLink = z.infer<typeof releaseLinkSchema>;

/**
 * The signed description of a release bundle: what it is (version, arch, the Node ABI its native
 * modules need, the config version it can read, the database migrations it brings) and every
 * file in it with its hash. The payload's hash is checked before a byte is unpacked.
 */
export const releaseManifestSchema = z.strictObject({
  format: z.literal('smart-kiosk-release'),
  version: z.string().regex(RELEASE_VERSION, { error: 'must be a version like 1.4.0 or 1.4.0-rc.1' }),
  arch: z.enum(RELEASE_ARCHES),
  /** `process.versions.modules` range the native modules load on. */
  node: z.strictObject({
    abi: z.strictObject({ min: z.number().int().positive(), max: z.number().int().positive() }),
    builtWith: z.string(),
  }),
  /** The oldest config format (CONFIG_VERSION) this release reads. */
  minConfigVersion: z.number().int().min(1),
  /** The database schema after this release's migrations ran: highest migration per module. */
  migrations: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/), z.number().int().min(0)),
  createdAt: z.string(),
  payload: z.strictObject({
    encoding: z.literal('gzip'),
    size: z.number().int().positive(),
    sha256: hex64,
  }),
  files: z.array(releaseFileSchema).min(1),
  links: z.array(releaseLinkSchema),
  keyId: z.string(),
  signature: z.string(),
});
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;

/**
 * What the updater keeps of an installed release while it waits to switch: its version, the
 * migrations it brings and how many files it has (the full manifest, ~700 KB for the real app,
 * stays on disk: parsing it costs the UI tens of milliseconds on a Pi).
 */
export interface ReleaseSummary {
  version: string;
  migrations: Record<string, number>;
  files: number;
}

export function summarizeRelease(m: ReleaseManifest): ReleaseSummary {
  return { version: m.version, migrations: m.migrations, files: m.files.length };
}
