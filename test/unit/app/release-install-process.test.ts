import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { INSTALL_NICE, installInChildProcess } from '../../../app/release-install-process.js';
import { generateFleetKeys, parsePublicKeys } from '../../../domain/fleet/signing.js';
import { ReleaseError } from '../../../domain/release/release-bundle.js';
import { ReleaseLayout } from '../../../domain/release/release-layout.js';
import { fleetKeys } from '../../helpers/fleet.js';
import { bundleApp, fakeApp } from '../../helpers/release-app.js';
import { rejection } from '../../helpers/rejection.js';
import { KIOSK_BIN, tempDir } from '../../helpers/sim-process.js';

const exec = promisify(execFile);
const keys = fleetKeys();
const trusted = parsePublicKeys(keys.publicPem);
const log = pino({ level: 'silent' });

/** A fresh install folder: its root (what the installer is given) and its releases/ folder. */
async function installFolder(): Promise<{ root: string; dir: string }> {
  const layout = new ReleaseLayout(tempDir('kiosk-opt-'));
  await layout.clearIncoming();
  return { root: layout.dir, dir: layout.releasesDir };
}

const refusal = (p: Promise<unknown>) => rejection(p, ReleaseError);

describe('the kiosk installs a downloaded release in a low-priority child process', () => {
  it('installs it with the built CLI and answers with the summary the updater keeps', async () => {
    const { root, dir } = await installFolder();
    const file = await bundleApp(fakeApp({ version: '2.1.0' }), {
      version: '2.1.0',
      key: keys.key,
      migrations: { tickets: 4 },
    });
    const summary = await installInChildProcess({ entry: KIOSK_BIN, root, log }, file, {
      keys: trusted,
    });
    expect(summary.version).toBe('2.1.0');
    expect(summary.migrations).toEqual({ tickets: 4 });
    expect(summary.files).toBeGreaterThan(5);
    expect(readdirSync(dir)).toEqual(['2.1.0']);
    expect(readFileSync(join(dir, '2.1.0', 'dist', 'bin', 'kiosk.js'), 'utf8')).toContain(
      'smart-kiosk 2.1.0',
    );
  });

  it("a tampered bundle or a stranger's is refused with the child's code and reason; nothing is left", async () => {
    const { root, dir } = await installFolder();
    const file = await bundleApp(fakeApp({ version: '2.2.0' }), { version: '2.2.0', key: keys.key });
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    const tampered = join(tempDir(), 'tampered.skr');
    writeFileSync(tampered, bytes);
    const bad = await refusal(
      installInChildProcess({ entry: KIOSK_BIN, root, log }, tampered, { keys: trusted }),
    );
    expect(bad.code).toBe('payload-mismatch');
    expect(bad.message).toMatch(/2\.2\.0.*sha256/);
    const stranger = parsePublicKeys(generateFleetKeys().publicPem);
    const unknown = await refusal(
      installInChildProcess({ entry: KIOSK_BIN, root, log }, file, { keys: stranger }),
    );
    expect(unknown.code).toBe('unknown-key');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('runs the child at nice 10, and a child that fails without an answer is an io error with its stderr', async () => {
    const { root } = await installFolder();
    // stands in for node: reports its own nice value (field 19 of /proc/self/stat) as a refusal
    const fake = join(tempDir(), 'fake-node');
    writeFileSync(
      fake,
      `#!/bin/sh\nnice=$(cut -d' ' -f19 /proc/$$/stat)\nsleep 0.2\nnice=$(cut -d' ' -f19 /proc/$$/stat)\necho '{"ok":false,"code":"io","reason":"nice='$nice'"}'\nexit 1\n`,
    );
    chmodSync(fake, 0o755);
    const niced = await refusal(
      installInChildProcess({ entry: KIOSK_BIN, root, log, node: fake }, 'x.skr', {
        keys: trusted,
      }),
    );
    expect(niced.message).toBe(`nice=${INSTALL_NICE}`);
    const crash = join(tempDir(), 'crash-node');
    writeFileSync(crash, '#!/bin/sh\necho "Segmentation fault in unpack" >&2\nexit 139\n');
    chmodSync(crash, 0o755);
    const io = await refusal(
      installInChildProcess({ entry: KIOSK_BIN, root, log, node: crash }, 'x.skr', {
        keys: trusted,
      }),
    );
    expect(io.code).toBe('io');
    expect(io.message).toBe('the release installer exited with code 139: Segmentation fault in unpack');
    const none = await refusal(
      installInChildProcess({ entry: KIOSK_BIN, root, log }, 'x.skr', { keys: new Map() }),
    );
    expect(none.code).toBe('no-fleet-key');
  });

  it('kiosk release install --parent-pid stops before installing when that process is not its parent', async () => {
    const { root, dir } = await installFolder();
    const file = await bundleApp(fakeApp({ version: '2.3.0' }), { version: '2.3.0', key: keys.key });
    const run = exec(process.execPath, [
      KIOSK_BIN,
      'release',
      'install',
      file,
      '--key',
      keys.publicFile,
      '--dir',
      root,
      '--json',
      '--parent-pid',
      '1',
    ]);
    const err = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: number; stderr?: string } | undefined;
    expect(err?.code).toBe(3);
    expect(err?.stderr).toMatch(/kiosk process 1 that started this install is gone/);
    expect(existsSync(join(dir, '2.3.0'))).toBe(false);
  });
});
