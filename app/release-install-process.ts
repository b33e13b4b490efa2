import { spawn } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { setPriority } from 'node:os';
import { ReleaseError, type Expectations } from '../domain/release/release-bundle.js';
import type { ReleaseSummary } from '../domain/release/release-manifest.js';
import { errorMessage } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';

/** Nice value of the installer process: the citizen UI wins every contended core. */
export const INSTALL_NICE = 10;

export interface InstallProcessOptions {
  /** The running release's CLI entry (`<app>/dist/bin/kiosk.js`). */
  entry: string;
  /** The install folder holding `releases/`, `current` and `previous` (`/opt/smart-kiosk`). */
  root: string;
  log: Logger;
  /** Node to run it with (default: this one). */
  node?: string;
}

const pem = (keys: ReadonlyMap<string, KeyObject>) =>
  [...keys.values()].map((k) => k.export({ type: 'spki', format: 'pem' }).toString()).join('');

/**
 * Installs a downloaded bundle with `kiosk release install --json` in a child process at nice
 * 10: the verify (a ~700 KB manifest parsed and its signature checked), the payload's gunzip and
 * sha256 and the thousands of file writes and fsyncs run there, so the kiosk's event loop only
 * waits for one line of JSON. The child checks against its own machine (arch, Node ABI, config
 * version), which is this one; it stops by itself if this process dies. Throws ReleaseError with
 * the child's code and reason, or `io` when the child fails in another way.
 */
export function installInChildProcess(
  o: InstallProcessOptions,
  file: string,
  expect: Expectations,
): Promise<ReleaseSummary> {
  const keys = expect.keys;
  if (!keys || keys.size === 0)
    return Promise.reject(
      new ReleaseError(
        'no-fleet-key',
        'no fleet public key to check the release against (fleet.fleetPublicKey)',
      ),
    );
  const args = [
    o.entry,
    'release',
    'install',
    file,
    '--key',
    '-',
    '--dir',
    o.root,
    '--json',
    '--parent-pid',
    String(process.pid),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(o.node ?? process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
    child.once('spawn', () => {
      try {
        if (child.pid !== undefined) setPriority(child.pid, INSTALL_NICE);
      } catch (e) {
        o.log.warn(`release install runs at normal priority: ${errorMessage(e)}`);
      }
    });
    child.stdin.on('error', () => undefined); // a child that exits early: its exit code says why
    child.stdin.end(pem(keys));
    child.once('error', (e) =>
      reject(new ReleaseError('io', `cannot start the release installer: ${errorMessage(e)}`, { cause: e })),
    );
    child.once('close', (code, signal) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      let answer: { ok?: boolean; code?: string; reason?: string; release?: ReleaseSummary } | undefined;
      try {
        answer = JSON.parse(line) as typeof answer;
      } catch {
        answer = undefined;
      }
      if (code === 0 && answer?.ok && answer.release) return resolve(answer.release);
      if (code === 1 && answer && answer.ok === false && typeof answer.reason === 'string')
        return reject(new ReleaseError((answer.code ?? 'io') as ReleaseError['code'], answer.reason));
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const tail = err.trim().split('\n').slice(-3).join(' | ');
      reject(new ReleaseError('io', `the release installer ${how}${tail ? `: ${tail}` : ''}`));
    });
  });
}
