import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs (runs before the build), no type declarations
import { PREREQUISITES, mayInstall } from '../../../.ci/prerequisites.mjs';

const run = promisify(execFile);
const SCRIPT = '.ci/prerequisites.mjs';

/** A PATH holding only node and the named programs, linked from this machine. */
async function pathWith(programs: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'prereq-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  for (const p of programs) {
    const { stdout } = await run('sh', ['-c', `command -v ${p}`]);
    symlinkSync(stdout.trim(), join(dir, p));
  }
  return dir;
}

describe('system prerequisites (.ci/prerequisites.mjs)', () => {
  it('finds everything the suite needs on this machine', async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, 'missing']);
    expect(stdout).toBe('');
    await run(process.execPath, [SCRIPT, 'check']);
  });

  it('names a missing program, its package and the one command to run, and stops at once', async () => {
    const present = [
      'espeak-ng',
      'ffmpeg',
      'chromium',
      'sqlite3',
      'openssl',
      'systemd-analyze',
      'python3',
      'aplay',
      'pdftotext',
      'dbus-daemon',
    ];
    const path = await pathWith(present);
    const result = await run(process.execPath, [SCRIPT, 'check', '--no-install'], {
      env: { PATH: path },
    }).catch((err: { code: number; stderr: string }) => err);
    expect('code' in result && result.code).toBe(1);
    const stderr = result.stderr;
    expect(stderr).toContain('socat (package socat): pseudo-terminals');
    expect(stderr).not.toContain('ffmpeg (package');
    // mosquitto is also found at /usr/sbin/mosquitto, off this PATH.
    expect(stderr).not.toContain('mosquitto (package');
    expect(stderr).toMatch(
      /Install them with:\n {2}(sudo )?apt-get install -y --no-install-recommends socat\n$/,
    );
    const missing = await run(process.execPath, [SCRIPT, 'missing'], { env: { PATH: path } });
    expect(missing.stdout).toBe('socat\n');
  });

  it('installs by itself only as root on Debian or Raspberry Pi OS', () => {
    const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
    const raspbian = 'ID=raspbian\nID_LIKE=debian\n';
    const fedora = 'ID=fedora\n';
    expect(mayInstall(0, debian)).toBe(true);
    expect(mayInstall(0, raspbian)).toBe(true);
    expect(mayInstall(1000, debian)).toBe(false);
    expect(mayInstall(0, fedora)).toBe(false);
    expect(mayInstall(0, '')).toBe(false);
  });

  it('lists each program with a package and a reason', () => {
    for (const p of PREREQUISITES as { program: string; pkg: string; why: string }[]) {
      expect(p.program).toMatch(/^[a-z0-9-]+$/);
      expect(p.pkg).toMatch(/^[a-z0-9.+-]+$/);
      expect(p.why.length).toBeGreaterThan(10);
    }
  });
});
