import { open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError, errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import { parseAnswers, redactAnswers } from './answers.js';
import { provision } from './provision.js';
import { writeFileAtomic } from './write-config.js';

export { DEFAULT_PROVISION_FILE } from './zero-touch-file.js';

export type ZeroTouchOutcome =
  | { status: 'absent' }
  | { status: 'applied'; deviceId: string; configFile: string; marker: string }
  | { status: 'invalid'; problems: string[]; errorsFile: string | undefined };

/** Overwrites a file with zeros before deleting it, so secrets are not left in FAT free space. */
async function shred(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    await handle.write(Buffer.alloc(size), 0, size, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rm(file);
}

/**
 * Zero-touch provisioning: when `provisionFile` (a `kiosk-provision.json` a technician copied to
 * the boot partition) exists, its answers are validated and applied to `configFile` exactly like
 * `kiosk provision`, then the file is wiped and removed (secrets must not stay on the FAT
 * partition) and `kiosk-provision.applied.json` (redacted, with the time) is left as a receipt.
 * An invalid file is left alone, the current config stays, and the problems are written to
 * `kiosk-provision.errors.txt` next to it so the technician can read them on a PC.
 */
export async function applyZeroTouch(
  provisionFile: string,
  configFile: string,
  log: Logger,
): Promise<ZeroTouchOutcome> {
  let text: string;
  try {
    text = await readFile(provisionFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' };
    return invalid(provisionFile, [`(file): cannot be read: ${errorMessage(err)}`], log);
  }
  let answers;
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new ConfigError(provisionFile, [`(file): not valid JSON: ${errorMessage(err)}`]);
    }
    answers = parseAnswers(raw, provisionFile);
    await provision(answers, configFile);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TypeError)
      return invalid(provisionFile, err instanceof ConfigError ? err.problems : [err.message], log);
    throw err;
  }
  const dir = dirname(provisionFile);
  const marker = join(dir, 'kiosk-provision.applied.json');
  const receipt = { appliedAt: new Date().toISOString(), configFile, answers: redactAnswers(answers) };
  await writeFileAtomic(marker, `${JSON.stringify(receipt, null, 2)}\n`, 0o644);
  await shred(provisionFile);
  await rm(join(dir, 'kiosk-provision.errors.txt'), { force: true });
  log.info(
    { deviceId: answers.deviceId, configFile, marker },
    `zero-touch provisioning applied from ${provisionFile}; the file was removed from the boot partition`,
  );
  return { status: 'applied', deviceId: answers.deviceId, configFile, marker };
}

async function invalid(file: string, found: string[], log: Logger): Promise<ZeroTouchOutcome> {
  // A problem line may quote the bad value; never echo a secret's value.
  const problems = found.map((line) =>
    /^(password|key|pin)\b/.test(line) ? line.replace(/, got .*$/, '') : line,
  );
  const errorsFile = join(dirname(file), 'kiosk-provision.errors.txt');
  let written: string | undefined = errorsFile;
  // No time stamp: a kiosk restarting with the same bad file must not rewrite the SD card each time.
  const content = `${file} was NOT applied:\r\n${problems.map((p) => `  ${p}`).join('\r\n')}\r\nFix the file and restart the kiosk.\r\n`;
  try {
    const current = await readFile(errorsFile, 'utf8').catch(() => undefined);
    if (current !== content) await writeFileAtomic(errorsFile, content, 0o644);
  } catch {
    written = undefined;
  }
  log.error(
    { file, problems },
    `zero-touch provisioning file is invalid and was not applied: ${problems.join('; ')}; fix it (see ${errorsFile}) and restart`,
  );
  return { status: 'invalid', problems, errorsFile: written };
}
