import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file so that it is either the old one, the new one whole, or absent: a temporary file
 * beside it, fsync, rename over the path, fsync of the folder. Asynchronous throughout (the
 * event loop keeps running while the disk works). A power cut or kill leaves at most a
 * `PATH.tmp-*` file behind, which the next write of the same path removes (removeStaleTemps).
 */
export async function writeFileAtomically(
  path: string,
  data: Uint8Array | string,
  /** The new file's mode (before the umask); 0o600 for what only the kiosk may read. */
  mode = 0o644,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const file = await open(tmp, 'w', mode);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await file.close();
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
