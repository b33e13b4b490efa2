import { execFile } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/sim-process.js';

const run = promisify(execFile);
const DEPLOY = resolve('deploy');
const UNIT = readFileSync(join(DEPLOY, 'smart-kiosk.service'), 'utf8');

async function verify(unitText: string): Promise<{ code: number; stderr: string }> {
  const dir = tempDir('kiosk-unit-');
  const file = join(dir, 'smart-kiosk.service');
  // verify checks that ExecStart programs exist; use this machine's node if it is elsewhere.
  writeFileSync(
    file,
    existsSync('/usr/bin/node') ? unitText : unitText.replaceAll('/usr/bin/node', process.execPath),
  );
  try {
    const { stderr } = await run('systemd-analyze', ['verify', file]);
    return { code: 0, stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('Technician: systemd unit', () => {
  it('passes `systemd-analyze verify` without a single warning', async () => {
    const result = await verify(UNIT);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('the verification really catches mistakes (a misspelt key and a bad value)', async () => {
    const broken = UNIT.replace('Restart=always', 'Restart=sometimes\nWatchdogSecs=30');
    const result = await verify(broken);
    expect(result.stderr).toMatch(/Failed to parse service restart specifier/);
    expect(result.stderr).toMatch(/Unknown key 'WatchdogSecs'/);
  });

  it('is a notify service with a watchdog, restarts, and is hardened without hiding the hardware', () => {
    const settings = new Map<string, string[]>();
    for (const line of UNIT.split('\n')) {
      const m = /^([A-Za-z]+)=(.*)$/.exec(line);
      if (m) settings.set(m[1]!, [...(settings.get(m[1]!) ?? []), m[2]!]);
    }
    const one = (key: string) => settings.get(key)?.[0];
    expect(one('Type')).toBe('notify');
    expect(one('NotifyAccess')).toBe('all');
    expect(Number(one('WatchdogSec'))).toBeGreaterThan(0);
    expect(one('Restart')).toBe('always');
    expect(one('User')).toBe('smart-kiosk');
    expect(one('SupplementaryGroups')?.split(' ').sort()).toEqual([
      'audio',
      'dialout',
      'gpio',
      'input',
      'lp',
      'video',
    ]);
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ReadWritePaths')).toBe('/var/lib/smart-kiosk /opt/smart-kiosk');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    for (const blocksHardware of [
      'PrivateDevices',
      'DevicePolicy',
      'ProtectKernelTunables',
      'ProtectClock',
      'MemoryDenyWriteExecute',
    ])
      expect(settings.has(blocksHardware), blocksHardware).toBe(false);
    expect(one('ExecStart')).toBe(
      '/usr/bin/node /opt/smart-kiosk/current/dist/bin/kiosk.js run --config /etc/smart-kiosk/config.yaml --data-dir /var/lib/smart-kiosk --provision-file /boot/firmware/kiosk-provision.json',
    );
    const pre = settings.get('ExecStartPre') ?? [];
    expect(pre[0]).toBe(
      '-/usr/bin/node /opt/smart-kiosk/previous/dist/bin/kiosk.js release guard --before-start --dir /opt/smart-kiosk --data-dir /var/lib/smart-kiosk',
    );
    expect(pre[1]).toMatch(
      /^-\+\/usr\/bin\/node \/opt\/smart-kiosk\/current\/.* provision --config \/etc\/smart-kiosk\/config\.yaml --zero-touch /,
    );
    expect(one('ExecStopPost')).toBe(
      '-/usr/bin/node /opt/smart-kiosk/previous/dist/bin/kiosk.js release guard --after-stop --dir /opt/smart-kiosk --data-dir /var/lib/smart-kiosk',
    );
  });
});

describe('Technician: udev rules', () => {
  it('every rule line is well formed and each device kind gets its stable name and group', () => {
    const text = readFileSync(join(DEPLOY, '99-smart-kiosk.rules'), 'utf8');
    const rules = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const pair = /^(?:[A-Z_]+(?:\{[^}]+\})?)(?:==|!=|=|\+=|:=)"[^"]*"$/;
    for (const rule of rules) {
      const parts = rule.split(/,\s*(?=[A-Z_]+(?:\{[^}]+\})?(?:==|!=|=|\+=|:=)")/);
      for (const part of parts) expect(part.trim(), rule).toMatch(pair);
    }
    for (const link of ['kiosk-printer', 'kiosk-scanner', 'kiosk-touch', 'kiosk-buttons'])
      expect(text).toContain(`SYMLINK+="${link}"`);
    for (const group of ['lp', 'dialout', 'input', 'video', 'gpio', 'audio'])
      expect(text).toContain(`GROUP="${group}"`);
  });
});

/** Every path under root with its type, mode, owner and content hash: equal listings = same install. */
async function snapshot(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = lstatSync(path);
      const rel = relative(root, path);
      const head = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${rel}`;
      if (st.isSymbolicLink()) out.push(`${head} -> ${readlinkSync(path)}`);
      else if (st.isDirectory()) {
        out.push(`${head}/`);
        walk(path);
      } else
        out.push(
          `${head} ${readFileSync(path).toString('base64').length}:${readFileSync(path).subarray(0, 64).toString('hex')}`,
        );
    }
  };
  walk(root);
  return out;
}

describe('Technician: deploy/install.sh into a throwaway root', () => {
  /** A small built app (dist, node_modules, docs, deploy) like the one install.sh copies. */
  function fakeApp(version = '0.1.0'): string {
    const src = tempDir('kiosk-app-');
    mkdirSync(join(src, 'dist', 'bin'), { recursive: true });
    mkdirSync(join(src, 'node_modules', 'zod'), { recursive: true });
    mkdirSync(join(src, 'docs'));
    writeFileSync(join(src, 'package.json'), `{\n  "name": "smart-kiosk",\n  "version": "${version}"\n}\n`);
    writeFileSync(join(src, 'dist', 'bin', 'kiosk.js'), '#!/usr/bin/env node\n');
    writeFileSync(join(src, 'node_modules', 'zod', 'index.js'), 'export {};\n');
    writeFileSync(join(src, 'docs', 'technician.md'), '# Technician guide\n');
    mkdirSync(join(src, 'data'));
    writeFileSync(join(src, 'data', 'catalog.json'), '{}\n');
    return src;
  }

  it('installs the expected files with the expected owners and modes, and a second run changes nothing', async () => {
    const root = tempDir('kiosk-root-');
    const src = fakeApp();
    await run('cp', ['-a', DEPLOY, join(src, 'deploy')]);
    const first = await run('sh', [join(DEPLOY, 'install.sh'), '--root', root, '--src', src]);
    expect(first.stdout).toContain('install: done.');
    expect(first.stdout).toContain('next: sudo kiosk provision');
    const once = await snapshot(root);
    await run('sh', [join(DEPLOY, 'install.sh'), '--root', root, '--src', src]);
    expect(await snapshot(root)).toEqual(once);

    const passwd = readFileSync(join(root, 'etc', 'passwd'), 'utf8');
    const user = /^smart-kiosk:x:(\d+):(\d+):[^:]*:\/var\/lib\/smart-kiosk:\/usr\/sbin\/nologin$/m.exec(
      passwd,
    );
    expect(user).not.toBeNull();
    const groups = readFileSync(join(root, 'etc', 'group'), 'utf8');
    for (const g of ['gpio', 'video', 'input', 'dialout', 'audio', 'lp'])
      expect(groups).toMatch(new RegExp(`^${g}:x:\\d+:(.*,)?smart-kiosk(,.*)?$`, 'm'));

    const mode = (p: string) => (statSync(join(root, p)).mode & 0o7777).toString(8);
    expect(readFileSync(join(root, 'opt/smart-kiosk/current/dist/bin/kiosk.js'), 'utf8')).toBe(
      '#!/usr/bin/env node\n',
    );
    expect(readlinkSync(join(root, 'opt/smart-kiosk/current'))).toBe('releases/0.1.0');
    expect(readlinkSync(join(root, 'opt/smart-kiosk/previous'))).toBe('releases/0.1.0');
    expect(JSON.parse(readFileSync(join(root, 'opt/smart-kiosk/release-state.json'), 'utf8'))).toEqual({
      phase: 'committed',
      committed: '0.1.0',
      blocked: [],
    });
    expect(existsSync(join(root, 'opt/smart-kiosk/releases/0.1.0/node_modules/zod/index.js'))).toBe(true);
    expect(existsSync(join(root, 'opt/smart-kiosk/releases/0.1.0/data/catalog.json'))).toBe(true);
    expect(readFileSync(join(root, 'etc/systemd/system/smart-kiosk.service'), 'utf8')).toBe(UNIT);
    expect(readlinkSync(join(root, 'etc/systemd/system/multi-user.target.wants/smart-kiosk.service'))).toBe(
      '/etc/systemd/system/smart-kiosk.service',
    );
    expect(existsSync(join(root, 'etc/udev/rules.d/99-smart-kiosk.rules'))).toBe(true);
    expect(existsSync(join(root, 'etc/systemd/journald.conf.d/smart-kiosk.conf'))).toBe(true);
    expect(mode('usr/local/bin/kiosk')).toBe('755');
    expect(readFileSync(join(root, 'usr/local/bin/kiosk'), 'utf8')).toContain(
      'exec /usr/bin/node /opt/smart-kiosk/current/dist/bin/kiosk.js "$@"',
    );
    expect(mode('etc/smart-kiosk')).toBe('750');
    expect(mode('var/lib/smart-kiosk')).toBe('750');
    expect(existsSync(join(root, 'etc/smart-kiosk/config.yaml'))).toBe(false);
    expect(readdirSync(join(root, 'opt')).sort()).toEqual(['smart-kiosk']);
    if (process.getuid?.() === 0) {
      const [uid, gid] = [Number(user![1]), Number(user![2])];
      expect(statSync(join(root, 'var/lib/smart-kiosk'))).toMatchObject({ uid, gid });
      expect(statSync(join(root, 'etc/smart-kiosk'))).toMatchObject({ uid: 0, gid });
    }
  });

  it('upgrades as a new release: current moves, previous keeps the old one, at most three kept', async () => {
    const root = tempDir('kiosk-root-');
    const installVersion = async (version: string, extra?: string) => {
      const src = fakeApp(version);
      await run('cp', ['-a', DEPLOY, join(src, 'deploy')]);
      if (extra) writeFileSync(join(src, 'dist', extra), '');
      await run('sh', [join(DEPLOY, 'install.sh'), '--root', root, '--src', src]);
    };
    await installVersion('0.1.0', 'old-only.js');
    await installVersion('0.2.0');
    const app = join(root, 'opt/smart-kiosk');
    expect(readlinkSync(join(app, 'current'))).toBe('releases/0.2.0');
    expect(readlinkSync(join(app, 'previous'))).toBe('releases/0.1.0');
    expect(existsSync(join(app, 'current/dist/old-only.js'))).toBe(false);
    expect(existsSync(join(app, 'previous/dist/old-only.js'))).toBe(true);
    await installVersion('0.3.0');
    await installVersion('0.10.0');
    expect(readdirSync(join(app, 'releases')).sort()).toEqual(['0.10.0', '0.2.0', '0.3.0']);
    expect(readlinkSync(join(app, 'current'))).toBe('releases/0.10.0');
    expect(readlinkSync(join(app, 'previous'))).toBe('releases/0.3.0');
  });

  it('moves an old single-tree install into releases/<its version> first', async () => {
    const root = tempDir('kiosk-root-');
    const app = join(root, 'opt/smart-kiosk');
    mkdirSync(join(app, 'dist', 'bin'), { recursive: true });
    writeFileSync(join(app, 'package.json'), '{"name":"smart-kiosk","version":"0.0.9"}\n');
    writeFileSync(join(app, 'dist', 'bin', 'kiosk.js'), '// single tree\n');
    const src = fakeApp('0.1.0');
    await run('cp', ['-a', DEPLOY, join(src, 'deploy')]);
    const out = await run('sh', [join(DEPLOY, 'install.sh'), '--root', root, '--src', src]);
    expect(out.stdout).toContain('moving the single-tree install (0.0.9)');
    expect(readFileSync(join(app, 'previous/dist/bin/kiosk.js'), 'utf8')).toBe('// single tree\n');
    expect(readlinkSync(join(app, 'previous'))).toBe('releases/0.0.9');
    expect(readlinkSync(join(app, 'current'))).toBe('releases/0.1.0');
    expect(readdirSync(app).sort()).toEqual(['current', 'previous', 'release-state.json', 'releases']);
  });

  it('--dry-run prints the steps and changes nothing; bad arguments are refused', async () => {
    const root = tempDir('kiosk-root-');
    const src = fakeApp();
    await run('cp', ['-a', DEPLOY, join(src, 'deploy')]);
    const dry = await run('sh', [join(DEPLOY, 'install.sh'), '--root', root, '--src', src, '--dry-run']);
    expect(dry.stdout).toContain(`+ systemd-sysusers --root=${root}`);
    expect(dry.stdout).toContain(
      `+ install -D -m 0644 ${src}/deploy/smart-kiosk.service ${root}/etc/systemd/system/smart-kiosk.service`,
    );
    expect(readdirSync(root)).toEqual([]);
    await expect(run('sh', [join(DEPLOY, 'install.sh'), '--bogus'])).rejects.toMatchObject({ code: 2 });
    const unbuilt = tempDir('kiosk-app-');
    writeFileSync(join(unbuilt, 'package.json'), '{}');
    await expect(
      run('sh', [join(DEPLOY, 'install.sh'), '--root', root, '--src', unbuilt]),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('run: npm ci && npm run build'),
    });
  });
});
