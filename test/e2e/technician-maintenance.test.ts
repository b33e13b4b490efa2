import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../technician/provision/pin.js';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';

interface State {
  screen: string;
  details: Record<string, unknown>;
  targets: { id: string; rect: { x: number; y: number; width: number; height: number } }[];
}

const press = (sim: SimProcess, id: string, action?: 'long-press') =>
  sim.api<State>('/api/button', action ? { id, action } : { id });

async function typePin(sim: SimProcess, pin: string): Promise<State> {
  for (const digit of pin) await press(sim, digit);
  return press(sim, 'ok');
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Technician: maintenance screen behind a PIN (simulator)', () => {
  let sim: SimProcess;
  const dir = tempDir('kiosk-maint-');

  beforeAll(async () => {
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        device: { id: 'hn-maint-01' },
        maintenance: {
          pinHash: hashPin('2468'),
          maxAttempts: 3,
          lockoutSeconds: 60,
          qrCode: 'KIOSK-MAINT-TEST',
        },
      }),
    );
    sim = await startSim({ args: ['--config', config] });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('long-press UP then DOWN opens the PIN screen; a wrong PIN is refused and never shown', async () => {
    await press(sim, 'up', 'long-press');
    const pinScreen = await press(sim, 'down', 'long-press');
    expect(pinScreen.screen).toBe('maintenance-pin');
    await press(sim, '1');
    const typed = await press(sim, '3');
    expect(typed.details).toMatchObject({ digits: 2 });
    // Only the count of digits is exposed, never the digits.
    expect(Object.keys(typed.details).sort()).toEqual(['digits', 'lockedSeconds', 'message']);
    const back = await press(sim, 'back');
    expect(back.details).toMatchObject({ digits: 1 });
    const wrong = await typePin(sim, '999');
    expect(wrong.screen).toBe('maintenance-pin');
    expect(wrong.details.message).toMatch(/Sai mã PIN\. Còn 2 lần thử/);
  });

  it('the right PIN opens the maintenance screen with device id, versions and live check results', async () => {
    const opened = await typePin(sim, '2468');
    expect(opened.screen).toBe('maintenance');
    const done = await waitFor(
      () => sim.api<State>('/api/state'),
      (s) => s.details.running === false && s.details.exitCode !== null,
      'the maintenance checks',
    );
    expect(done.details).toMatchObject({ deviceId: 'hn-maint-01', appVersion: '0.1.0', exitCode: 0 });
    const checks = done.details.checks as { id: string; status: string }[];
    expect(checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(['node', 'data-dir', 'database', 'printer', 'service.ui', 'broker']),
    );
    expect(checks.find((c) => c.id === 'database')?.status).toBe('ok');
    // The screen really shows it: decode the PNG and check it is not blank.
    const png = await sim.api<Buffer>('/api/screen.png');
    const pngFile = join(dir, 'maintenance.png');
    writeFileSync(pngFile, png);
    const raw = execFileSync('ffmpeg', [
      '-v',
      'error',
      '-i',
      pngFile,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-',
    ]);
    expect(new Set(raw).size).toBeGreaterThan(8);
  });

  it('prints a service report, changes the volume, and asks before restarting', async () => {
    const before = (await sim.api<unknown[]>('/api/receipts')).length;
    const printed = await press(sim, '2');
    expect(printed.details.message).toBe('Đã in báo cáo kỹ thuật.');
    const receipts = await sim.api<{ height: number }[]>('/api/receipts');
    expect(receipts.length).toBe(before + 1);
    expect(receipts[receipts.length - 1]!.height).toBeGreaterThan(400);
    const louder = await press(sim, '3');
    expect(louder.details.volume).toBe(90);
    const quieter = await press(sim, '4');
    expect(quieter.details.volume).toBe(80);
    const ask = await press(sim, '5');
    expect(ask.details).toMatchObject({ confirmRestart: true });
    const cancelled = await press(sim, '1');
    expect(cancelled.details).toMatchObject({ confirmRestart: false });
  });

  it('a printer fault shows up in the report and in recent errors', async () => {
    await sim.api('/api/printer', { paperOut: true });
    const failed = await press(sim, '2');
    expect(String(failed.details.message)).toMatch(/Không in được: hết giấy — Nạp cuộn giấy mới/);
    await press(sim, '1');
    const rechecked = await waitFor(
      () => sim.api<State>('/api/state'),
      (s) => s.details.running === false && s.details.exitCode === 2,
      'checks to see the paper fault',
    );
    const printer = (rechecked.details.checks as { id: string; status: string }[]).find(
      (c) => c.id === 'printer',
    );
    expect(printer?.status).toBe('fail');
    expect((rechecked.details.errors as string[])[0]).toMatch(
      /printer: printer is out of paper — load a new paper roll/,
    );
    await sim.api('/api/printer', { paperOut: false });
  });

  it('BACK leaves to home; the maintenance QR code reopens the PIN screen; 3 wrong PINs lock entry', async () => {
    const home = await press(sim, 'back');
    expect(home.screen).toBe('home');
    const viaQr = await sim.api<State>('/api/scan', { data: 'KIOSK-MAINT-TEST' });
    expect(viaQr.screen).toBe('maintenance-pin');
    await typePin(sim, '1111');
    await typePin(sim, '1111');
    const locked = await typePin(sim, '1111');
    expect(locked.details.message).toMatch(/Tạm khoá 60 giây/);
    const stillLocked = await typePin(sim, '2468');
    expect(stillLocked.screen).toBe('maintenance-pin');
    expect(stillLocked.details.message).toMatch(/Tạm khoá/);
  });

  it('other scanned codes do not open maintenance', async () => {
    await press(sim, 'back');
    const state = await sim.api<State>('/api/scan', { data: 'KIOSK-MAINT-WRONG' });
    expect(state.screen).not.toMatch(/maintenance/);
  });
});
