import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIOSK_BIN, tempDir } from '../helpers/sim-process.js';
import { ffmpegDecode, loadPng, mismatchShare } from './render-helpers.js';

const dir = tempDir('kiosk-render-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kiosk(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [KIOSK_BIN, 'render', ...args], {
    encoding: 'utf8',
    timeout: 50_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kiosk render (CLI)', { timeout: 60_000 }, () => {
  it('--list names the registered screens', () => {
    const r = kiosk('--list');
    expect(r.code, r.stderr).toBe(0);
    const names = r.stdout.trim().split('\n');
    expect(names).toContain('home');
    expect(names.length).toBeGreaterThan(1);
  });

  it('a portrait mount: png is upright, rgb565le is the panel bytes, and ffmpeg agrees', async () => {
    const time = '2026-11-25T08:30:00+07:00';
    const png = join(dir, 'home.png');
    const raw = join(dir, 'home.rgb565');
    const common = [
      '--screen',
      'home',
      '--size',
      '800x480',
      '--rotate',
      '270',
      '--theme',
      'large',
      '--lang',
      'en',
      '--time',
      time,
    ];
    expect(kiosk(...common, '--out', png).code).toBe(0);
    const r = kiosk(...common, '--format', 'rgb565le', '--out', raw);
    expect(r.code, r.stderr).toBe(0);
    const upright = await loadPng(png);
    expect([upright.width, upright.height]).toEqual([480, 800]);
    const decoded = await ffmpegDecode(raw, 'rgb565le', 800, 480, `${raw}.png`);
    expect(mismatchShare(upright, decoded, 270, 8)).toBeLessThan(0.001);
  });

  it('bad arguments get a clear message and exit code 2', () => {
    const unknown = kiosk('--screen', 'nope', '--out', join(dir, 'x.png'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no screen named "nope"; available: .*home/);
    const size = kiosk('--screen', 'home', '--size', '800by480', '--out', join(dir, 'x.png'));
    expect(size.code).toBe(2);
    expect(size.stderr).toMatch(/--size: must be WIDTHxHEIGHT/);
    const format = kiosk('--screen', 'home', '--format', 'yuv', '--out', join(dir, 'x.png'));
    expect(format.stderr).toMatch(/--format: must be one of png, rgb565le/);
  });
});
