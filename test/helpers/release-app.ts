import { mkdirSync, writeFileSync, chmodSync, symlinkSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { collectAppTree } from '../../domain/release/app-tree.js';
import { writeBundle } from '../../domain/release/release-bundle.js';
import { hostArch, type ReleaseArch } from '../../domain/release/release-manifest.js';
import { tempDir } from './sim-process.js';

/**
 * A small built app like the ones `kiosk release build` bundles: package.json with `version`,
 * a package-lock.json with one production and one dev package, dist/bin/kiosk.js (a script whose
 * behaviour the test chooses: `body` runs for every command except `release describe`), data/,
 * docs/ and a production package with a .bin symlink.
 */
export function fakeApp(
  options: {
    version?: string;
    body?: string;
    migrations?: Record<string, number>;
    nativeArch?: 'x64' | 'arm64';
  } = {},
): string {
  const dir = tempDir('kiosk-app-');
  const version = options.version ?? '1.0.0';
  mkdirSync(join(dir, 'dist', 'bin'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'zod'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'vitest'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'smart-kiosk', version })}\n`);
  const lock = {
    name: 'smart-kiosk',
    lockfileVersion: 3,
    packages: {
      '': { name: 'smart-kiosk', version },
      'node_modules/zod': { version: '4.0.0' },
      'node_modules/vitest': { version: '4.0.0', dev: true },
      ...(options.nativeArch ? { 'node_modules/addon': { version: '1.0.0' } } : {}),
    },
  };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock)}\n`);
  const describe = JSON.stringify({
    migrations: options.migrations ?? { tickets: 3, outbox: 2 },
    minConfigVersion: 1,
    configVersion: 1,
  });
  writeFileSync(
    join(dir, 'dist', 'bin', 'kiosk.js'),
    `#!/usr/bin/env node\n// smart-kiosk ${version}\nif (process.argv[2] === 'release' && process.argv[3] === 'describe') { console.log(${JSON.stringify(describe)}); process.exit(0); }\n${options.body ?? ''}\n`,
  );
  chmodSync(join(dir, 'dist', 'bin', 'kiosk.js'), 0o755);
  writeFileSync(join(dir, 'node_modules', 'zod', 'index.js'), `export const v = '${version}';\n`);
  writeFileSync(
    join(dir, 'node_modules', 'zod', 'package.json'),
    '{"name":"zod","bin":{"zod":"index.js"}}\n',
  );
  writeFileSync(join(dir, 'node_modules', 'zod', 'empty.txt'), '');
  writeFileSync(join(dir, 'node_modules', 'vitest', 'index.js'), 'dev only\n');
  symlinkSync('../zod/index.js', join(dir, 'node_modules', '.bin', 'zod'));
  mkdirSync(join(dir, 'node_modules', 'zod', 'lib'));
  symlinkSync('../index.js', join(dir, 'node_modules', 'zod', 'lib', 'main.js'));
  writeFileSync(join(dir, 'data', 'catalog.json'), '{"version":"2026.11.25-1"}\n');
  writeFileSync(join(dir, 'docs', 'technician.md'), '# Technician guide\n');
  if (options.nativeArch) {
    mkdirSync(join(dir, 'node_modules', 'addon', 'build', 'Release'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'addon', 'build', 'Release', 'addon.node'),
      elfHeader(options.nativeArch),
    );
    writeFileSync(join(dir, 'node_modules', 'addon', 'package.json'), '{"name":"addon"}\n');
  }
  return dir;
}

/** The first bytes of a 64-bit little-endian ELF shared object for `arch`. */
export function elfHeader(arch: 'x64' | 'arm64'): Buffer {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2; // 64-bit
  b[5] = 1; // little endian
  b[6] = 1;
  b.writeUInt16LE(3, 16); // ET_DYN
  b.writeUInt16LE(arch === 'x64' ? 62 : 183, 18);
  return b;
}

/**
 * Signs the built app folder `app` (from fakeApp) into a release bundle for this machine's arch and
 * Node ABI, as `kiosk release build` would; returns the .skr file.
 */
export async function bundleApp(
  app: string,
  options: { version: string; key: KeyObject; migrations?: Record<string, number> },
): Promise<string> {
  const arch = hostArch() as ReleaseArch;
  const abi = Number(process.versions.modules);
  const tree = await collectAppTree(app, arch);
  const out = join(tempDir('kiosk-bundle-'), `${options.version}.skr`);
  await writeBundle({
    out,
    key: options.key,
    inputs: tree.inputs,
    links: tree.links,
    manifest: {
      format: 'smart-kiosk-release',
      version: options.version,
      arch,
      node: { abi: { min: abi, max: abi }, builtWith: process.versions.node },
      minConfigVersion: 1,
      migrations: options.migrations ?? {},
      createdAt: new Date().toISOString(),
    },
  });
  return out;
}
