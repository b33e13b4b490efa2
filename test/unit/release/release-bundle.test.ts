import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  generateFleetKeys,
  parsePrivateKey,
  parsePublicKeys,
  signDocument,
} from '../../../domain/fleet/signing.js';
import { collectAppTree } from '../../../domain/release/app-tree.js';
import {
  checkUnpacked,
  readBundleHeader,
  unpackBundle,
  verifyBundle,
  writeBundle,
  type UnsignedManifest,
} from '../../../domain/release/release-bundle.js';
import { releaseManifestSchema, type ReleaseManifest } from '../../../domain/release/release-manifest.js';
import { KIOSK_BIN, tempDir } from '../../helpers/sim-process.js';
import { fakeApp } from '../../helpers/release-app.js';

const exec = promisify(execFile);
const keys = generateFleetKeys();
const key = parsePrivateKey(keys.privatePem);
const trusted = parsePublicKeys(keys.publicPem);
const ABI = Number(process.versions.modules);

function head(version: string, arch: 'x64' | 'arm64' = 'x64'): UnsignedManifest {
  return {
    format: 'smart-kiosk-release',
    version,
    arch,
    node: { abi: { min: ABI, max: ABI }, builtWith: process.versions.node },
    minConfigVersion: 1,
    migrations: { tickets: 3 },
    createdAt: '2026-12-01T00:00:00.000Z',
  };
}

async function bundleOf(app: string, arch: 'x64' | 'arm64' = 'x64'): Promise<string> {
  const tree = await collectAppTree(app, arch);
  const out = join(tempDir('kiosk-bundle-'), `r-${arch}.skr`);
  await writeBundle({ out, key, inputs: tree.inputs, links: tree.links, manifest: head(tree.version, arch) });
  return out;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'accepted';
}

describe('Release: bundles', () => {
  it('collects the production tree only: no dev package, no .bin, links kept, modes kept', async () => {
    const tree = await collectAppTree(fakeApp(), 'x64');
    const paths = tree.inputs.map((i) => i.file.path);
    expect(paths).toContain('dist/bin/kiosk.js');
    expect(paths).toContain('node_modules/zod/index.js');
    expect(paths).toContain('data/catalog.json');
    expect(paths.some((p) => p.includes('vitest'))).toBe(false);
    expect(paths.some((p) => p.includes('.bin'))).toBe(false);
    expect(tree.links).toEqual([{ path: 'node_modules/zod/lib/main.js', target: '../index.js' }]);
    expect(tree.inputs.find((i) => i.file.path === 'dist/bin/kiosk.js')?.file.mode).toBe(0o755);
  });

  it('leaves out what a kiosk never reads from packages (C/C++ and TypeScript sources, maps), keeps the app maps', async () => {
    const app = fakeApp();
    const source = {
      'node_modules/zod/deps/sqlite3.c': 'int main;',
      'node_modules/zod/src/addon.cpp': '//',
      'node_modules/zod/src/addon.h': '//',
      'node_modules/zod/binding.gyp': '{}',
      'node_modules/zod/index.d.ts': 'export {};',
      'node_modules/zod/src/index.ts': 'export {};',
      'node_modules/zod/index.js.map': '{}',
    };
    for (const [path, text] of Object.entries(source)) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), text);
    }
    writeFileSync(join(app, 'dist/bin/kiosk.js.map'), '{}');
    writeFileSync(join(app, 'node_modules/zod/LICENSE.md'), 'MIT');
    const paths = (await collectAppTree(app, 'x64')).inputs.map((i) => i.file.path);
    for (const path of Object.keys(source)) expect(paths).not.toContain(path);
    expect(paths).toContain('dist/bin/kiosk.js.map');
    expect(paths).toContain('node_modules/zod/LICENSE.md');
    expect(paths).toContain('node_modules/zod/index.js');
  });

  it('a good bundle verifies and unpacks byte for byte, links and empty files included', async () => {
    const app = fakeApp({ version: '1.2.0' });
    const file = await bundleOf(app);
    const header = await verifyBundle(file, { keys: trusted, arch: 'x64', abi: ABI, configVersion: 1 });
    expect(header.manifest.version).toBe('1.2.0');
    const dir = join(tempDir('kiosk-unpack-'), '1.2.0');
    await unpackBundle(file, header, dir);
    expect(await checkUnpacked(dir, header.manifest)).toEqual([]);
    expect(readFileSync(join(dir, 'node_modules/zod/index.js'), 'utf8')).toBe("export const v = '1.2.0';\n");
    expect(readFileSync(join(dir, 'node_modules/zod/empty.txt'), 'utf8')).toBe('');
    expect(readlinkSync(join(dir, 'node_modules/zod/lib/main.js'))).toBe('../index.js');
    expect(statSync(join(dir, 'dist/bin/kiosk.js')).mode & 0o777).toBe(0o755);
  });

  it('refuses tampered bundles, unknown keys, other arches, ABIs and configs before unpacking', async () => {
    const file = await bundleOf(fakeApp());
    const bytes = readFileSync(file);
    const at = (await readBundleHeader(file)).payloadOffset;
    const flipped = Buffer.from(bytes);
    flipped[at + 20] = (flipped[at + 20] as number) ^ 0x01;
    const tampered = join(tempDir('kiosk-bundle-'), 'tampered.skr');
    writeFileSync(tampered, flipped);
    expect(await refusal(verifyBundle(tampered, { keys: trusted }))).toBe('payload-mismatch');
    const cut = join(tempDir('kiosk-bundle-'), 'cut.skr');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
    expect(await refusal(verifyBundle(cut, { keys: trusted }))).toBe('payload-mismatch');

    // a manifest edited to name other bytes for a file no longer matches its signature
    const header = await readBundleHeader(file);
    const edited = { ...header.raw, files: [...header.manifest.files] };
    edited.files[0] = { ...header.manifest.files[0]!, mode: 0o755 };
    const json = Buffer.from(JSON.stringify(edited));
    const forged = join(tempDir('kiosk-bundle-'), 'forged.skr');
    writeFileSync(
      forged,
      Buffer.concat([
        Buffer.from(`smart-kiosk-release 1\n${json.length}\n`),
        json,
        Buffer.from('\n'),
        bytes.subarray(at),
      ]),
    );
    expect(await refusal(verifyBundle(forged, { keys: trusted }))).toBe('bad-signature');

    const stranger = parsePublicKeys(generateFleetKeys().publicPem);
    expect(await refusal(verifyBundle(file, { keys: stranger }))).toBe('unknown-key');
    expect(await refusal(verifyBundle(file, { keys: undefined }))).toBe('no-fleet-key');
    expect(await refusal(verifyBundle(file, { keys: trusted, arch: 'arm64' }))).toBe('wrong-arch');
    expect(await refusal(verifyBundle(file, { keys: trusted, abi: ABI + 1 }))).toBe('wrong-abi');
    expect(await refusal(verifyBundle(file, { keys: trusted, configVersion: 0 }))).toBe('config-too-new');
    const junk = join(tempDir('kiosk-bundle-'), 'junk.skr');
    writeFileSync(junk, 'PK\u0003\u0004 not a bundle');
    expect(await refusal(verifyBundle(junk, { keys: trusted }))).toBe('not-a-bundle');
  });

  it('a signed manifest with a path leaving the tree is malformed; a bad file hash stops the unpack', async () => {
    expect(
      releaseManifestSchema.shape.files.element.safeParse({
        path: '../etc/passwd',
        size: 1,
        sha256: 'a'.repeat(64),
        mode: 0o644,
      }).success,
    ).toBe(false);
    expect(
      releaseManifestSchema.shape.files.element.safeParse({
        path: '/etc/x',
        size: 1,
        sha256: 'a'.repeat(64),
        mode: 0o644,
      }).success,
    ).toBe(false);
    // A manifest signed by the fleet key whose file hash is wrong (a builder bug): unpacking stops at that file.
    const file = await bundleOf(fakeApp());
    const header = await readBundleHeader(file);
    const files = header.manifest.files.map((f, i) => (i === 1 ? { ...f, sha256: '0'.repeat(64) } : f));
    const body = { ...header.manifest } as Omit<ReleaseManifest, 'keyId' | 'signature'> & {
      keyId?: string;
      signature?: string;
    };
    delete body.keyId;
    delete body.signature;
    const resigned = signDocument({ ...body, files }, key);
    const dir = join(tempDir('kiosk-unpack-'), 'x');
    await expect(unpackBundle(file, { ...header, manifest: resigned }, dir)).rejects.toMatchObject({
      code: 'file-mismatch',
    });
    const link = signDocument({ ...body, links: [{ path: 'evil', target: '../../../etc' }] }, key);
    const dir2 = join(tempDir('kiosk-unpack-'), 'y');
    await expect(unpackBundle(file, { ...header, manifest: link }, dir2)).rejects.toMatchObject({
      code: 'malformed',
    });
    expect(existsSync(dir2)).toBe(false);
  });

  it('refuses to build for an arch whose native modules the tree does not have', async () => {
    await expect(collectAppTree(fakeApp({ nativeArch: 'x64' }), 'arm64')).rejects.toThrow(
      /addon\/build\/Release\/addon\.node is built for x64, not arm64/,
    );
    const tree = await collectAppTree(fakeApp({ nativeArch: 'arm64' }), 'arm64');
    expect(tree.inputs.some((i) => i.file.path.endsWith('addon.node'))).toBe(true);
  });

  it('kiosk release build and verify: exit 0 for a valid bundle, 1 with the reason otherwise', async () => {
    const dir = tempDir('kiosk-keys-');
    writeFileSync(join(dir, 'priv.pem'), keys.privatePem);
    writeFileSync(join(dir, 'pub.pem'), keys.publicPem);
    const out = join(dir, 'app.skr');
    const app = fakeApp({ version: '2.0.0', migrations: { tickets: 4 } });
    const built = await exec(process.execPath, [
      KIOSK_BIN,
      'release',
      'build',
      '--key',
      join(dir, 'priv.pem'),
      '--out',
      out,
      '--app',
      app,
      '--arch',
      'arm64',
      '--json',
    ]);
    const summary = JSON.parse(built.stdout) as {
      version: string;
      arch: string;
      migrations: Record<string, number>;
    };
    expect(summary).toMatchObject({ version: '2.0.0', arch: 'arm64', migrations: { tickets: 4 } });
    const ok = await exec(process.execPath, [
      KIOSK_BIN,
      'release',
      'verify',
      out,
      '--key',
      join(dir, 'pub.pem'),
      '--arch',
      'arm64',
    ]);
    expect(ok.stdout).toMatch(/^valid: smart-kiosk 2\.0\.0 for arm64/);
    const wrong = await exec(process.execPath, [
      KIOSK_BIN,
      'release',
      'verify',
      out,
      '--key',
      join(dir, 'pub.pem'),
      '--arch',
      'x64',
    ]).catch((e: unknown) => e as { code: number; stderr: string });
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'refused (wrong-arch): release 2.0.0 is built for arm64; this kiosk is x64',
      ),
    });
    expect(readdirSync(dir).sort()).toEqual(['app.skr', 'priv.pem', 'pub.pem']);
  });
});
