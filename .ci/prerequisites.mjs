#!/usr/bin/env node
/* global process, console */
/**
 * The system programs the kiosk's tests (and tools) need, in one place: each program, the Debian
 * package that ships it, and why. `.ci/run` installs from it, `npm test` checks it first (pretest).
 * Adding a prerequisite is one line in PREREQUISITES.
 *
 *   node .ci/prerequisites.mjs check [--no-install]   exit 0 when all are there; else install them
 *       with apt-get when allowed (root on Debian / Raspberry Pi OS), or exit 1 with the command
 *   node .ci/prerequisites.mjs missing                print the missing packages, one per line
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** program (looked up on PATH, then in `paths`), Debian package, why the project needs it. */
export const PREREQUISITES = [
  {
    program: 'mosquitto',
    paths: ['/usr/sbin/mosquitto'],
    pkg: 'mosquitto',
    why: 'MQTT broker the fleet tests spawn',
  },
  { program: 'espeak-ng', pkg: 'espeak-ng', why: 'Vietnamese speech (voice tests, tts: espeak)' },
  { program: 'socat', pkg: 'socat', why: 'pseudo-terminals standing in for serial scanners and printers' },
  { program: 'ffmpeg', pkg: 'ffmpeg', why: 'decodes raw panel frames and audio in tests' },
  { program: 'chromium', pkg: 'chromium', why: 'drives the simulator preview page (playwright-core)' },
  {
    program: 'sqlite3',
    pkg: 'sqlite3',
    why: 'inspects kiosk databases in storage tests; kiosk db recover salvages with its .recover',
  },
  { program: 'openssl', pkg: 'openssl', why: 'makes TLS certificates for the broker tests' },
  {
    program: 'systemd-analyze',
    pkg: 'systemd',
    why: 'verifies the systemd units (also systemd-notify, sysusers)',
  },
  {
    program: 'python3',
    pkg: 'python3',
    why: "binds the datagram socket standing in for systemd's NOTIFY_SOCKET",
  },
  { program: 'aplay', pkg: 'alsa-utils', why: 'the ALSA speaker driver plays through aplay' },
  {
    program: 'ippeveprinter',
    paths: ['/usr/sbin/ippeveprinter'],
    pkg: 'cups-ipp-utils',
    why: 'a real IPP Everywhere A4 printer for the form printing tests',
  },
  {
    program: 'avahi-daemon',
    paths: ['/usr/sbin/avahi-daemon'],
    pkg: 'avahi-daemon',
    why: 'DNS-SD that ippeveprinter registers with (tests start it)',
  },
  { program: 'dbus-daemon', pkg: 'dbus', why: 'the system bus avahi-daemon needs (tests start it)' },
  {
    program: 'initdb',
    paths: [15, 16, 17, 18].map((v) => `/usr/lib/postgresql/${v}/bin/initdb`),
    pkg: 'postgresql',
    why: 'the fleet registry tests run PostgreSQL too (a private cluster when none runs on 127.0.0.1:5432)',
  },
  {
    program: 'pdftotext',
    pkg: 'poppler-utils',
    why: 'reads the text of printed A4 forms in tests (also pdftoppm)',
  },
];

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The prerequisites not found on `path` (nor at their fixed paths). */
export function missingPrerequisites(path = process.env.PATH ?? '', list = PREREQUISITES) {
  const dirs = path.split(delimiter).filter(Boolean);
  return list.filter(
    (p) => !dirs.some((d) => executable(join(d, p.program))) && !(p.paths ?? []).some(executable),
  );
}

/** The one command that installs `packages`. */
export function installCommand(packages, root = false) {
  return `${root ? '' : 'sudo '}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** apt-get may be run for the user: root on Debian or Raspberry Pi OS (or a Debian derivative). */
export function mayInstall(uid, osRelease) {
  if (uid !== 0) return false;
  const field = (name) => (new RegExp(`^${name}="?([^"\\n]*)`, 'm').exec(osRelease)?.[1] ?? '').split(' ');
  return [...field('ID'), ...field('ID_LIKE')].some((id) => id === 'debian' || id === 'raspbian');
}

function osRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

function check(noInstall) {
  const missing = missingPrerequisites();
  if (missing.length === 0) return 0;
  const uid = process.getuid?.() ?? -1;
  const packages = [...new Set(missing.map((p) => p.pkg))];
  const lines = missing.map((p) => `  ${p.program} (package ${p.pkg}): ${p.why}`);
  if (!noInstall && mayInstall(uid, osRelease())) {
    console.error(`prerequisites: installing ${packages.join(' ')}\n${lines.join('\n')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
        stdio: 'inherit',
        env,
      });
    if (install && install.status === 0 && missingPrerequisites().length === 0) return 0;
    console.error(`prerequisites: apt-get did not install them; run: ${installCommand(packages, true)}`);
    return 1;
  }
  console.error(
    `The tests need programs this machine lacks:\n${lines.join('\n')}\nInstall them with:\n  ${installCommand(packages, uid === 0)}`,
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, ...flags] = process.argv.slice(2);
  if (command === 'check') process.exitCode = check(flags.includes('--no-install'));
  else if (command === 'missing')
    for (const pkg of new Set(missingPrerequisites().map((p) => p.pkg))) console.log(pkg);
  else {
    console.error('usage: prerequisites.mjs check [--no-install] | missing');
    process.exitCode = 2;
  }
}
