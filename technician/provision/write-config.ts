import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfigText, validateConfig } from '../../runtime/config/load.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { ConfigError, errorMessage } from '../../runtime/errors.js';

/** Reads the current raw config (without defaults) to provision on top of; `{}` when absent. */
export async function readRawConfig(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(file, [`(file): cannot be read: ${errorMessage(err)}`]);
  }
  const raw = parseConfigText(text, file);
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(file, ['(root): must be a mapping of settings']);
  return raw as Record<string, unknown>;
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes a file so that a power cut leaves either the old or the new content: temp file in the
 * same directory, fsync, rename over the target, fsync the directory.
 */
export async function writeFileAtomic(file: string, content: string, mode = 0o640): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode);
    // Run as root (sudo kiosk provision, zero-touch at boot): give the file the folder's owner and
    // group, so /etc/smart-kiosk (root:smart-kiosk 0750) yields files the service can read.
    if (process.getuid?.() === 0) {
      const folder = await stat(dir);
      await handle.chown(folder.uid, folder.gid);
    }
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

export function serializeConfig(raw: Record<string, unknown>, file: string): string {
  if (extname(file).toLowerCase() === '.json') return `${JSON.stringify(raw, null, 2)}\n`;
  return `# smart-kiosk configuration, written by \`kiosk provision\` on ${new Date().toISOString()}.\n# Check after editing: kiosk config check ${file}\n${stringify(raw)}`;
}

export interface WriteResult {
  config: KioskConfig;
  /** Where the previous config was kept, when there was one. */
  previous?: string;
}

/**
 * Validates `raw` with the config schema and, only when valid, replaces `file` atomically. The
 * previous file is kept as `<file>.prev`. Throws ConfigError (nothing written) when invalid.
 */
export async function writeConfigAtomic(file: string, raw: Record<string, unknown>): Promise<WriteResult> {
  const config = validateConfig(raw, file);
  const previous = `${file}.prev`;
  let kept: string | undefined;
  try {
    await copyFile(file, previous);
    kept = previous;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await writeFileAtomic(file, serializeConfig(raw, file), 0o640);
  return kept ? { config, previous: kept } : { config };
}
