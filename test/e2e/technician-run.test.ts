import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../runtime/config/load.js';
import { KIOSK_BIN, tempDir } from '../helpers/sim-process.js';
import { openNotifySocket, type NotifySocket } from '../unit/technician/notify-socket.js';

describe('Technician: `kiosk run` as the systemd service runs it', () => {
  let socket: NotifySocket | undefined;
  afterEach(async () => {
    await socket?.close();
  });

  it('applies the zero-touch file, tells systemd READY=1, pings the watchdog, and says STOPPING=1 on SIGTERM', async () => {
    const dir = tempDir('kiosk-run-');
    const boot = join(dir, 'boot');
    mkdirSync(boot);
    const provisionFile = join(boot, 'kiosk-provision.json');
    writeFileSync(
      provisionFile,
      JSON.stringify({ deviceId: 'hn-run-01', pin: '2468', password: 'x-secret' }),
    );
    const configFile = join(dir, 'etc', 'config.yaml');
    socket = await openNotifySocket(dir);
    const proc = spawn(
      process.execPath,
      [
        KIOSK_BIN,
        'run',
        '--config',
        configFile,
        '--data-dir',
        join(dir, 'data'),
        '--provision-file',
        provisionFile,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '1000000' },
      },
    );
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    try {
      const ready = await socket.waitFor(/READY=1/, 30_000).catch((err: Error) => {
        throw new Error(`${err.message}\nkiosk output:\n${output}`);
      });
      expect(ready).toMatch(/^READY=1\|STATUS=serving as hn-run-01\|MAINPID=\d+$/);
      await socket.waitFor(/^WATCHDOG=1$/, 5000);
      expect((await loadConfig(configFile)).device.id).toBe('hn-run-01');
      expect(existsSync(provisionFile)).toBe(false);
      expect(readdirSync(boot)).toEqual(['kiosk-provision.applied.json']);
      expect(output).toContain('zero-touch provisioning applied');
      expect(output).not.toContain('x-secret');
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await socket.waitFor(/^STOPPING=1/, 5000);
  });
});
