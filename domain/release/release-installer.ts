import { statfs } from 'node:fs/promises';
import { errorMessage } from '../../runtime/errors.js';
import type { ReleaseLayout } from './release-layout.js';
import { ReleaseError, unpackBundle, verifyBundle, type Expectations } from './release-bundle.js';
import type { ReleaseManifest } from './release-manifest.js';

/** Room kept free beyond the unpacked release (the database and logs must still grow). */
export const DISK_RESERVE_BYTES = 64 * 1024 * 1024;

/** Free bytes for an unprivileged writer on the filesystem holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/**
 * Installs a bundle file as `releases/<version>/`: verifies it (signature, arch, ABI, payload
 * hash) before anything is written, checks the disk has room for the unpacked files, unpacks into
 * a dot-folder and renames it into place. Does not switch. Throws ReleaseError.
 * `beforeAdopt` runs just before the rename (the installer process checks its kiosk is still
 * there: an orphan must not rename a release over the one its restarted kiosk is installing).
 */
export async function installBundle(
  layout: ReleaseLayout,
  file: string,
  expect: Expectations,
  options: { beforeAdopt?: () => void } = {},
): Promise<ReleaseManifest> {
  const header = await verifyBundle(file, expect);
  const m = header.manifest;
  await layout.clearIncoming();
  const need = m.files.reduce((n, f) => n + f.size, 0) + DISK_RESERVE_BYTES;
  const free = await freeBytes(layout.releasesDir);
  if (free < need)
    throw new ReleaseError(
      'io',
      `not enough disk for release ${m.version}: ${Math.round(need / 1048576)} MB needed, ${Math.round(free / 1048576)} MB free in ${layout.releasesDir}`,
    );
  const incoming = layout.incomingDir(m.version);
  try {
    await unpackBundle(file, header, incoming);
    options.beforeAdopt?.();
    await layout.adopt(incoming, m);
  } catch (err) {
    await layout.clearIncoming().catch(() => undefined);
    if (err instanceof ReleaseError) throw err;
    throw new ReleaseError('io', `installing release ${m.version} failed: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  return m;
}
