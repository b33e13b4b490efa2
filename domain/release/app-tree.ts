import { open, readdir, readFile, readlink, lstat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BundleInput } from './release-bundle.js';
import { nodeArchOf, type ReleaseArch, type ReleaseLink } from './release-manifest.js';

/** The top-level parts of a built app that a release carries (the rest of a checkout stays home). */
export const RELEASE_PARTS = [
  'package.json',
  'package-lock.json',
  'dist',
  'data',
  'deploy',
  'docs',
  'LICENSE',
  'README.md',
];

const MACHINE_NAMES: Record<number, string> = { 62: 'x64', 183: 'arm64', 40: 'armhf', 3: 'x86' };

/** The architecture an ELF shared object is built for, from its header; undefined when not ELF. */
export async function elfArchOf(path: string): Promise<string | undefined> {
  const fd = await open(path, 'r');
  try {
    const head = Buffer.alloc(20);
    const { bytesRead } = await fd.read(head, 0, 20, 0);
    if (bytesRead < 20 || head.readUInt32BE(0) !== 0x7f454c46) return undefined;
    const machine = head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18);
    const bits = head[4] === 2 ? 64 : 32;
    const name = MACHINE_NAMES[machine] ?? `machine ${machine}`;
    // armhf modules are 32-bit ARM; a 64-bit file with EM_ARM is no armhf module
    return name === 'armhf' && bits !== 32 ? `${name}/${bits}` : name;
  } finally {
    await fd.close();
  }
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  cpu?: string[];
  os?: string[];
  libc?: string[];
}

/** npm's `cpu`/`os` lists: `["x64"]`, `["!arm"]`. */
function fits(list: string[] | undefined, value: string): boolean {
  if (!list || list.length === 0) return true;
  if (list.some((v) => v === `!${value}`)) return false;
  const positive = list.filter((v) => !v.startsWith('!'));
  return positive.length === 0 || positive.includes(value);
}

/**
 * What a package ships that a running kiosk never reads: the C/C++ sources an addon was compiled
 * from (better-sqlite3's 9 MB SQLite amalgamation), TypeScript sources and declarations, and
 * source maps. Only inside node_modules: the app's own dist/ keeps its maps for stack traces.
 * About 35 MB of the 128 MB production tree.
 */
const PACKAGE_SOURCES = /^node_modules\/.*\.(c|cc|cpp|cxx|h|hh|hpp|gyp|gypi|ts|mts|cts|map)$/;

/** Build output a kiosk never loads (intermediate objects, test addons, `.bin` shims, sources). */
function unneeded(rel: string): boolean {
  return (
    PACKAGE_SOURCES.test(rel) ||
    /(^|\/)build\/Release\/(obj\.target|\.deps|obj)\//.test(rel) ||
    /(^|\/)build\/Release\/test_extension\.node$/.test(rel) ||
    /(^|\/)node_modules\/\.bin(\/|$)/.test(rel) ||
    /(^|\/)node_modules\/\.package-lock\.json$/.test(rel) ||
    /(^|\/)build\/(deps|src|test_extension\.target\.mk|Makefile|config\.gypi)(\/|$)/.test(rel)
  );
}

export interface AppTree {
  inputs: BundleInput[];
  links: ReleaseLink[];
  version: string;
  /** Production packages skipped because they are for another cpu or os. */
  skipped: string[];
}

/**
 * The files of a built app for one architecture: the parts in RELEASE_PARTS and the production
 * packages of package-lock.json (no dev dependencies, no packages for another cpu or os, only the
 * prebuilds for linux-<arch>). Throws a TypeError naming what is wrong when the tree cannot make a
 * bundle for `arch`: not built, a needed platform package missing, a native module built for
 * another architecture.
 */
export async function collectAppTree(appDir: string, arch: ReleaseArch): Promise<AppTree> {
  const nodeArch = nodeArchOf(arch);
  const pkg = JSON.parse(
    await readFile(join(appDir, 'package.json'), 'utf8').catch(() => {
      throw new TypeError(`${appDir} has no package.json (use --app with a built checkout)`);
    }),
  ) as { version?: string };
  if (!pkg.version) throw new TypeError(`${appDir}/package.json has no version`);
  await lstat(join(appDir, 'dist', 'bin', 'kiosk.js')).catch(() => {
    throw new TypeError(`${appDir} is not built (dist/bin/kiosk.js missing); run: npm ci && npm run build`);
  });
  const lock = JSON.parse(await readFile(join(appDir, 'package-lock.json'), 'utf8').catch(() => '{}')) as {
    packages?: Record<string, LockEntry>;
  };
  const inputs: BundleInput[] = [];
  const links: ReleaseLink[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  const walk = async (abs: string): Promise<void> => {
    const rel = relative(appDir, abs).split(sep).join('/');
    if (unneeded(rel)) return;
    const st = await lstat(abs);
    if (st.isSymbolicLink()) {
      links.push({ path: rel, target: await readlink(abs) });
      return;
    }
    if (st.isDirectory()) {
      const prebuild = /(^|\/)prebuilds\/([^/]+)$/.exec(rel);
      if (prebuild && prebuild[2] !== `linux-${nodeArch}`) return;
      for (const name of (await readdir(abs)).sort()) await walk(join(abs, name));
      return;
    }
    if (!st.isFile()) return;
    if (rel.endsWith('.node') && !/(^|\/)prebuilds\//.test(rel)) {
      const built = await elfArchOf(abs);
      if (built !== arch)
        problems.push(`${rel} is built for ${built ?? 'no Linux architecture'}, not ${arch}`);
    }
    inputs.push({ source: abs, file: { path: rel, size: st.size, mode: st.mode & 0o111 ? 0o755 : 0o644 } });
  };
  for (const part of RELEASE_PARTS) {
    if (part === 'node_modules') continue;
    if (await lstat(join(appDir, part)).catch(() => undefined)) await walk(join(appDir, part));
  }
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/') || entry.dev) continue;
    const forUs = fits(entry.cpu, nodeArch) && fits(entry.os, 'linux') && fits(entry.libc, 'glibc');
    const present = await lstat(join(appDir, path)).catch(() => undefined);
    if (!forUs) {
      skipped.push(path.slice('node_modules/'.length));
      continue;
    }
    if (!present) {
      if (entry.cpu || entry.os)
        problems.push(
          `${path.slice('node_modules/'.length)} (the ${arch} build of a native module) is not installed; on an ${arch} machine run "npm ci", or here "npm ci --cpu=${nodeArch} --os=linux" for a tree of prebuilt ${arch} modules`,
        );
      else if (!entry.optional)
        problems.push(`${path} is in package-lock.json but not installed; run "npm ci"`);
      continue;
    }
    await walkPackage(join(appDir, path));
  }
  async function walkPackage(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      if (name === 'node_modules') continue; // nested packages are entries of their own in the lock
      await walk(join(dir, name));
    }
  }
  if (problems.length > 0)
    throw new TypeError(
      `cannot build a ${arch} release from ${appDir}:\n  ${problems.slice(0, 20).join('\n  ')}`,
    );
  const seen = new Set<string>();
  for (const i of inputs) {
    if (seen.has(i.file.path)) throw new TypeError(`internal: ${i.file.path} collected twice`);
    seen.add(i.file.path);
  }
  return { inputs, links, version: pkg.version, skipped };
}
