import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFleetSim, waitFor } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { tempDir, type SimProcess, runKiosk, type CliResult } from '../helpers/sim-process.js';

const kiosk = (...args: string[]): Promise<CliResult> => runKiosk(args, { timeoutMs: 40_000 });

describe('Fleet e2e: kiosk keys gen and kiosk fleet CLI against two simulated kiosks', () => {
  let broker: Mosquitto;
  const sims: SimProcess[] = [];
  const keyDir = tempDir('fleet-cli-keys-');
  let privateKey = '';

  beforeAll(async () => {
    broker = await startMosquitto();
    const gen = await kiosk('keys', 'gen', '--out', keyDir, '--json');
    expect(gen.code).toBe(0);
    const keys = JSON.parse(gen.stdout) as { keyId: string; privateKey: string; publicKey: string };
    privateKey = keys.privateKey;
    for (const id of ['kiosk-cli-1', 'kiosk-cli-2'])
      sims.push(await startFleetSim({ broker: broker.url, deviceId: id, fleetKey: keys.publicKey }));
  });
  afterAll(async () => {
    for (const s of sims) if (s.proc.exitCode === null) await s.stop();
    await broker?.dispose();
  });

  it('keys gen refuses to overwrite without --force', async () => {
    const again = await kiosk('keys', 'gen', '--out', keyDir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds fleet keys; use --force/);
  });

  it('fleet devices --json lists both kiosks with state, versions and peripherals', async () => {
    const devices = await waitFor(
      async () => {
        const r = await kiosk('fleet', 'devices', '--broker', broker.url, '--json', '--wait', '400');
        const list = JSON.parse(r.stdout) as {
          device: string;
          state: string;
          appVersion: string;
          peripherals: { printer: { paper: string } };
        }[];
        return list.filter((d) => d.state === 'online').length === 2 ? list : undefined;
      },
      15_000,
      'two online kiosks',
    );
    expect(devices.map((d) => d.device)).toEqual(['kiosk-cli-1', 'kiosk-cli-2']);
    expect(devices[0]?.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(devices[0]?.peripherals.printer.paper).toBe('ok');
    const table = await kiosk('fleet', 'devices', '--broker', broker.url, '--wait', '300');
    expect(table.stdout).toMatch(/DEVICE\s+STATE\s+LAST SEEN/);
    expect(table.stdout).toMatch(/kiosk-cli-2\s+online/);
  });

  it('fleet cmd reaches one kiosk and answers as JSON', async () => {
    const one = await kiosk(
      'fleet',
      'cmd',
      'set-volume',
      'volume=30',
      '--device',
      'kiosk-cli-1',
      '--key',
      privateKey,
      '--broker',
      broker.url,
      '--json',
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).responses[0]).toMatchObject({
      ok: true,
      device: 'kiosk-cli-1',
      result: { volume: 30 },
    });
  });

  it('fleet cmd --all collects every kiosk', async () => {
    const all = await kiosk(
      'fleet',
      'cmd',
      'ping',
      '--all',
      '--expect',
      '2',
      '--key',
      privateKey,
      '--broker',
      broker.url,
    );
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/kiosk-cli-1: ok/);
    expect(all.stdout).toMatch(/kiosk-cli-2: ok/);
  });

  it('fleet cmd screenshot --out saves the PNG', async () => {
    const png = join(tempDir(), 'screen.png');
    expect(
      (
        await kiosk(
          'fleet',
          'cmd',
          'screenshot',
          '--device',
          'kiosk-cli-2',
          '--out',
          png,
          '--key',
          privateKey,
          '--broker',
          broker.url,
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('fleet cmd reports refusals with exit 1 and bad usage with exit 2', async () => {
    const bad = await kiosk(
      'fleet',
      'cmd',
      'set-volume',
      'volume=500',
      '--device',
      'kiosk-cli-1',
      '--key',
      privateKey,
      '--broker',
      broker.url,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/REFUSED bad-args/);
    const noTarget = await kiosk('fleet', 'cmd', 'ping', '--key', privateKey, '--broker', broker.url);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/exactly one target/);
    const notAKey = await kiosk(
      'fleet',
      'cmd',
      'ping',
      '--all',
      '--key',
      join(keyDir, 'fleet-public.pem'),
      '--broker',
      broker.url,
    );
    expect(notAKey.code).toBe(2);
    expect(notAKey.stderr).toMatch(/--key/);
  });
});
