import { execFile, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../domain/fleet/signing.js';
import { installBundle } from '../../domain/release/release-installer.js';
import { ReleaseLayout } from '../../domain/release/release-layout.js';
import { bundleApp, fakeApp } from '../helpers/release-app.js';
import { runReleaseCuts } from './harness/release-cuts.js';
import { KIOSK_BIN, tempDir } from '../helpers/sim-process.js';

const exec = promisify(execFile);
const keys = generateFleetKeys();
const key = parsePrivateKey(keys.privatePem);

async function bundle(version: string): Promise<string> {
  return bundleApp(fakeApp({ version }), { version, key });
}

describe('Reliability: kill -9 during install and switch always leaves a release that boots', () => {
  it('a few cuts at random points; the guard then leaves current bootable (the soak does 200)', async () => {
    const v1 = await bundle('1.0.0');
    const v2 = await bundle('2.0.0');
    const pub = join(tempDir('kiosk-keys-'), 'pub.pem');
    writeFileSync(pub, keys.publicPem);
    for (let cut = 0; cut < 4; cut++) {
      const layout = new ReleaseLayout(tempDir('kiosk-opt-'));
      await layout.clearIncoming();
      await installBundle(layout, v1, { keys: parsePublicKeys(keys.publicPem) });
      await layout.point('current', '1.0.0');
      await layout.point('previous', '1.0.0');
      const child = spawn(process.execPath, [
        KIOSK_BIN,
        'release',
        'install',
        v2,
        '--key',
        pub,
        '--dir',
        layout.dir,
        '--data-dir',
        tempDir('kiosk-data-'),
        '--switch',
      ]);
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
      child.kill('SIGKILL');
      await exited;
      await exec(process.execPath, [
        KIOSK_BIN,
        'release',
        'guard',
        '--before-start',
        '--dir',
        layout.dir,
        '--data-dir',
        tempDir('kiosk-data-'),
      ]);
      const current = await layout.pointsAt('current');
      expect(['1.0.0', '2.0.0']).toContain(current);
      expect(existsSync(join(layout.dir, 'current', 'dist', 'bin', 'kiosk.js'))).toBe(true);
      const state = await layout.state();
      if (current === '2.0.0')
        expect(state).toMatchObject({ phase: 'trial', trial: { version: '2.0.0', from: '1.0.0' } });
      else expect(['committed', 'trial']).toContain(state.phase);
    }
  });

  it('a few cuts during a fleet update (download, unpack, switch, migration); the soak does 200', async () => {
    const report = await runReleaseCuts({ cuts: 3, seed: 7, fillerBytes: 1048576 });
    expect(report.violations).toEqual([]);
    expect(report.cuts).toBe(3);
    expect(report.neverServed).toBe(0);
    expect(Object.values(report.endedOn).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
